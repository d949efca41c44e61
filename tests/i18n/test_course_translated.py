"""Is every string of the course (interface, activities, notebooks) translated into Spanish?"""

from __future__ import annotations

import pytest

from partnership_course.i18n import DEFAULT, SUPPORTED
from partnership_course.i18n.commands import translation_problems


@pytest.mark.parametrize("lang", [x for x in SUPPORTED if x != DEFAULT])
def test_every_string_is_translated(lang: str) -> None:
    """Does `partnership-course translations status` find nothing missing or wrong?"""
    problems = [str(p) for p in translation_problems(lang)]
    assert problems == []
