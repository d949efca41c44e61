"""Ladder of Inference: marks, an in-order climb, the reflexive loop, climbing down, restore."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.answers import stored
from support.library import activities_of_kind, course_scenarios

from partnership_course.activities.ladder import LadderActivity
from partnership_course.content.practice import RUNGS
from partnership_course.course import Course
from partnership_course.store import ResponseStore

LADDER = """\
schema_version: 1
kind: ladder
id: lad
title: A ladder
situation: A parent did not reply to a <b>note</b>.
statements:
  - {id: sent, text: The note went home on Monday <b>bold</b>., observable: true, feedback: A fact.}
  - {id: lazy, text: The parent does not care., observable: false, feedback: A conclusion.}
  - {id: quiet, text: No reply came., observable: true, feedback: Also a fact.}
rungs:
  - rung: selected_data
    prompt: Which detail?
    options: [{id: s1, text: The silence}, {id: s2, text: The note, feedback: Good eye.}]
  - rung: meanings
    prompt: What does it mean?
    options: [{id: m1, text: Ignoring me}, {id: m2, text: Busy week}]
  - rung: assumptions
    prompt: What do you assume?
    options: [{id: a1, text: Notes get read}, {id: a2, text: Replies are quick}]
  - rung: conclusions
    prompt: Conclusion?
    options: [{id: c1, text: Not interested}, {id: c2, text: Try another way}]
  - rung: beliefs
    prompt: Belief?
    options:
      - {id: b1, text: They never engage, next_time: You will notice only silences.}
      - {id: b2, text: I have not found the way yet, next_time: You will look for openings.}
  - rung: actions
    prompt: Action?
    options: [{id: x1, text: Stop writing}, {id: x2, text: Call and ask}]
loop: Beliefs reach back down to the data.
climb_down:
  - id: read
    assumption: The note was read.
    questions:
      - {id: ask-arrived, text: "Did the note reach you?", good: true, feedback: Tests it.}
      - {id: why-not, text: "Why did you not answer?", feedback: Blames.}
  - id: care
    assumption: Silence means not caring.
    questions:
      - {id: best-way, text: "How do you like to hear from us?", good: true, feedback: Open.}
      - {id: hopes, text: "What do you hope for this year?", good: true, feedback: Also open.}
      - {id: care-or-not, text: "Do you care or not?", feedback: Closed and blaming.}
"""

CLIMB = dict(zip(RUNGS, ["s1", "m1", "a1", "c1", "b1", "x2"], strict=True))


SCENARIOS = {"lad": LADDER}  # written by the shared `course` fixture


def climb_all(widget: LadderActivity) -> None:
    for rung, option in CLIMB.items():
        widget.climb(rung, option)


def test_mark_gives_feedback_and_is_stored(course: Course, store: ResponseStore) -> None:
    """Is each mark stored at once, scored against the key, with that statement's feedback?"""
    widget = course.activity("lad")
    assert widget.mark("sent", True) is True
    assert widget.feedback["marks"]["sent"] == {
        "right": True,
        "verdict": "Yes.",
        "text": "This is observable data. A fact.",
    }
    assert widget.mark("lazy", True) is False
    assert widget.feedback["marks"]["lazy"]["verdict"] == "Look again."
    assert "quiet" not in widget.feedback["marks"]  # nothing said about what is not marked
    value = stored(store, "lad")
    assert value["marks"] == {"sent": True, "lazy": True}
    assert value["observable_score"] == 1
    assert value["statements"] == 3
    assert value["path"] == [
        {"step": "mark", "statement": "sent", "observable": True},
        {"step": "mark", "statement": "lazy", "observable": True},
    ]


def test_mark_through_the_page(course: Course, store: ResponseStore) -> None:
    """Does the page's radio group (the front end's message) save, like mark() does?"""
    widget = course.activity("lad")
    widget._handle_custom_msg({"event": "mark", "statement_id": "quiet", "observable": False}, [])
    assert stored(store, "lad")["marks"] == {"quiet": False}
    assert widget.response["marks"] == {"quiet": False}
    widget.mark("quiet", True)
    assert stored(store, "lad")["marks"] == {"quiet": True}
    assert widget.feedback["mark_score"] == ""  # not all marked yet
    widget.mark("sent", True)
    widget.mark("lazy", False)
    assert widget.feedback["mark_score"].startswith("3 of 3 statements")


def test_climb_is_in_order_and_feedback_follows_the_choice(
    course: Course, store: ResponseStore
) -> None:
    """Can a rung be climbed only after the one below it, with that option's feedback?"""
    widget = course.activity("lad")
    assert widget.response["climb"] == {} and widget.feedback["climb"] == {}
    with pytest.raises(ValueError, match="in order"):
        widget.climb("meanings", "m1")
    widget._handle_custom_msg({"event": "climb", "rung": "meanings", "option_id": "m1"}, [])
    assert widget.status["alert"] is True  # the page hears it plainly; nothing stored
    assert store.load("ana", "m", "m/lad") is None
    widget.climb("selected_data", "s2")
    assert widget.feedback["climb"] == {"selected_data": "Good eye."}
    assert widget.response["climb"] == {"selected_data": "s2"}
    assert widget.feedback["summary"] == [
        {"label": "Rung 1: the data I select", "text": "The note"}
    ]
    assert stored(store, "lad")["climb"] == {"selected_data": "s2"}
    with pytest.raises(ValueError, match="not a rung"):
        widget.climb("ceiling", "s1")
    with pytest.raises(ValueError, match="not an option"):
        widget.climb("meanings", "s1")


def test_loop_and_climb_down_appear_after_the_climb(course: Course, store: ResponseStore) -> None:
    """Is the loop, with the chosen belief's next_time, given only when the top rung is chosen?"""
    widget = course.activity("lad")
    assert widget.feedback["loop"] == {} and widget.response["climbed"] is False
    with pytest.raises(ValueError, match="finish the climb"):
        widget.ask("read", "ask-arrived")
    climb_all(widget)
    assert widget.content["loop"] == "Beliefs reach back down to the data."
    assert widget.feedback["loop"] == {
        "belief": "They never engage",
        "next_time": "You will notice only silences.",
    }
    assert "You will look for openings." not in str(widget.get_state())
    assert widget.response["climbed"] is True
    assert [line["label"][:6] for line in widget.feedback["summary"]] == [
        f"Rung {n}" for n in range(6, 0, -1)
    ]  # top rung first
    value = stored(store, "lad")
    assert value["climb"] == CLIMB
    assert value["climbed"] is True


def test_climb_down_questions(course: Course, store: ResponseStore) -> None:
    """Does each question carry its own feedback, with more than one good question allowed?"""
    widget = course.activity("lad")
    climb_all(widget)
    assert widget.ask("read", "why-not") is False
    assert widget.feedback["asks"]["read"] == {
        "good": False,
        "verdict": "Not quite.",
        "text": "Blames.",
    }
    assert widget.ask("read", "ask-arrived") is True
    widget._handle_custom_msg({"event": "ask", "assumption_id": "care", "option_id": "hopes"}, [])
    value = stored(store, "lad")
    assert value["asks"] == {"read": "ask-arrived", "care": "hopes"}
    assert value["good_questions"] == 2
    assert value["assumptions"] == 2
    asks = [p for p in value["path"] if p["step"] == "ask"]
    assert [p["question"] for p in asks] == ["why-not", "ask-arrived", "hopes"]
    with pytest.raises(ValueError, match="not a question"):
        widget.ask("read", "hopes")
    with pytest.raises(ValueError, match="not an assumption"):
        widget.ask("nope", "hopes")


def test_rebuild_restores_the_whole_path(course: Course, store: ResponseStore) -> None:
    """Does a new widget (a reopened notebook) show every answer without saving again?"""
    widget = course.activity("lad")
    widget.mark("sent", True)
    widget.mark("lazy", False)
    climb_all(widget)
    widget.ask("care", "best-way")
    before = store.load("ana", "m", "m/lad")
    again = course.activity("lad")
    assert again.state() == widget.state()
    assert again.marks == {"sent": True, "lazy": False}
    assert again.response == widget.response
    assert again.feedback == widget.feedback
    assert again.feedback["marks"]["lazy"]["text"].endswith("A conclusion.")
    assert again.feedback["asks"]["care"]["text"] == "Open."
    assert "saved answers are back" in again.status["text"]
    after = store.load("ana", "m", "m/lad")
    assert before is not None and after is not None
    assert after.revision == before.revision  # restoring never writes


def test_restore_stops_at_a_gap_in_the_climb(course: Course, store: ResponseStore) -> None:
    """If stored data skips a rung (edited content), are the rungs above the gap left open?"""
    store.save(
        "ana",
        "m",
        "m/lad",
        "ladder",
        {"climb": {"selected_data": "s1", "assumptions": "a1"}, "path": []},
    )
    widget = course.activity("lad")
    assert widget.climbs == {"selected_data": "s1"}
    assert widget.response["climb"] == {"selected_data": "s1"}


def test_the_page_gets_no_key(course: Course) -> None:
    """Does the browser get the statements, thoughts and questions but no key or feedback, and
    content markup as it was written (the front end draws it as text)?"""
    widget = course.activity("lad")
    assert all(set(st) == {"id", "text"} for st in widget.content["statements"])
    for step in widget.content["rungs"]:
        assert all(set(o) == {"id", "text"} for o in step["options"]), step
    for item in widget.content["climb_down"]:
        assert all(set(q) == {"id", "text"} for q in item["questions"]), item
    state = str(widget.get_state())
    for secret in ("A fact.", "Good eye.", "Tests it.", "You will notice only silences."):
        assert secret not in state
    assert widget.content["situation"] == "A parent did not reply to a <b>note</b>."


def test_labels_in_english_and_spanish(course: Course, make_course: Callable[..., Course]) -> None:
    """Does every group get its words, in both languages?"""
    english = course.activity("lad").labels
    assert english["observable"] == "Observable data"
    assert english["rung_actions"] == "Rung 6: the actions I take"
    spanish = make_course(module="m", lang="es").activity("lad").labels
    assert spanish["observable"] == "Dato observable"
    assert spanish["added"] == "Lo agregué yo: un significado, una suposición o un juicio"
    assert all(spanish[key] != english[key] for key in ("step1", "step2", "step3", "step4"))
    assert spanish["explain_label"] == "Otra explicación de lo que vi"
    assert all(spanish[k] != english[k] for k in ("explain_title", "explain_how"))


@pytest.mark.parametrize("activity", activities_of_kind("ladder"))
def test_course_ladders_can_be_completed(
    activity: str,
    monkeypatch: pytest.MonkeyPatch,
    make_course: Callable[..., Course],
    store: ResponseStore,
) -> None:
    """Can each ladder in the course be marked, climbed and climbed down to a full score?"""
    monkeypatch.setenv("PARTNERSHIP_COURSE_SCENARIOS", str(course_scenarios()))
    module, name = activity.split("/")
    widget = make_course(module=module).activity(name)
    for statement in widget.scenario.statements:
        assert widget.mark(statement.id, statement.observable) is True
    for step in widget.scenario.rungs:
        widget.climb(step.rung, step.options[-1].id)
    for item in widget.scenario.climb_down:
        good = next(q for q in item.questions if q.good)
        assert widget.ask(item.id, good.id) is True
    value = store.load("ana", module, activity).value
    assert value["observable_score"] == value["statements"]
    assert value["good_questions"] == value["assumptions"]
    assert value["climbed"] is True


def test_other_explanation_is_stored_exactly_and_restored(
    course: Course, store: ResponseStore
) -> None:
    """Is the learner's own other explanation kept exactly as typed (markup, any language),
    announced once written, restored on a fresh page, and shown on the feedback pages?"""
    from partnership_course.grading.answers import answer_view

    widget = course.activity("lad")
    assert "other explanation" in widget.labels["explain_how"]
    assert widget.response["explained"] is False and widget.feedback["explanation"] == ""
    widget.explain("   ")  # spaces only: not an explanation, the action rung stays closed
    assert widget.response["explained"] is False
    text = "Maybe the note is <b>still</b> in his bag.\nQuizás no llegó. 也许"
    widget._handle_custom_msg({"event": "explain", "text": text}, [])  # as the page sends it
    assert stored(store, "lad")["explanation"] == text
    assert widget.response["explained"] is True
    assert widget.feedback["explanation"].startswith("Saved.")
    again = course.activity("lad")
    assert again.explanation == text and again.response["explanation"] == text
    blocks = answer_view(again.scenario, stored(store, "lad"))
    assert [b.text for b in blocks if b.heading == "One other explanation of what I saw"] == [text]
    with pytest.raises(ValueError, match="is text"):
        widget.explain(None)  # type: ignore[arg-type]


def test_ladder_saved_before_the_explanation_restores_without_one(
    course: Course, store: ResponseStore
) -> None:
    """An answer with no `explanation` key restores and reports the same state back."""
    widget = course.activity("lad")
    climb_all(widget)
    old = dict(stored(store, "lad"))
    assert "explanation" not in old  # never written: the stored shape is the old one
    again = course.activity("lad")
    assert again.state() == old and again.response["explained"] is False


def test_the_widget_and_the_coachs_view_name_the_rungs_alike() -> None:
    """Do the ladder widget and the answer a coach reads take the rung names from one table
    (content.practice), one name per rung, so the two can never drift apart?"""
    from partnership_course.activities import ladder
    from partnership_course.content.practice import RUNG_LABELS, RUNGS
    from partnership_course.grading import answers

    assert ladder.RUNG_LABELS is RUNG_LABELS is answers.RUNG_LABELS
    assert tuple(RUNG_LABELS) == RUNGS
