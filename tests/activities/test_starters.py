"""Empathy starters as one anywidget: replies with feedback, composed replies stored exactly,
the answer key kept in Python, and answers saved by the stock-ipywidgets widget restored."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import pytest
from support.answers import stored

from partnership_course.activities.delivery import module_source
from partnership_course.content.loader import load_scenario
from partnership_course.content.paths import course_root
from partnership_course.course import Course
from partnership_course.store import ResponseStore

STARTERS = """\
schema_version: 1
kind: starters
id: emp
title: Replies
starters:
  - {id: sounds, text: It sounds like...}
  - {id: thanks, text: Thank you for telling me}
statements:
  - id: bus
    speaker: A parent
    text: The bus left without my daughter.
    replies:
      - {id: e, type: empathy, text: You were worried., feedback: Names the feeling.}
      - {id: s, type: sympathy, text: How awful for you., feedback: "Feels for, not with."}
      - {id: f, type: fixing, text: I will call transport now., feedback: Jumps to a fix.}
      - {id: d, type: dismissing, text: These things happen., feedback: Shrinks it.}
  - id: eval
    speaker: {en: A father, es: Un padre}
    text: I am afraid of the evaluation.
    replies:
      - {id: e2, type: empathy, text: It sounds frightening., feedback: Yes.}
      - {id: d2, type: dismissing, text: It is nothing., feedback: No.}
"""


SCENARIOS = {"emp": STARTERS}  # written by the shared `course` fixture


OLD_ANSWER = {  # saved by the stock-ipywidgets widget (a37b194), same shape
    "answered": 1,
    "composed": 1,
    "empathy": 0,
    "statements": {
        "bus": {
            "attempts": ["s", "f"],
            "reply": "f",
            "starter": "sounds",
            "text": "you <i>worry</i>\n  twice ñ",
            "type": "fixing",
            "words": 4,
        },
        "eval": {
            "attempts": [],
            "reply": None,
            "starter": "",
            "text": "",
            "type": None,
            "words": 0,
        },
    },
    "total": 2,
}


def page_event(widget: Any, **message: Any) -> None:
    """What the page's ES module sends (`model.send`), through the widget's comm handler."""
    widget._handle_custom_msg(message, [])


def test_one_model_per_activity(course: Course) -> None:
    """Is the activity one anywidget model with its own ES module, and no child widgets?"""
    widget = course.activity("emp")
    assert isinstance(widget, anywidget.AnyWidget)
    code = module_source("starters")  # what the loader in `_esm` asks the kernel for
    assert "function render" in code and "statementView" in code
    assert not hasattr(widget, "children")


def test_reply_names_its_type(course: Course, store: ResponseStore) -> None:
    """Does each reply say which kind it is, with its own feedback, keeping every attempt?"""
    widget = course.activity("emp")
    assert widget.reply("bus", "s") == "sympathy"
    assert widget.feedback["bus"]["label"].startswith("Sympathy")
    assert widget.feedback["bus"]["text"] == "Feels for, not with."
    assert widget.reply("bus", "f") == "fixing"
    assert widget.feedback["bus"]["label"].startswith("Fixing")
    assert widget.reply("bus", "d") == "dismissing"
    assert widget.reply("bus", "e") == "empathy"
    assert widget.feedback["bus"]["empathy"] is True
    assert "eval" not in widget.feedback  # nothing shown for a statement not answered
    value = stored(store, "emp")
    bus = value["statements"]["bus"]
    assert bus["reply"] == "e"
    assert bus["type"] == "empathy"
    assert bus["attempts"] == ["s", "f", "d", "e"]
    assert value["empathy"] == 1
    assert value["answered"] == 1
    assert value["total"] == 2


def test_reply_through_the_page(course: Course, store: ResponseStore) -> None:
    """Does "Check my reply" on the page (its message) save, like reply() does?"""
    widget = course.activity("emp")
    page_event(widget, event="reply", statement_id="eval", option_id="d2")
    assert stored(store, "emp")["statements"]["eval"]["type"] == "dismissing"
    assert widget.response["statements"]["eval"]["reply"] == "d2"


def test_no_reply_type_or_feedback_before_answering(course: Course) -> None:
    """Does the page receive the replies without their types and feedback (the answer key)?"""
    widget = course.activity("emp")
    sent = json.dumps([widget.content, widget.labels, widget.response, widget.feedback])
    assert '"type"' not in sent and '"feedback"' not in sent
    for feedback in (
        "Names the feeling.",
        "Feels for, not with.",
        "Jumps to a fix.",
        "Shrinks it.",
    ):
        assert feedback not in sent
    assert widget.content["statements"][0]["replies"][0] == {"id": "e", "text": "You were worried."}


def test_compose_is_stored_exactly(course: Course, store: ResponseStore) -> None:
    """Is the learner's own reply kept byte for byte, with the starter chosen?"""
    widget = course.activity("emp")
    text = "you  had to leave work,\nand you <b>worry</b> she is overlooked. ñ 😊"
    widget.compose("bus", "sounds", text)
    entry = stored(store, "emp")["statements"]["bus"]
    assert entry["starter"] == "sounds"
    assert entry["text"] == text
    assert entry["words"] == len(text.split())
    assert stored(store, "emp")["composed"] == 1
    assert widget.composed("bus").startswith("It sounds like you  had")
    # the preview is data, drawn as a text node by the page: the markup stays text
    assert widget.response["statements"]["bus"]["composed"] == widget.composed("bus")
    assert widget.response["replace"] is False


def test_typing_on_the_page_is_saved(course: Course, store: ResponseStore) -> None:
    """Does each text the page sends (debounced typing, blur, page hidden) reach the store?"""
    widget = course.activity("emp")
    for typed in ["I", "I h", "I hear you"]:
        page_event(widget, event="compose", statement_id="eval", starter_id="", text=typed)
        assert stored(store, "emp")["statements"]["eval"]["text"] == typed
    page_event(widget, event="compose", statement_id="eval", starter_id="thanks", text="I hear you")
    assert stored(store, "emp")["statements"]["eval"]["starter"] == "thanks"
    assert widget.composed("eval") == "Thank you for telling me I hear you"


def test_bad_page_message_is_said_and_nothing_lost(course: Course, store: ResponseStore) -> None:
    """Does a message naming no statement refuse plainly and keep what was saved?"""
    widget = course.activity("emp")
    widget.compose("bus", None, "Kept.")
    page_event(widget, event="compose", statement_id="nope", starter_id="", text="x")
    assert widget.status["alert"] is True
    assert stored(store, "emp")["statements"]["bus"]["text"] == "Kept."


def test_rebuild_restores(course: Course, store: ResponseStore) -> None:
    """Does a reopened notebook show the reply, its feedback, the starter and the text?"""
    widget = course.activity("emp")
    widget.reply("bus", "f")
    widget.reply("bus", "e")
    widget.compose("bus", "thanks", "for calling me.")
    before = store.load("ana", "m", "m/emp")
    again = course.activity("emp")
    assert again.state() == widget.state()
    assert again.feedback["bus"]["text"] == "Names the feeling."
    shown = again.response["statements"]["bus"]
    assert shown["text"] == "for calling me." and shown["starter"] == "thanks"
    assert shown["composed"] == "Thank you for telling me for calling me."
    assert again.response["replace"] is True
    after = store.load("ana", "m", "m/emp")
    assert before is not None and after is not None
    assert after.revision == before.revision


def test_answer_saved_by_the_old_widget_restores(course: Course, store: ResponseStore) -> None:
    """Does an answer in the stock-ipywidgets shape come back exactly, on the page too?"""
    store.save("ana", "m", "m/emp", "starters", OLD_ANSWER)
    widget = course.activity("emp")
    assert widget.state() == OLD_ANSWER
    assert widget.attempts["bus"] == ["s", "f"]
    shown = widget.response["statements"]["bus"]
    assert shown["reply"] == "f" and shown["text"] == "you <i>worry</i>\n  twice ñ"
    assert widget.feedback["bus"]["label"].startswith("Fixing")


def test_compose_without_a_starter(course: Course, store: ResponseStore) -> None:
    """May a learner write a reply without choosing a starter?"""
    widget = course.activity("emp")
    widget.compose("eval", None, "Tell me more.")
    entry = stored(store, "emp")["statements"]["eval"]
    assert entry == {
        "reply": None,
        "type": None,
        "attempts": [],
        "starter": "",
        "text": "Tell me more.",
        "words": 3,
    }


def test_unknown_ids_are_errors(course: Course) -> None:
    """Is a typo in a driver call an error rather than a silent wrong answer?"""
    widget = course.activity("emp")
    with pytest.raises(ValueError, match="not a statement"):
        widget.reply("nope", "e")
    with pytest.raises(ValueError, match="not a reply"):
        widget.reply("bus", "e2")
    with pytest.raises(ValueError, match="not a sentence starter"):
        widget.compose("bus", "nope", "x")


def test_spanish_speaker_and_labels(scenario_dir: Path, make_course: Callable[..., Course]) -> None:
    """Are a translated field and the interface shown in the learner's language?"""
    (scenario_dir / "m" / "emp.yaml").write_text(STARTERS, encoding="utf-8")
    widget = make_course(module="m", lang="es").activity("emp")
    assert widget.content["statements"][1]["speaker"] == "Un padre"
    assert widget.labels["check"] == "Comprobar mi respuesta"
    assert widget.labels["reply_legend"] == "Su respuesta a la frase {n}"
    widget.reply("bus", "f")
    assert widget.feedback["bus"]["label"] != "Fixing: jumping to a solution"


def test_every_control_has_a_label(course: Course) -> None:
    """Does the page get a label for every radio group, drop-down, text area and button?"""
    labels = course.activity("emp").labels
    for name in ("reply_legend", "starter", "finish", "check"):
        assert labels[name].strip(), name


def test_course_starters_cover_varied_families() -> None:
    """Do the two course files hold at least 8 statements, each with all four reply types?"""
    root = course_root()
    assert root is not None
    library = root / "scenarios"
    statements = []
    for name in ["starters-everyday-worries", "starters-hard-moments"]:
        scenario = load_scenario(f"02-principles/{name}", library)
        assert len(scenario.starters) >= 4
        statements += scenario.statements
    assert len(statements) >= 8
    for statement in statements:
        assert {r.type for r in statement.replies} == {
            "empathy",
            "sympathy",
            "fixing",
            "dismissing",
        }
    assert len({s.speaker for s in statements}) == len(statements)
