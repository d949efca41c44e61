"""Do the package's layers import only downward? An AST walk over every module, counting the
imports inside functions too (a lazy import is still a dependency)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "partnership_course"

# Lowest first. A module may import its own layer and the layers below it. A top-level module
# or package not listed here is an application (the top layer), so a new one needs no edit.
LAYERS: list[set[str]] = [
    {"store", "words", "notebooks", "spreadsheet"},  # storage and text helpers
    # content and its translations: i18n reads content files, content marks its labels with
    # N_; neither knows anything of kernels, hosts, requests or pages
    {"content", "i18n"},
    {"context", "rendering"},  # who and which language; the one HTML path
    {"activities", "documents"},  # widgets and printable documents
]
# Applications may use each other, except in these directions (review finding: the workshop
# took the certificate from the grader; activities must not know who hosts them).
FORBIDDEN = {
    ("workshop", "grading"),
    ("grading", "workshop"),
    ("activities", "identity"),
    ("activities", "workshop"),
    ("activities", "grading"),
}


def layer_of(name: str) -> int:
    for index, members in enumerate(LAYERS):
        if name in members:
            return index
    return len(LAYERS)


def internal_imports(path: Path, source: str | None = None) -> set[str]:
    """The package's top-level names that the module at `path` (or `source`, read as though
    it were that file) imports, anywhere in it."""
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    package = parts if parts[-1] == "__init__" else parts[:-1]
    if package[-1] == "__init__":
        package = package[:-1]
    found: set[str] = set()
    text = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(text)):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
                targets = [module] if node.module else [f"{module}.{a.name}" for a in node.names]
            elif node.module:
                targets = [node.module]
                if node.module == "partnership_course":
                    targets = [f"partnership_course.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        for target in targets:
            bits = target.split(".")
            if bits[0] == "partnership_course" and len(bits) > 1:
                found.add(bits[1])
    return found


def top_name(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if top_name(p) != "__init__")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_module_imports_only_downward(path: Path) -> None:
    """Does this module import nothing from a higher layer, or across a forbidden edge?"""
    mine = top_name(path)
    wrong = sorted(
        other
        for other in internal_imports(path) - {mine}
        if layer_of(other) > layer_of(mine) or (mine, other) in FORBIDDEN
    )
    assert not wrong, f"{path.relative_to(PACKAGE)} ({mine}) imports {wrong}"


def test_the_walk_sees_lazy_and_relative_imports() -> None:
    """Would the walk catch the old cycle: a lazy relative import inside an i18n function?"""
    where = PACKAGE / "i18n" / "__init__.py"
    source = "def f():\n    from ..identity import x\n    from .. import workshop\n"
    assert internal_imports(where, source) == {"identity", "workshop"}
    assert internal_imports(where, "from . import catalogue\nfrom ..content import paths\n") == {
        "i18n",
        "content",
    }


def private_store_imports(path: Path, source: str | None = None) -> list[str]:
    """Private names (`_row`) the module at `path` (or `source` as that file) imports from
    the store, anywhere in it."""
    package = list(path.relative_to(PACKAGE.parent).parent.parts)
    text = path.read_text(encoding="utf-8") if source is None else source
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - (node.level - 1)] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])]).split(".")
            if module[:2] == ["partnership_course", "store"]:
                found += [a.name for a in node.names if a.name.startswith("_")]
    return found


def test_only_the_store_reads_its_rows() -> None:
    """Does any module outside `store/` import the store's private helpers (review finding:
    the workshop read the `responses` table itself with `_row`) instead of a `ResponseStore`
    method?"""
    outside = [p for p in MODULES if top_name(p) != "store"]
    wrong = {
        str(p.relative_to(PACKAGE)): names for p in outside if (names := private_store_imports(p))
    }
    assert wrong == {}
    # the walk sees the old line, lazy inside a function, and the absolute spelling
    old = "def _response(row):\n    from ..store.responses import _row\n"
    assert private_store_imports(PACKAGE / "workshop" / "sessions.py", old) == ["_row"]
    top = "from partnership_course.store import _x\nfrom .store import Response\n"
    assert private_store_imports(PACKAGE / "cli.py", top) == ["_x"]


def test_the_workshop_handlers_run_no_sql() -> None:
    """Does `workshop/app.py` (the HTTP handlers) leave SQL to the stores (review finding: the
    facilitator's cookie check selected from the `workshops` table in a handler)?"""
    tree = ast.parse((PACKAGE / "workshop" / "app.py").read_text(encoding="utf-8"))
    modules, names = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add("." * node.level + (node.module or ""))
            names |= {alias.name for alias in node.names}
    assert "sqlalchemy" not in modules
    assert not names & {"workshops", "participants", "responses", "metadata"}  # the tables
