"""The course's own scenario library, for tests that drive every file of one kind through its
widget: parametrize over what the course holds, never over a list of file names."""

from __future__ import annotations

from pathlib import Path

from partnership_course.content import load_all
from partnership_course.content.paths import course_root


def course_scenarios() -> Path:
    """The checkout's `scenarios/` folder (the test fails, never skips, without one)."""
    root = course_root()
    assert root is not None, "no course checkout: the scenario library is part of the course"
    return root / "scenarios"


def activities_of_kind(kind: str) -> list[str]:
    """Every `module/name` in the course's library whose scenario is of `kind`, sorted."""
    found, problems = load_all(course_scenarios())
    assert not problems, problems
    wanted = sorted(name for name, scenario in found.items() if scenario.kind == kind)
    assert wanted, f"the course has no {kind} activity"
    return wanted
