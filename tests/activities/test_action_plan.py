"""Action plan: labelled fields saved as typed, a summary shown back, a Markdown download."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from partnership_course.content.loader import parse_file
from partnership_course.content.planning import ActionPlan

ROOT = Path(__file__).resolve().parents[2]

PLAN = """\
schema_version: 1
kind: action_plan
id: ap
title: My plan
prompt: One small step.
summary_title: My next step
filename: next-step.md
fields:
  - {id: step, label: One step I will take, multiline: true, help: Keep it small.}
  - {id: by-when, label: By when}
  - {id: helpers, label: Who will help me}
  - {id: evidence, label: How I will know it worked, multiline: true, max_chars: 40}
"""


@pytest.fixture
def course_m(library: Path, make_course):
    (library / "m" / "ap.yaml").write_text(PLAN, encoding="utf-8")
    return make_course("m")


def test_course_content_file_is_valid() -> None:
    found = parse_file(ROOT / "scenarios" / "03-continuum" / "my-action-plan.yaml")
    assert isinstance(found, ActionPlan)
    assert [f.id for f in found.fields] == [
        "step",
        "by-when",
        "helpers",
        "evidence",
        "check-in",  # the 30-day look back (content review, section 7)
        "parent-center",  # a help outside school in any state (section 7)
    ]


def test_bad_filename_and_duplicate_fields_are_errors(library: Path) -> None:
    from partnership_course.content import ScenarioError

    path = library / "m" / "bad.yaml"
    path.write_text(
        PLAN.replace("id: ap", "id: bad")
        .replace("next-step.md", "../x.sh")
        .replace("id: helpers", "id: step")
    )
    with pytest.raises(ScenarioError) as info:
        parse_file(path)
    fields = {p.field for p in info.value.problems}
    assert "filename" in fields or any("fields" in f for f in fields)


def test_every_keystroke_is_saved(course_m, store) -> None:
    plan = course_m.activity("ap")
    plan.write("step", "Call each family with good news")
    plan.write("by-when", "15 October")
    saved = store.load(course_m.learner, "m", "m/ap").value
    assert saved["fields"]["step"] == "Call each family with good news"
    assert saved["fields"]["by-when"] == "15 October"
    assert saved["complete"] is False
    plan.write("helpers", "Our family liaison")
    plan.write("evidence", "Families reply and ask questions")
    assert store.load(course_m.learner, "m", "m/ap").value["complete"] is True


def test_typing_on_the_page_is_saved(course_m, store) -> None:
    """Does each text the page sends (debounced typing, blur, page hidden) reach the store?"""
    plan = course_m.activity("ap")
    for typed in ["T", "Two calls", "Two calls a week"]:
        plan._handle_custom_msg({"event": "write", "field_id": "step", "text": typed}, [])
        assert store.load(course_m.learner, "m", "m/ap").value["fields"]["step"] == typed
    plan._handle_custom_msg({"event": "write", "field_id": "nope", "text": "x"}, [])
    assert plan.status["alert"] is True  # a bad message is said, and nothing is lost
    assert store.load(course_m.learner, "m", "m/ap").value["fields"]["step"] == "Two calls a week"


def test_one_model_and_text_sent_as_data(course_m) -> None:
    """One anywidget model; the learner's text goes to the page as data (drawn as text nodes),
    the empty fields and the labels in the learner's language."""
    import anywidget

    plan = course_m.activity("ap")
    assert isinstance(plan, anywidget.AnyWidget)
    assert "action_plan" in plan._esm  # the loader names its kind
    plan.write("step", "<img src=x onerror=alert(1)>")
    assert plan.response["fields"]["step"] == "<img src=x onerror=alert(1)>"
    assert plan.response["replace"] is False
    assert plan.labels["not_yet"] == "(not written yet)"
    assert plan.feedback["complete"] is False
    assert plan.content["fields"][0]["label"] == "One step I will take"


def test_download_holds_the_markdown(course_m) -> None:
    plan = course_m.activity("ap")
    plan.write("step", "Two good-news calls a week")
    file = plan.feedback["download"]
    assert file["filename"] == "next-step.md" and file["mime"] == "text/markdown"
    text = base64.b64decode(file["data"]).decode("utf-8")
    assert text == plan.markdown()
    assert text.startswith("# My next step\n")
    assert "## One step I will take\n\nTwo good-news calls a week" in text
    assert plan.labels["download"] == "Download my plan (next-step.md)"


def test_long_text_is_cut_to_the_field_limit(course_m) -> None:
    plan = course_m.activity("ap")
    plan.write("evidence", "x" * 100)
    assert len(plan.answers["evidence"]) == 40
    assert plan.content["fields"][3]["max_chars"] == 40  # the page's box stops there too
    with pytest.raises(ValueError):
        plan.write("nope", "text")


def test_restore_without_saving_again(course_m, store) -> None:
    plan = course_m.activity("ap")
    plan.write("step", "Ask the student to lead part of the meeting")
    revision = store.load(course_m.learner, "m", "m/ap").revision
    again = course_m.activity("ap")
    assert again.answers["step"] == "Ask the student to lead part of the meeting"
    assert again.response == {"fields": again.answers, "replace": True}
    assert store.load(course_m.learner, "m", "m/ap").revision == revision


def test_plan_saved_by_the_old_widget_restores(course_m, store) -> None:
    """Does a plan in the stock-ipywidgets shape come back exactly?"""
    old = {
        "complete": False,
        "fields": {"by-when": "", "evidence": "", "helpers": "", "step": "Trust <b>x</b>\n\n🙂"},
        "words": 3,
    }
    store.save(course_m.learner, "m", "m/ap", "action_plan", old)
    plan = course_m.activity("ap")
    assert plan.state() == old
    assert plan.response["fields"]["step"] == "Trust <b>x</b>\n\n🙂"


def test_failed_save_keeps_text_and_alerts(course_m, monkeypatch) -> None:
    plan = course_m.activity("ap")

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(plan.binding, "save", broken)
    plan.write("step", "still here")
    assert plan.answers["step"] == "still here"
    assert plan.status["alert"] is True
