"""Do the four core widgets store every event, restore it, and render learner text safely?"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.answers import stored

from partnership_course.course import Course
from partnership_course.store import ResponseStore


def test_choice_feedback_per_option(course: Course, store: ResponseStore) -> None:
    """Does each choice show that option's own feedback and store every attempt?"""
    widget = course.activity("q")
    assert widget.choose("no") is False
    assert widget.feedback["text"] == "The rule says the opposite."
    assert widget.feedback["verdict"] == "Not quite." and widget.feedback["correct"] is False
    assert widget.choose("yes") is True
    assert "bring people who know the child" in widget.feedback["text"]
    assert stored(store, "q") == {"choice": "yes", "correct": True, "attempts": ["no", "yes"]}


def test_choice_click_through_widget(course: Course, store: ResponseStore) -> None:
    """Does the page's Check button (the front end's message) save, like choose() does?"""
    widget = course.activity("q")
    widget._handle_custom_msg({"event": "choose", "option": "ask"}, [])
    assert stored(store, "q")["choice"] == "ask"
    assert widget.response == {"choice": "ask"}


def test_choice_rejects_unknown_option(course: Course) -> None:
    """Is a typo in a driver call an error rather than a silent wrong answer?"""
    with pytest.raises(ValueError, match="not an option"):
        course.activity("q").choose("maybe")


def test_sort_place_and_check(course: Course, store: ResponseStore) -> None:
    """Is every placement stored at once, and does check() score against the key?"""
    widget = course.activity("s")
    widget.place("trust", "process")
    assert stored(store, "s")["placements"] == {"trust": "process"}
    assert widget.response == {"placements": {"trust": "process"}, "checked": False}
    assert widget.feedback == {}  # nothing said about the key before the check
    widget._handle_custom_msg({"event": "place", "item_id": "budget", "category_id": "process"}, [])
    widget.place("lead", "org")
    widget._handle_custom_msg({"event": "check"}, [])  # the page's Check button
    value = stored(store, "s")
    assert value == {
        "placements": {"trust": "process", "budget": "process", "lead": "org"},
        "score": 2,
        "total": 3,
        "checked": True,
        "checks": [{"trust": "process", "budget": "process", "lead": "org"}],
    }
    assert widget.feedback["summary"] == "2 of 3 cards match the key."
    assert "scored" not in widget.feedback  # the first check is the sort on the page
    assert widget.feedback["right"] is False
    assert widget.feedback["notes"] == [
        {"number": 2, "item": "budget", "text": "Money is structure."}
    ]


def test_sort_keeps_every_check_and_scores_the_first(
    course: Course, store: ResponseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """Re-sorting after the check is kept for learning: the stored answer holds both checks,
    the page says which one is scored, and the grader scores the first."""
    from partnership_course.content import scoring
    from partnership_course.grading import checks

    widget = course.activity("s")
    assert "first check is the one scored" in widget.labels["first_counts"]
    assert widget.content["points"] == 3  # the page shows the sentence before the first check
    for card, category in (("trust", "org"), ("budget", "org"), ("lead", "org")):
        widget.place(card, category)
    widget.check()  # 2 of 3
    widget.place("trust", "process")
    assert widget.check() == 3
    value = stored(store, "s")
    assert value["checks"] == [
        {"trust": "org", "budget": "org", "lead": "org"},
        {"trust": "process", "budget": "org", "lead": "org"},
    ]
    assert widget.feedback["scored"] == (
        "Your first check is the one scored: 2 of 3 cards matched."
    )
    key = scoring.sort_key(widget.scenario)["key"]
    assert checks.score_sort(value, key, 3.0) == 2.0
    out = capsys.readouterr().out
    assert "2 of 3 cards match the key" in out and "later sort (3 of 3 match)" in out
    restored = course.activity("s")  # a fresh page restores the checks as saved
    assert restored.state() == value
    assert restored.feedback["scored"] == widget.feedback["scored"]


def test_sort_saved_before_checks_scores_its_placements() -> None:
    """An answer saved by a version that kept no `checks` scores the placements it holds."""
    from partnership_course.content import scoring

    old = {"placements": {"a": "x", "b": "x"}, "checked": True, "score": 1, "total": 2}
    assert scoring.score_sort(old, {"a": "x", "b": "y"}, 2.0).earned == 1.0
    assert scoring.score_sort(old, {"a": "x", "b": "y"}, 2.0).counts["later"] is False


def test_sort_sends_no_key_to_the_page(course: Course) -> None:
    """Does the browser get the cards and categories but neither the key nor the feedback?"""
    widget = course.activity("s")
    items = widget.content["items"]
    assert [i["id"] for i in items] == ["trust", "budget", "lead"]
    assert all(set(i) == {"id", "text"} for i in items), items
    assert "Money is structure." not in str(widget.get_state())
    assert widget.labels["check"] == "Check my sort"


def test_sort_refuses_unknown_cards_and_categories(course: Course, store: ResponseStore) -> None:
    """Is a bad placement an error (from a driver) or a plain sentence (from the page)?"""
    widget = course.activity("s")
    with pytest.raises(ValueError, match="not a card"):
        widget.place("nope", "org")
    with pytest.raises(ValueError, match="not a category"):
        widget.place("trust", "nope")
    widget._handle_custom_msg({"event": "place", "item_id": "trust", "category_id": "x"}, [])
    assert widget.status["alert"] is True
    assert store.load("ana", "m", "m/s") is None


def test_sort_in_spanish(make_course: Callable[..., Course]) -> None:
    """Are the sort's interface strings Spanish with lang="es"?"""
    widget = make_course(module="m", learner="ana", lang="es").activity("s")
    assert widget.labels["check"] == "Comprobar mi clasificación"
    assert widget.labels["first_counts"].startswith("Se puntúa su primera comprobación")
    assert widget.labels["card"] == "Tarjeta {n}"
    widget.place("trust", "org")
    widget.check()
    assert widget.feedback["summary"] == "0 de 3 tarjetas coinciden con la clave."


def test_self_assessment_chart_and_table(course: Course, store: ResponseStore) -> None:
    """Are ratings stored and shown both as a chart and as a table of the same figures?"""
    widget = course.activity("r4")
    widget.rate("capabilities", 2)
    widget.rate("confidence", 4)
    assert stored(store, "r4") == {"ratings": {"capabilities": 2, "confidence": 4}}
    assert widget.response == {"ratings": {"capabilities": 2, "confidence": 4}}
    scale = {lv["value"]: lv["label"] for lv in widget.content["scale"]}
    assert scale[4] == "Strong"  # the front end's table shows "4 | Strong" from these
    widget._handle_custom_msg({"event": "rate", "item": "cognition", "value": 3}, [])
    assert stored(store, "r4")["ratings"]["cognition"] == 3
    with pytest.raises(ValueError):
        widget.rate("confidence", 9)


def test_reflection_saves_each_change(course: Course, store: ResponseStore) -> None:
    """Is the text stored on every change, with its revision counted?"""
    widget = course.activity("why")
    widget.write("First draft")
    widget.write("First draft, then more words")
    found = store.load("ana", "m", "m/why")
    assert found is not None
    assert found.value == {"text": "First draft, then more words", "words": 5}
    assert found.revision == 2
    assert "5 words" in widget.feedback["count"]
    assert "saved" in widget.feedback["count"]


def test_everything_restores_in_a_new_widget(
    course: Course, make_course: Callable[..., Course]
) -> None:
    """After answering, does a fresh Course (a new kernel's view) show every answer again?"""
    course.activity("q").choose("yes")
    sort = course.activity("s")
    sort.place("budget", "org")
    sort.check()
    course.activity("r4").rate("cognition", 3)
    course.activity("why").write("Kept exactly")

    again = make_course(module="m", learner="ana")
    q = again.activity("q")
    assert q.answer == "yes" and q.feedback["verdict"] == "Yes."
    assert q.attempts == ["yes"]
    assert "saved answers are back" in q.status["text"]
    s = again.activity("s")
    assert s.placements == {"budget": "org"} and s.feedback["summary"].startswith("1 of 3")
    assert s.response == {"placements": {"budget": "org"}, "checked": True}
    assert again.activity("r4").ratings == {"cognition": 3}
    assert again.activity("why").answer == "Kept exactly"


def test_learners_do_not_see_each_other(make_course: Callable[..., Course]) -> None:
    """Does one learner's answer stay out of another learner's widgets?"""
    make_course(module="m", learner="ana").activity("why").write("Ana's words")
    assert make_course(module="m", learner="ben").activity("why").answer == ""


def test_restoring_does_not_write(course: Course, store: ResponseStore) -> None:
    """Does rebuilding a widget leave the stored revision alone (no phantom saves)?"""
    course.activity("why").write("once")
    course.activity("why")
    found = store.load("ana", "m", "m/why")
    assert found is not None and found.revision == 1


class BrokenStore(ResponseStore):
    def save(self, *args: object, **kwargs: object) -> int:
        raise OSError("disk full")


def test_failed_save_is_announced_and_text_kept(isolated_store: str) -> None:
    """When the database refuses a write, is the learner told, and is the text still there?"""
    course = Course("m", learner="ana", store=BrokenStore(isolated_store))
    widget = course.activity("why")
    widget.write("Precious words")
    assert widget.answer == "Precious words"
    assert widget.status["alert"] is True
    assert "could not be saved" in widget.status["text"]
    assert "saved" not in widget.feedback["count"]
