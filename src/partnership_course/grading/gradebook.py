"""Reading and writing coach scores in nbgrader's gradebook, the one place scores live.

A graded reflection is, in the gradebook, a solution cell `<name>--answer` (its comment holds
the coach's comment, and nbgrader's "No response." when nothing was written), locked test cells
for the machine criteria and one task cell `<name>--<criterion>` per coach criterion. Formgrader,
`nbgrader export`, the report, the feedback pages and the coaches' grading page all read and
write these same rows, so a score given in one shows in all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .source import split_grade_id

NO_RESPONSE = "No response."  # nbgrader's auto comment on an untouched solution cell


@contextmanager
def gradebook(url: str, course_id: str) -> Iterator[Any]:
    """nbgrader's `Gradebook` for `url` (closed afterwards)."""
    from nbgrader.api import Gradebook

    with Gradebook(url, course_id) as gb:
        yield gb


@dataclass
class Layout:
    """Where one graded reflection lives in an assignment."""

    module: str
    notebook: str
    name: str  # activity name inside the module
    manual: list[str] = field(default_factory=list)  # task-cell grade ids, in notebook order
    checks: list[str] = field(default_factory=list)  # autograded criterion grade ids

    @property
    def answer(self) -> str:
        """Grade id of the reflection's answer (solution) cell."""
        return f"{self.name}--answer"


def reflection_layouts(gb: Any, modules: list[str] | None = None) -> list[Layout]:
    """Every reflection with coach criteria, per module and notebook, in notebook order."""
    from nbgrader.api import TaskCell

    found: list[Layout] = []
    for assignment in sorted(gb.assignments, key=lambda a: a.name):
        if modules and assignment.name not in modules:
            continue
        for notebook in assignment.notebooks:
            tasks = {c.name for c in notebook.task_cells if isinstance(c, TaskCell)}
            graded = {c.name for c in notebook.grade_cells}
            by_name: dict[str, Layout] = {}
            for cell in notebook.source_cells:  # source order: the notebook's order
                name, part = split_grade_id(cell.name)
                if not name or part in ("answer", "rubric", "score"):
                    continue
                if cell.name in tasks:
                    layout = by_name.setdefault(name, Layout(assignment.name, notebook.name, name))
                    layout.manual.append(cell.name)
                elif cell.name in graded and name in by_name:
                    by_name[name].checks.append(cell.name)
            # checks come before the coach cells in the notebook: collect them afterwards
            for cell in notebook.grade_cells:
                name, _ = split_grade_id(cell.name)
                if name in by_name and cell.name not in by_name[name].checks:
                    by_name[name].checks.append(cell.name)
            found += list(by_name.values())
    return found


def is_missing(gb: Any, layout: Layout, learner: str) -> bool:
    """Whether the learner saved no text for this reflection (nbgrader's "No response.")."""
    from nbgrader.api import MissingEntry

    try:
        comment = gb.find_comment(layout.answer, layout.notebook, layout.module, learner)
    except MissingEntry:
        return True
    return comment.auto_comment == NO_RESPONSE


def settle_missing(url: str, course_id: str, modules: list[str] | None = None) -> int:
    """Score 0 every coach criterion of a reflection that was never written, so coaches (in
    formgrader and on the grading page) see only texts to read. A criterion a coach has
    already scored is left alone. Returns how many criteria were settled."""
    from nbgrader.api import MissingEntry

    settled = 0
    with gradebook(url, course_id) as gb:
        layouts = reflection_layouts(gb, modules)
        for submission in [s for a in gb.assignments for s in a.submissions]:
            learner = submission.student.id
            for layout in layouts:
                if layout.module != submission.assignment.name:
                    continue
                if not is_missing(gb, layout, learner):
                    continue
                for gid in layout.manual:
                    try:
                        grade = gb.find_grade(gid, layout.notebook, layout.module, learner)
                    except MissingEntry:
                        continue
                    if grade.manual_score is None and grade.needs_manual_grade:
                        grade.manual_score = 0.0
                        grade.needs_manual_grade = False
                        settled += 1
        gb.db.commit()
    return settled


class ScoreError(ValueError):
    """A score a criterion cannot take, or a reflection the gradebook does not hold."""


def save_reflection(
    url: str,
    course_id: str,
    layout: Layout,
    learner: str,
    scores: dict[str, float],
    comment: str | None,
    allowed: dict[str, list[float]] | None = None,
) -> None:
    """Write a coach's per-criterion scores and comment, as formgrader's own save does
    (manual score set, needs_manual_grade cleared; the comment on the answer cell).

    `scores` maps grade ids of coach criteria to points; with `allowed` (grade id -> the
    level points of that criterion) any other value is refused and nothing is written.
    """
    from nbgrader.api import MissingEntry

    unknown = set(scores) - set(layout.manual)
    if unknown:
        raise ScoreError(f"not a coach criterion of {layout.name}: {sorted(unknown)}")
    for gid, value in scores.items():
        if allowed is not None and not any(abs(value - p) < 1e-9 for p in allowed.get(gid, [])):
            raise ScoreError(f"{gid}: {value:g} is not one of the criterion's levels")
    with gradebook(url, course_id) as gb:
        try:
            grades = {
                gid: gb.find_grade(gid, layout.notebook, layout.module, learner) for gid in scores
            }
            note = gb.find_comment(layout.answer, layout.notebook, layout.module, learner)
        except MissingEntry as exc:
            raise ScoreError(str(exc)) from exc
        for gid, grade in grades.items():
            if scores[gid] > float(grade.max_score) + 1e-9 or scores[gid] < 0:
                raise ScoreError(f"{gid}: {scores[gid]:g} is outside 0-{grade.max_score:g}")
        for gid, grade in grades.items():
            grade.manual_score = float(scores[gid])
            grade.needs_manual_grade = False
        if comment is not None:
            note.manual_comment = comment
        gb.db.commit()
