"""Anchor answers: a strong and an adequate reply per graded reflection, for coaches only.

They live outside the scenario library (`grader/anchors/<module>/<activity>.yaml`, Spanish in
`translations/es/grader/anchors/<module>/<activity>.yaml`), because the scenario files are loaded
into every learner's kernel and an anchor there would be one `course.scenario(...)` away from
every learner. Only the coaches' grading page reads them.

    schema_version: 1
    strong: >-
      A reply that would earn the top level of every coach criterion.
    adequate: >-
      A reply that would earn the middle levels.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.errors import Problem, ScenarioError

FIELDS = ("strong", "adequate")


@dataclass(frozen=True)
class Anchors:
    """The two anchor answers of one reflection, in one language."""

    activity: str
    strong: str
    adequate: str
    lang: str = "en"


def anchors_dir(course_dir: Path | None = None) -> Path:
    """`<course>/anchors` (default: the checkout's `grader/anchors`)."""
    if course_dir is not None:
        return Path(course_dir) / "anchors"
    from ..content.paths import course_root

    root = course_root()
    if root is None:
        raise FileNotFoundError("no course folder given and no course checkout found")
    return root / "grader" / "anchors"


def translation_anchors(lang: str) -> Path:
    """Where the anchors of `lang` live: `translations/<lang>/grader/anchors`."""
    from ..content.paths import translations_dir

    return translations_dir() / lang / "grader" / "anchors"


def _read(path: Path, activity: str, lang: str) -> tuple[Anchors | None, list[Problem]]:
    from ..content.yamlsrc import read_yaml

    try:
        located = read_yaml(path)
    except ScenarioError as exc:
        return None, exc.problems
    data: Any = located.data
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return None, [Problem(path, 1, "", "must be a mapping with strong: and adequate:")]
    if data.get("schema_version") != 1:
        problems.append(
            Problem(path, located.line_of(("schema_version",)), "schema_version", "must be 1")
        )
    for key in sorted(set(data) - {"schema_version", *FIELDS}):
        problems.append(Problem(path, located.line_of((key,)), key, "unknown field"))
    texts: dict[str, str] = {}
    for key in FIELDS:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(
                Problem(path, located.line_of((key,)), key, "an anchor answer (text) is required")
            )
        else:
            texts[key] = value
    if problems:
        return None, problems
    return Anchors(activity, texts["strong"], texts["adequate"], lang), []


def load_anchors(activity: str, lang: str = "en", course_dir: Path | None = None) -> Anchors | None:
    """The anchors of `activity` (`<module>/<id>`) in `lang`, else English, else None."""
    candidates = []
    if lang != "en":
        candidates.append((translation_anchors(lang) / f"{activity}.yaml", lang))
    candidates.append((anchors_dir(course_dir) / f"{activity}.yaml", "en"))
    for path, found_lang in candidates:
        if path.is_file():
            anchors, problems = _read(path, activity, found_lang)
            if problems:
                raise ScenarioError(problems)
            return anchors
    return None


def graded_reflections(scenarios: dict[str, Any]) -> list[str]:
    """Activity ids of the reflections a coach scores (points, and not an ungraded journal)."""
    return sorted(
        aid
        for aid, s in scenarios.items()
        if s.kind == "reflection" and s.points and getattr(s, "graded", True)
    )


def anchor_problems(
    scenarios: dict[str, Any],
    course_dir: Path | None = None,
    languages: list[str] | None = None,
) -> tuple[list[Problem], list[tuple[str, str]]]:
    """(problems, (graded reflection, language) pairs still without anchors) for `validate`.

    A problem is an anchor file that is broken, or that belongs to no graded reflection (an
    anchor for an ungraded journal or a deleted activity would mislead a coach). A reflection is
    missing in every course language it lacks, so a coach grading in Spanish is never left with
    English anchors only.
    """
    graded = set(graded_reflections(scenarios))
    problems: list[Problem] = []
    folders = [(anchors_dir(course_dir), "en")]
    folders += [(translation_anchors(lang), lang) for lang in languages or []]
    have: set[tuple[str, str]] = set()
    for folder, lang in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.yaml")):
            activity = path.relative_to(folder).with_suffix("").as_posix()
            if activity not in graded:
                why = (
                    "is not a graded reflection (graded: false or no points)"
                    if activity in scenarios
                    else "has no scenario file"
                )
                problems.append(
                    Problem(path, 1, "", f"anchor answers for {activity!r}, which {why}")
                )
                continue
            if lang != "en" and not (anchors_dir(course_dir) / f"{activity}.yaml").is_file():
                problems.append(Problem(path, 1, "", "translated anchors without English ones"))
            problems += _read(path, activity, lang)[1]
            have.add((activity, lang))
    wanted = [(a, lang) for lang in ["en", *(languages or [])] for a in sorted(graded)]
    return problems, [pair for pair in wanted if pair not in have]
