"""The ten-principles sort, where a practice can show more than one principle (issue 10)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from partnership_course.course import Course

FITS = {"en": "Flexibility; Accessibility", "es": "Flexibilidad; Accesibilidad"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_card_with_two_right_categories(make_course: Callable[..., Course], lang: str) -> None:
    """A card that fits two principles is right in either; its other category never reaches the
    page before the check, and after it the card's note names both."""
    course = make_course(module="02-principles", learner=f"two-{lang}", lang=lang)
    widget = course.activity("sort-practices-by-principle")
    assert sum(1 for i in widget.scenario.items if i.also) == 3
    card = next(i for i in widget.content["items"] if i["id"] == "contingency")
    assert set(card) == {"id", "text"}
    widget.place("contingency", "accessibility")
    widget.check()
    assert widget.feedback["score"] == 1
    [note] = [n for n in widget.feedback["notes"] if n["item"] == "contingency"]
    assert note["right"] is True and FITS[lang] in note["fits"]
    widget.place("contingency", "time")
    widget.check()
    assert widget.feedback["score"] == 0
