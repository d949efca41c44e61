"""What the LMS gradebook should show for one learner's module: completion, then scores.

A module is completed when every one of its activities is answered, by the workshop's own
definition (`workshop.report.completed`: a saved answer for each, no reflection left blank).

The automatic score is the one nbgrader's autograder will give: the module's graded notebooks
are built exactly as `grade source` builds them, and their locked test cells are run here
against the learner's stored answers. So the number the LMS receives at completion is the same
the coach later sees in formgrader, before any manual score, and no scoring rule is written
twice. Once the coach has graded, the gradebook's total replaces it.
"""

from __future__ import annotations

import ast
import contextlib
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

FULLY_GRADED = "FullyGraded"
PENDING_MANUAL = "PendingManual"
COMPLETED = "Completed"


@dataclass(frozen=True)
class ModuleState:
    """One learner's module as it is to be posted."""

    module: str
    title: str
    score_given: float
    score_maximum: float
    activity_progress: str
    grading_progress: str
    source: str  # "automatic" (at completion) or "gradebook" (after the coach's grading)


@dataclass(frozen=True)
class GradedModule:
    """A module's graded notebooks: the test cells to run and the points it is worth."""

    module: str
    title: str
    tests: tuple[str, ...]  # source of every locked autograder test cell
    max_points: float
    manual_points: float


def _title(module: Any) -> str:
    return module.pages[0].title if module.pages else module.name


@lru_cache(maxsize=16)
def _graded(module: str, modules_root: str, rubric_path: str | None) -> GradedModule:
    import nbformat

    from ..grading.rubric import load_rubric
    from ..grading.source import build_notebook
    from ..workshop.outline import outline

    rubric = load_rubric(Path(rubric_path) if rubric_path else None)
    tests: list[str] = []
    points = manual = 0.0
    found = next((m for m in outline(Path(modules_root)) if m.name == module), None)
    if found is None:
        raise KeyError(f"no module {module!r} in {modules_root}")
    for page in found.pages:
        nb = nbformat.read(Path(modules_root) / page.path, as_version=4)
        built, activities, _ = build_notebook(nb, module, Path(page.path).stem, rubric)
        points += sum(a.points for a in activities)
        manual += sum(a.manual_points for a in activities)
        for cell in built.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
                tests.append(cell.source)
    return GradedModule(module, _title(found), tuple(tests), round(points, 2), round(manual, 2))


def graded_module(
    module: str, modules_root: Path | None = None, rubric: Path | None = None
) -> GradedModule:
    from ..content.paths import modules_dir

    root = modules_root or modules_dir()
    return _graded(module, str(root), str(rubric) if rubric else None)


def _run_test(source: str, namespace: dict[str, Any]) -> float:
    """Run one test cell as the autograding kernel would; its last expression is the points."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(tree, "<autograder test>", "exec"), namespace)
        if last is None:
            return 0.0
        value = eval(compile(ast.Expression(last.value), "<autograder test>", "eval"), namespace)
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def automatic_score(graded: GradedModule, learner: str, store: Any, lang: str = "en") -> float:
    """Points the autograder's tests give `learner`'s stored answers in this module."""
    from ..course import Course

    course = Course(graded.module, learner=learner, store=store, lang=lang)
    total = sum(_run_test(test, {"course": course}) for test in graded.tests)
    return round(total, 2)


def completed(module: str, learner: str, store: Any, modules_root: Path | None = None) -> bool:
    """Has `learner` answered every activity of `module` (no reflection left blank)?"""
    from ..content.paths import modules_dir
    from ..workshop.outline import outline
    from ..workshop.report import completed as all_answered

    found = next((m for m in outline(modules_root or modules_dir()) if m.name == module), None)
    if found is None:
        return False
    return all_answered(list(found.activities), store.query(learner=learner, module=module))


Scores = dict[tuple[str, str], tuple[float, float, bool]]


def gradebook_scores(db_url: str, course_id: str) -> Scores:
    """(learner, module) -> (score, max score, needs manual grading) of graded submissions."""
    from nbgrader.api import Gradebook

    out: Scores = {}
    with Gradebook(db_url, course_id) as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                if not submission.notebooks or all(not nb.grades for nb in submission.notebooks):
                    continue
                out[(submission.student.id, assignment.name)] = (
                    round(float(submission.score or 0.0), 2),
                    round(float(submission.max_score or 0.0), 2),
                    bool(submission.needs_manual_grade),
                )
    return out


def module_state(
    graded: GradedModule,
    learner: str,
    store: Any,
    graded_scores: Scores | None = None,
    modules_root: Path | None = None,
    lang: str = "en",
) -> ModuleState | None:
    """What to post for `learner`'s module now; None before the module is completed.

    The gradebook's score, once the coach's grading has reached it, wins over the automatic
    score; while reflections still wait for the coach the grading progress says so.
    """
    if not completed(graded.module, learner, store, modules_root):
        return None
    found = (graded_scores or {}).get((learner, graded.module))
    if found is not None:
        score, maximum, needs_manual = found
        return ModuleState(
            graded.module,
            graded.title,
            score,
            maximum or graded.max_points,
            COMPLETED,
            PENDING_MANUAL if needs_manual else FULLY_GRADED,
            "gradebook",
        )
    return ModuleState(
        graded.module,
        graded.title,
        automatic_score(graded, learner, store, lang),
        graded.max_points,
        COMPLETED,
        PENDING_MANUAL if graded.manual_points > 0 else FULLY_GRADED,
        "automatic",
    )
