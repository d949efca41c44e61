"""The parse cache behind `read_yaml`: a kernel reads content it has seen as JSON, never PyYAML.

A warm workshop kernel used to spend about a quarter of its CPU composing PyYAML node trees for
its page's scenario and translation files. These tests check that a file read once comes back
equal from the cache, that an edit is never served stale, that an error found on cached data
still names the right line, and that a fresh process with a filled cache never imports yaml.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from partnership_course.content import yamlsrc
from partnership_course.content.yamlsrc import read_yaml

TEXT = "schema_version: 1\nid: x\noptions:\n  - text: Yes\n  - text: maybe\n    extra: 3\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(yamlsrc.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "yaml"


def test_a_file_read_twice_comes_from_the_cache_equal(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(TEXT, encoding="utf-8")
    first = read_yaml(path)
    assert first.root is not None  # parsed: the tree is there
    assert len(list(cache.glob("*.json"))) == 1
    second = read_yaml(path)
    assert second.root is None and second.text == TEXT  # from the cache
    assert (
        second.data
        == first.data
        == {
            "schema_version": 1,
            "id": "x",
            "options": [{"text": "Yes"}, {"text": "maybe", "extra": 3}],
        }
    )
    # an error on cached data names the same line as on a fresh parse
    for loc in (("options", 1, "extra"), ("options", 0), ("id",), ("nowhere",)):
        assert second.line_of(loc) == first.line_of(loc)
    assert second.line_of(("options", 1, "extra")) == 6


def test_an_edited_file_is_read_again(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(TEXT, encoding="utf-8")
    read_yaml(path)
    path.write_text(TEXT.replace("maybe", "perhaps"), encoding="utf-8")
    assert read_yaml(path).data["options"][1]["text"] == "perhaps"
    assert len(list(cache.glob("*.json"))) == 2


def test_what_json_cannot_give_back_is_not_cached(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("when: 2026-12-01\n1: one\n", encoding="utf-8")
    assert read_yaml(path).data == {"when": __import__("datetime").date(2026, 12, 1), 1: "one"}
    assert read_yaml(path).root is not None  # parsed again, not cached
    assert not list(cache.glob("*.json"))


def test_bad_files_still_fail_every_time(tmp_path: Path, cache: Path) -> None:
    from partnership_course.content.errors import ScenarioError

    path = tmp_path / "dup.yaml"
    path.write_text("id: a\nid: b\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ScenarioError, match="duplicate key 'id'"):
            read_yaml(path)
    assert not list(cache.glob("*.json"))


def test_a_kernel_with_a_filled_cache_never_imports_yaml(cache: Path) -> None:
    code = """
import sys
from partnership_course.i18n.overlay import translated_scenario
for lang in ("en", "es"):
    for name in ("before-two-way", "interpreter-check", "challenge-reflection"):
        translated_scenario(f"01-dual-capacity/{name}", lang)
print("yaml" in sys.modules)
"""
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert [r.stdout.strip() for r in runs] == ["True", "False"]  # filled, then used
