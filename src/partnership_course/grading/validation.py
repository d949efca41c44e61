"""What `validate` checks for grading: the rubric and its translations, and the anchor answers.

Kept here so `validate` needs one line for grading and grading's file formats stay its own.
"""

from __future__ import annotations

from pathlib import Path

from ..content.errors import Problem


def grading_problems(
    scenarios: Path, languages: list[str] | None = None, course_dir: Path | None = None
) -> list[Problem]:
    """Rubric and anchor problems. A graded reflection without anchor answers in every course
    language is one: coaches calibrate their levels on them."""
    from ..content.loader import load_all
    from ..content.paths import course_root
    from .anchors import anchor_problems, translation_anchors
    from .rubric import rubric_problems

    if course_dir is None:
        root = course_root()
        if root is None or not (root / "grader" / "rubric.yaml").is_file():
            return []
        course_dir = root / "grader"
    problems = rubric_problems(Path(course_dir) / "rubric.yaml", languages)
    found, _ = load_all(scenarios)
    more, missing = anchor_problems(found, course_dir, languages)
    folder = Path(course_dir) / "anchors"
    for activity, lang in missing:
        where = folder if lang == "en" else translation_anchors(lang)
        more.append(
            Problem(
                where / f"{activity}.yaml",
                1,
                "",
                "graded reflection without anchor answers (strong:, adequate:)",
            )
        )
    return problems + more
