"""The test suite's own shape: no test module imports from a `conftest`, and no two modules of
the suite share a file name.

Every test folder has a conftest.py, and in one pytest run the module named `conftest` is the one
that loaded last, so `from conftest import X` finds another folder's conftest when the whole suite
runs (CI broke this way while partial runs passed). Shared helpers live in uniquely named modules
(`browsing.py`, `hubtools.py`, `ltitools.py`, `support/`).

The test folders are not packages and pytest imports every test module by its file name, so two
files named alike in two folders stop the whole run at collection ("import file mismatch"); a
partial run of one folder never shows it (CI would have failed so on tests/browser and
tests/documents both holding test_toolkit_activity.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def conftest_imports(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if (isinstance(node, ast.ImportFrom) and node.module == "conftest") or "conftest" in names:
            lines.append(node.lineno)
    return lines


def test_no_module_imports_from_a_conftest() -> None:
    found = {
        f"{path.relative_to(TESTS)}:{line}"
        for path in TESTS.rglob("*.py")
        for line in conftest_imports(path)
    }
    assert not found, f"import these from a uniquely named helper module instead: {sorted(found)}"


def test_the_check_sees_an_import_from_conftest(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text("import os\n\ndef test_x():\n    from conftest import SHOTS\n")
    assert conftest_imports(sample) == [4]


def test_no_two_modules_share_a_file_name() -> None:
    by_name: dict[str, list[str]] = {}
    for path in TESTS.rglob("*.py"):
        if path.name in ("conftest.py", "__init__.py") or "fixtures" in path.parts:
            continue
        if (path.parent / "__init__.py").exists():
            continue  # a package's modules are imported under the package's name
        by_name.setdefault(path.name, []).append(str(path.relative_to(TESTS)))
    alike = {name: paths for name, paths in by_name.items() if len(paths) > 1}
    assert not alike, f"rename one of each: {alike}"
