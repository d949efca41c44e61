"""Action plan: labelled fields saved as typed, a summary shown back, a Markdown download."""

from __future__ import annotations

import base64
import re
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
    assert [f.id for f in found.fields] == ["step", "by-when", "helpers", "evidence"]


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


def test_summary_escapes_text_and_marks_empty_fields(course_m) -> None:
    plan = course_m.activity("ap")
    plan.write("step", "<img src=x onerror=alert(1)>")
    assert "<img" not in plan.summary.value
    assert "&lt;img" in plan.summary.value
    assert "(not written yet)" in plan.summary.value


def test_download_holds_the_markdown(course_m) -> None:
    plan = course_m.activity("ap")
    plan.write("step", "Two good-news calls a week")
    match = re.search(
        r'download="next-step.md" href="data:text/markdown;charset=utf-8;base64,([^"]+)"',
        plan.download.value,
    )
    assert match
    text = base64.b64decode(match.group(1)).decode("utf-8")
    assert text == plan.markdown()
    assert text.startswith("# My next step\n")
    assert "## One step I will take\n\nTwo good-news calls a week" in text


def test_long_text_is_cut_to_the_field_limit(course_m) -> None:
    plan = course_m.activity("ap")
    plan.write("evidence", "x" * 100)
    assert len(plan.answers["evidence"]) == 40
    with pytest.raises(ValueError):
        plan.write("nope", "text")


def test_restore_without_saving_again(course_m, store) -> None:
    plan = course_m.activity("ap")
    plan.write("step", "Ask the student to lead part of the meeting")
    revision = store.load(course_m.learner, "m", "m/ap").revision
    again = course_m.activity("ap")
    assert again.answers["step"] == "Ask the student to lead part of the meeting"
    assert "Ask the student" in again.summary.value
    assert store.load(course_m.learner, "m", "m/ap").revision == revision


def test_failed_save_keeps_text_and_alerts(course_m, monkeypatch) -> None:
    plan = course_m.activity("ap")

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(plan.binding, "save", broken)
    plan.write("step", "still here")
    assert plan.answers["step"] == "still here"
    assert "pc-alert" in plan.status.value
