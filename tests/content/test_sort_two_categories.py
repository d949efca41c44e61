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


def test_the_room_tally_marks_both_right_categories(make_course: Callable[..., Course]) -> None:
    """The facilitator view's per-card tally marks every right category of a card as keyed."""
    from types import SimpleNamespace

    from partnership_course.content import summaries

    scenario = make_course(module="02-principles").scenario("sort-practices-by-principle")
    answers = [SimpleNamespace(value={"placements": {"contingency": "accessibility"}})]
    tallies = summaries.sort(scenario, answers, {}, "en").tallies
    card = next(t for t, i in zip(tallies, scenario.items, strict=True) if i.id == "contingency")
    keyed = {label for label, _count, right in card.counts if right}
    assert keyed == {"Flexibility", "Accessibility"}
    assert ("Accessibility", 1, True) in card.counts
