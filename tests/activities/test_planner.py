"""Contact planner: the scheduling rules, the widget's public events, saving and restoring."""

from __future__ import annotations

import base64
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from partnership_course.content.loader import parse_file
from partnership_course.content.planning import (
    ContactPlanner,
    Family,
    clean_code,
    schedule,
    suggested_per_week,
    week_start,
)

MONDAY = date(2025, 9, 1)
ROOT = Path(__file__).resolve().parents[2]

PLANNER = """\
schema_version: 1
kind: contact_planner
id: plan
title: Weekly contacts
privacy_note: Codes only, please.
weeks: 6
per_week: 2
lead_days: 14
languages:
  - {id: english, label: English}
  - {id: spanish, label: Spanish}
  - {id: arabic, label: Arabic}
  - {id: vietnamese, label: Vietnamese}
  - {id: polish, label: Polish}
  - {id: asl, label: American Sign Language}
channels:
  - {id: phone, label: Phone call}
  - {id: text, label: Text message}
  - {id: email, label: Email}
  - {id: note, label: Note home}
  - {id: in-person, label: In person}
  - {id: app, label: School messaging app}
"""


class MemoryBinding:
    """A stand-in for course.Binding that keeps saves in a list."""

    def __init__(self, saved: dict[str, Any] | None = None) -> None:
        self.saved = saved
        self.saves: list[dict[str, Any]] = []

    def save(self, kind: str, value: dict[str, Any]) -> int:
        self.saves.append(value)
        self.saved = value
        return len(self.saves)

    def load(self) -> dict[str, Any] | None:
        return self.saved


@pytest.fixture
def scenario(library: Path) -> ContactPlanner:
    path = library / "m" / "plan.yaml"
    path.write_text(PLANNER, encoding="utf-8")
    found = parse_file(path)
    assert isinstance(found, ContactPlanner)
    return found


def test_course_content_file_is_a_valid_planner() -> None:
    found = parse_file(ROOT / "scenarios" / "03-continuum" / "weekly-contacts.yaml")
    assert isinstance(found, ContactPlanner)
    assert {c.id for c in found.channels} >= {"phone", "text", "email", "note", "in-person", "app"}


def test_duplicate_option_ids_are_reported_by_field(library: Path) -> None:
    from partnership_course.content import ScenarioError

    path = library / "m" / "dup.yaml"
    path.write_text(PLANNER.replace("id: plan", "id: dup").replace("id: spanish", "id: english"))
    with pytest.raises(ScenarioError, match=r"languages\[1\]"):
        parse_file(path)


def make(scenario: ContactPlanner, binding: MemoryBinding | None = None):
    from partnership_course.activities.planner import ContactPlannerActivity

    return ContactPlannerActivity(scenario, binding or MemoryBinding())


def fam(code: str, iep: date | None = None, interpreter: bool = False) -> Family:
    return Family(code, "english", "phone", interpreter, iep)


def test_week_start_is_monday() -> None:
    assert week_start(date(2025, 9, 4)) == MONDAY
    assert week_start(MONDAY) == MONDAY


def test_every_family_gets_positive_news_first_earliest_meeting_first() -> None:
    families = [fam("A"), fam("B", date(2025, 9, 30)), fam("C", date(2025, 11, 20)), fam("D")]
    contacts = schedule(families, MONDAY, per_week=2, weeks=4, lead_days=14)
    first_round = [c.family.code for c in contacts if c.first]
    assert first_round == ["B", "C", "A", "D"]
    assert [c.week for c in contacts[:4]] == [1, 1, 2, 2]
    assert len(contacts) == 8  # 2 a week for 4 weeks: the rhythm continues as check-ins
    assert all(c.on_time for c in contacts)


def test_round_one_always_finishes_even_past_the_planned_weeks() -> None:
    families = [fam(f"F{i}") for i in range(7)]
    contacts = schedule(families, MONDAY, per_week=2, weeks=2)
    assert {c.family.code for c in contacts if c.first} == {f"F{i}" for i in range(7)}


def test_late_contact_is_flagged_and_a_rhythm_is_suggested() -> None:
    soon = [fam(c, date(2025, 9, 26)) for c in "ABCD"]  # deadline Friday 12 Sept: week 2
    contacts = schedule(soon, MONDAY, per_week=1, weeks=4, lead_days=14)
    assert [c.on_time for c in contacts if c.first] == [True, True, False, False]
    assert suggested_per_week(soon, MONDAY, weeks=4, lead_days=14) == 2


def test_codes_are_short_and_not_names() -> None:
    assert clean_code("  M  ") == "M"
    with pytest.raises(ValueError):
        clean_code("Maria Fernanda Gonzalez")
    with pytest.raises(ValueError):
        clean_code("")


def test_widget_add_update_remove_and_save(scenario: ContactPlanner) -> None:
    binding = MemoryBinding()
    planner = make(scenario, binding)
    planner.set_rhythm(start=MONDAY)
    planner.add_family("M", "Spanish", "text", interpreter=True, iep_date="2025-10-15")
    planner.add_family("Fam-2", "english", "Email")
    planner.add_family("M", "spanish", "phone", interpreter=True, iep_date=date(2025, 10, 15))
    assert [f.code for f in planner.families] == ["M", "Fam-2"]
    assert planner.families[0].channel == "phone"
    saved = binding.saved
    assert saved is not None
    assert saved["families"][0] == {
        "code": "M",
        "language": "spanish",
        "channel": "phone",
        "interpreter": True,
        "iep_date": "2025-10-15",
    }
    planner.remove_family("Fam-2")
    assert [f["code"] for f in binding.saved["families"]] == ["M"]
    with pytest.raises(ValueError):
        planner.remove_family("nobody")
    with pytest.raises(ValueError):
        planner.add_family("X", "Klingon", "phone")


def test_plan_is_a_dataframe_with_readable_columns(scenario: ContactPlanner) -> None:
    planner = make(scenario)
    planner.add_family("A", "arabic", "phone", True, "2025-10-20")
    planner.add_family("B", "english", "note")
    planner.set_rhythm(per_week=1, weeks=3, start=MONDAY)
    frame = planner.plan()
    assert list(frame.columns) == [
        "Week",
        "Week of",
        "Family",
        "Language",
        "Channel",
        "Interpreter",
        "Purpose",
        "Note",
    ]
    assert frame["Family"].tolist() == ["A", "B", "A"]
    assert frame["Week of"].tolist() == ["2025-09-01", "2025-09-08", "2025-09-15"]
    assert frame.loc[0, "Language"] == "Arabic"
    assert frame.loc[0, "Purpose"] == "Positive news"
    assert "interpreter" in frame.loc[0, "Note"]
    assert "2025-10-20" in frame.loc[0, "Note"]
    assert frame.loc[2, "Purpose"].startswith("Check-in")


def test_table_and_download_link_are_shown(scenario: ContactPlanner) -> None:
    planner = make(scenario)
    planner.add_family("T1", "english", "phone")
    html = planner.plan_view.value
    assert "<caption>" in html and "scope='col'" in html
    match = re.search(
        r'download="contact-plan.csv" href="data:text/csv;charset=utf-8;base64,([^"]+)"',
        planner.download.value,
    )
    assert match
    text = base64.b64decode(match.group(1)).decode("utf-8")
    assert text.lstrip("\ufeff").startswith("Week,Week of,Family")
    assert planner.csv().startswith("Week,")


def test_invalid_code_from_form_shows_an_alert_and_saves_nothing(scenario: ContactPlanner) -> None:
    binding = MemoryBinding()
    planner = make(scenario, binding)
    planner.code.value = "<script>"
    planner.add_button.click()
    assert "pc-alert" in planner.status.value
    assert "<script>" not in planner.status.value
    assert binding.saves == []


def test_form_button_adds_a_family(scenario: ContactPlanner) -> None:
    binding = MemoryBinding()
    planner = make(scenario, binding)
    planner.code.value = "R"
    planner.language.value = "vietnamese"
    planner.channel.value = "in-person"
    planner.interpreter.value = True
    planner.iep_date.value = date(2026, 2, 3)
    planner.add_button.click()
    assert binding.saved["families"][0]["iep_date"] == "2026-02-03"
    assert planner.code.value == ""
    planner.remove_which.value = "R"
    planner.remove_button.click()
    assert binding.saved["families"] == []


def test_restore_brings_everything_back_without_saving(scenario: ContactPlanner) -> None:
    first = MemoryBinding()
    planner = make(scenario, first)
    planner.add_family("A", "polish", "app", False, "2025-12-01")
    planner.set_rhythm(per_week=4, weeks=10, start=MONDAY)
    again = MemoryBinding(first.saved)
    restored = make(scenario, again)
    assert again.saves == []
    assert restored.families == planner.families
    assert (restored.per_week.value, restored.weeks.value) == (4, 10)
    assert restored.plan().equals(planner.plan())


def test_restore_skips_damaged_entries(scenario: ContactPlanner) -> None:
    saved = {
        "families": [
            {"code": "ok", "language": "english", "channel": "phone"},
            {"x": 1},
            {"code": "bad", "language": "english", "channel": "phone", "iep_date": "soon"},
        ],
        "per_week": "many",
    }
    restored = make(scenario, MemoryBinding(saved))
    assert [f.code for f in restored.families] == ["ok"]
    assert restored.per_week.value == scenario.per_week


def test_round_trip_through_the_real_store(scenario: ContactPlanner, make_course) -> None:
    planner = make_course("m").activity("plan")
    planner.add_family("K", "asl", "in-person", True, "2026-01-12")
    back = make_course("m").activity("plan")
    assert [f.code for f in back.families] == ["K"]
    assert make_course("m", learner="someone-else").activity("plan").families == []
