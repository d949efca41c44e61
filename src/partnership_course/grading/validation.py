"""What `validate` checks for grading: the rubric and its translations, and the anchor answers.

Kept here so `validate` needs one line for grading and grading's file formats stay its own.
"""

from __future__ import annotations

from pathlib import Path

from ..content.errors import Problem


def grading_problems(
    scenarios: Path, languages: list[str] | None = None, course_dir: Path | None = None
) -> tuple[list[Problem], list[str]]:
    """(problems, notes): notes name graded reflections that have no anchor answers yet."""
    from ..content.loader import load_all
    from ..content.paths import course_root
    from .anchors import anchor_problems
    from .rubric import rubric_problems

    if course_dir is None:
        root = course_root()
        if root is None or not (root / "grader" / "rubric.yaml").is_file():
            return [], []
        course_dir = root / "grader"
    problems = rubric_problems(Path(course_dir) / "rubric.yaml", languages)
    found, _ = load_all(scenarios)
    more, missing = anchor_problems(found, course_dir, languages)
    notes = []
    if missing:
        notes.append(
            f"note: {len(missing)} graded reflection(s) have no anchor answers yet "
            f"(grader/anchors/<module>/<activity>.yaml): {', '.join(missing)}"
        )
    return problems + more, notes
