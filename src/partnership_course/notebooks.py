"""What the course's notebooks contain: activity references, hygiene, and where cells sit.

Used by `validate`, by the tests and by the grader, so the rules for a well-formed module
notebook are written once.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CELL_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# The one form of an activity cell the grader recognises (`grading.source` builds the answer
# and test cells from it, `inject` finds the answer cell by it): the call alone, nothing after.
ACTIVITY_CALL = re.compile(
    r"""^\s*course\.activity\(\s*(["'])([a-z0-9][a-z0-9_/-]*)\1\s*\)\s*;?\s*$"""
)
# The module's start: the grader locks the cell that assigns `course` (`START_CALL`), and a
# translated copy adds its language to the call (`i18n.notebooks` rewrites `START`).
START_CALL = re.compile(r"^\s*course\s*=\s*start\(", re.MULTILINE)
START = re.compile(r'start\((["\'])([^"\']+)\1\)')


@dataclass(frozen=True)
class ActivityRef:
    """One `course.activity("name")` call in a notebook cell."""

    notebook: Path
    cell_id: str
    line: int
    module: str
    name: str

    @property
    def scenario_id(self) -> str:
        return self.name if "/" in self.name else f"{self.module}/{self.name}"


def module_notebooks(modules: Path) -> list[Path]:
    """Every module notebook, in reading order. Hidden folders and files (a name starting with
    ".": Jupyter's `.ipynb_checkpoints`, an editor's or a draft's) are never course pages, so
    they are neither counted, translated nor served."""
    return sorted(
        p
        for p in modules.glob("*/*.ipynb")
        if not any(part.startswith(".") for part in p.relative_to(modules).parts)
    )


def cell_lines(path: Path) -> dict[str, int]:
    """Cell id -> line of its `"id"` in the file, so problems can point at a line."""
    lines: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r'\s*"id":\s*"([^"]*)"', line)
        if match and match.group(1) not in lines:
            lines[match.group(1)] = number
    return lines


def _calls(source: str) -> Iterator[tuple[str, str]]:
    """(function name, first string argument) for each call in a code cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        yield name, first.value


def activity_refs(path: Path) -> tuple[str | None, list[ActivityRef]]:
    """The module a notebook starts (`start("...")`) and the activities it shows."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    lines = cell_lines(path)
    module: str | None = None
    refs: list[ActivityRef] = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", []))
        for func, arg in _calls(source):
            if func == "start" and module is None:
                module = arg
            elif func == "activity":
                cell_id = cell.get("id", "")
                refs.append(ActivityRef(path, cell_id, lines.get(cell_id, 1), module or "", arg))
    return module, refs


def hygiene_problems(path: Path) -> list[tuple[int, str, str]]:
    """(line, field, problem) for outputs left in, missing or unstable cell ids, unlocked cells."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    lines = cell_lines(path)
    problems: list[tuple[int, str, str]] = []
    if (notebook.get("nbformat"), notebook.get("nbformat_minor", 0)) < (4, 5):
        problems.append((1, "nbformat", "must be 4.5 or later so cells carry ids"))
    seen: set[str] = set()
    for index, cell in enumerate(notebook.get("cells", [])):
        cell_id = cell.get("id")
        line = lines.get(cell_id or "", 1)
        field = f"cells[{index}]"
        if not cell_id or not CELL_ID.match(cell_id):
            problems.append((line, f"{field}.id", f"{cell_id!r} is not a stable id ([a-z0-9-])"))
        elif cell_id in seen:
            problems.append((line, f"{field}.id", f"duplicate cell id {cell_id!r}"))
        seen.add(cell_id or "")
        meta = cell.get("metadata", {})
        if meta.get("editable") is not False or meta.get("deletable") is not False:
            # teachers never edit code, and an accidental keystroke must not break a page
            problems.append(
                (line, f"{field}.metadata", "must be editable: false, deletable: false")
            )
        if cell.get("cell_type") == "code":
            if not meta.get("jupyter", {}).get("source_hidden"):
                problems.append((line, f"{field}.metadata.jupyter", "code must be source_hidden"))
            if cell.get("outputs"):
                problems.append((line, f"{field}.outputs", "stored with outputs; clear them"))
            if cell.get("execution_count") is not None:
                problems.append((line, f"{field}.execution_count", "must be null"))
            source = "".join(cell.get("source", []))
            if any(f == "start" for f, _ in _calls(source)) and not (
                START_CALL.search(source) and START.search(source)
            ):
                # otherwise the grader misses the start cell or a translation runs in English
                problems.append(
                    (
                        line,
                        f"{field}.source",
                        'the module starts with course = start("<module>") exactly: the grader '
                        "and the translated copies read no other form",
                    )
                )
            if any(f == "activity" for f, _ in _calls(source)) and not ACTIVITY_CALL.match(source):
                # anything else is shown on the page but never graded: refuse it here
                problems.append(
                    (
                        line,
                        f"{field}.source",
                        'an activity cell must hold only course.activity("<id>") (no comment, '
                        "assignment or other code): the grader reads no other form",
                    )
                )
    return problems
