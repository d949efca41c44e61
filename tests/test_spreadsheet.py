"""One formula guard for every CSV the course writes (`spreadsheet.py`), and no copy of it.

The review found the rule written three times (the workshop's exports, the workshop's report and
the grader); copies drift, and a copy missing `\\t` or `@` hands a spreadsheet a formula.
"""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

from partnership_course import spreadsheet
from partnership_course.store import Response
from partnership_course.workshop import exports, report

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "partnership_course"
STARTS = ("=1+1", "+3", "-2", "@SUM(A1)", "\tx", "\rx")


def _formula_lists(tree: ast.AST) -> list[int]:
    """Lines holding a tuple, list or set of string literals with `=`, `+`, `-` and `@`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            strings = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            if {"=", "+", "-", "@"} <= strings:
                found.append(node.lineno)
    return found


def test_the_formula_starts_are_written_once() -> None:
    """Does any module but spreadsheet.py carry its own list of formula starts?"""
    copies = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "spreadsheet.py" or path.parent != PACKAGE
        for line in _formula_lists(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert copies == []
    assert _formula_lists(ast.parse((PACKAGE / "spreadsheet.py").read_text(encoding="utf-8")))


def test_the_workshop_exports_use_the_one_rule() -> None:
    assert exports.neutralise is spreadsheet.neutralise
    assert [exports.neutralise(x) for x in (*STARTS, "plain", "", "a=b")] == [
        *("'" + x for x in STARTS),
        "plain",
        "",
        "a=b",
    ]


def test_the_answers_csv_cells_are_what_they_were() -> None:
    """The report's own copy agreed with the shared rule on every string (each start is one
    character, so `text[:1] in starts` is `text.startswith(starts)`); this pins its cells: the
    display name guarded, the ids left as they are, the answer's JSON (it starts with `{`)."""
    answers = [
        Response("@l1", "m", "a", "reflection", {"text": "=cmd()"}, 1, "2026-01-01T00:00:00Z"),
        Response("l2", "m", "a", "reflection", {"text": "ok"}, 2, "2026-01-01T00:00:00Z"),
    ]
    names = {"@l1": "-Cy", "l2": "\tBen"}
    _heading, first, second = list(csv.reader(io.StringIO(report.answers_csv(answers, names))))
    assert first[:2] == ["'-Cy", "@l1"] and first[-1] == '{"text": "=cmd()"}'
    assert second[:2] == ["'\tBen", "l2"] and second[-1] == '{"text": "ok"}'
