"""Does every scenario file in the library load, and every notebook reference a real one?"""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_course.content.loader import parse_file
from partnership_course.content.paths import modules_dir, scenarios_dir
from partnership_course.validate import collect_problems

FILES = sorted(scenarios_dir().rglob("*.yaml"))


def test_library_is_not_empty() -> None:
    """Is there content to test at all (a glob that matches nothing would pass vacuously)?"""
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(scenarios_dir()).as_posix())
def test_scenario_file_loads(path: Path) -> None:
    """Does this file validate against its kind's model?"""
    scenario = parse_file(path)
    assert scenario.id == path.stem


def test_library_and_notebooks_validate() -> None:
    """Does `partnership-course validate` find no problem in the shipped course?"""
    count, notebooks, problems = collect_problems(scenarios_dir(), modules_dir())
    assert problems == []
    assert count == len(FILES)
    assert notebooks >= 3
