"""Empathy starters: typed replies with feedback, composed replies saved on every keystroke."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support.answers import stored

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


def test_reply_names_its_type(course: Course, store: ResponseStore) -> None:
    """Does each reply say which kind it is, with its own feedback, keeping every attempt?"""
    widget = course.activity("emp")
    assert widget.reply("bus", "s") == "sympathy"
    assert "Sympathy" in widget.notes["bus"].value
    assert "Feels for, not with." in widget.notes["bus"].value
    assert widget.reply("bus", "f") == "fixing"
    assert "Fixing" in widget.notes["bus"].value
    assert widget.reply("bus", "d") == "dismissing"
    assert widget.reply("bus", "e") == "empathy"
    assert "pc-right" in widget.notes["bus"].value
    value = stored(store, "emp")
    bus = value["statements"]["bus"]
    assert bus["reply"] == "e"
    assert bus["type"] == "empathy"
    assert bus["attempts"] == ["s", "f", "d", "e"]
    assert value["empathy"] == 1
    assert value["answered"] == 1
    assert value["total"] == 2


def test_reply_through_the_radio_buttons(course: Course, store: ResponseStore) -> None:
    """Does choosing in the radio group (the UI path) save, like reply() does?"""
    widget = course.activity("emp")
    widget.pickers["eval"].value = "d2"
    assert stored(store, "emp")["statements"]["eval"]["type"] == "dismissing"


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
    preview = widget.previews["bus"].value
    assert "&lt;b&gt;worry&lt;/b&gt;" in preview
    assert "<b>worry</b>" not in preview


def test_every_keystroke_is_saved(course: Course, store: ResponseStore) -> None:
    """Is each change of the text area committed before the event returns?"""
    widget = course.activity("emp")
    box = widget.boxes["eval"]
    for typed in ["I", "I h", "I hear you"]:
        box.value = typed
        assert stored(store, "emp")["statements"]["eval"]["text"] == typed
    widget.starter_menus["eval"].value = "thanks"
    assert stored(store, "emp")["statements"]["eval"]["starter"] == "thanks"
    assert widget.composed("eval") == "Thank you for telling me I hear you"


def test_rebuild_restores(course: Course, store: ResponseStore) -> None:
    """Does a reopened notebook show the reply, its feedback, the starter and the text?"""
    widget = course.activity("emp")
    widget.reply("bus", "f")
    widget.reply("bus", "e")
    widget.compose("bus", "thanks", "for calling me.")
    before = store.load("ana", "m", "m/emp")
    again = course.activity("emp")
    assert again.state() == widget.state()
    assert "Names the feeling." in again.notes["bus"].value
    assert again.boxes["bus"].value == "for calling me."
    assert again.starter_menus["bus"].value == "thanks"
    assert "Thank you for telling me for calling me." in again.previews["bus"].value
    after = store.load("ana", "m", "m/emp")
    assert before is not None and after is not None
    assert after.revision == before.revision


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


def test_spanish_speaker_label(scenario_dir: Path, make_course: Callable[..., Course]) -> None:
    """Is a translated field shown in the learner's language?"""
    (scenario_dir / "m" / "emp.yaml").write_text(STARTERS, encoding="utf-8")
    widget = make_course(module="m", lang="es").activity("emp")
    html = "".join(
        c.value for c in widget.children if hasattr(c, "value") and isinstance(c.value, str)
    )
    assert "Un padre" in html


def test_every_control_has_a_label(course: Course) -> None:
    """Do all radio groups, drop-downs and text areas carry descriptions?"""
    widget = course.activity("emp")
    controls = [*widget.pickers.values(), *widget.starter_menus.values(), *widget.boxes.values()]
    assert all(control.description for control in controls)


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
