"""Contact planner: the scheduling rules, the widget's public events, saving and restoring."""

from __future__ import annotations

import base64
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


def test_one_model_and_the_plan_and_download_sent_as_data(scenario: ContactPlanner) -> None:
    """One anywidget model; the families, the plan and the CSV file reach the page as data
    (drawn as text nodes), never as markup."""
    import anywidget

    planner = make(scenario)
    assert isinstance(planner, anywidget.AnyWidget) and "contact_planner" in planner._esm
    assert planner.feedback == {}  # nothing planned yet: no table, no link
    planner.add_family("T1", "english", "phone")
    assert planner.response["families"] == [f.as_dict() for f in planner.families]
    plan = planner.feedback["plan"]
    assert plan["columns"][:3] == ["Week", "Week of", "Family"]
    assert [row[2] for row in plan["rows"]] == ["T1"] * len(plan["rows"])
    file = planner.feedback["download"]
    assert file["filename"] == "contact-plan.csv" and file["mime"] == "text/csv"
    text = base64.b64decode(file["data"]).decode("utf-8")
    assert text == "\ufeff" + planner.csv()
    assert text.lstrip("\ufeff").startswith("Week,Week of,Family")
    assert planner.content["labels"]["download"] == "Download the plan (CSV file)"
    assert [o["id"] for o in planner.content["languages"]][:2] == ["english", "spanish"]


def test_invalid_code_from_the_page_shows_an_alert_and_saves_nothing(
    scenario: ContactPlanner,
) -> None:
    binding = MemoryBinding()
    planner = make(scenario, binding)
    page = {"event": "add", "language": "english", "channel": "phone", "interpreter": False}
    planner._handle_custom_msg({**page, "code": "<script>", "iep_date": None}, [])
    assert planner.status["alert"] is True
    assert "letters or digits" in planner.status["text"]
    assert binding.saves == []
    planner._handle_custom_msg({**page, "code": "A", "iep_date": "soon"}, [])
    assert planner.status["alert"] is True and binding.saves == []
    assert planner.response["added"] == 0  # the form keeps what was typed


def test_the_page_adds_and_removes_a_family(scenario: ContactPlanner) -> None:
    binding = MemoryBinding()
    planner = make(scenario, binding)
    planner._handle_custom_msg(
        {
            "event": "add",
            "code": "R",
            "language": "vietnamese",
            "channel": "in-person",
            "interpreter": True,
            "iep_date": "2026-02-03",
        },
        [],
    )
    assert binding.saved["families"][0]["iep_date"] == "2026-02-03"
    assert planner.status == {"text": "Family R is on your list and saved.", "alert": False}
    assert planner.response["added"] == 1  # the page clears its form
    planner._handle_custom_msg({"event": "remove", "code": "R"}, [])
    assert binding.saved["families"] == []
    assert planner.status["text"] == "Family R is off your list."


def test_the_page_changes_the_rhythm(scenario: ContactPlanner) -> None:
    binding = MemoryBinding()
    planner = make(scenario, binding)
    planner._handle_custom_msg({"event": "rhythm", "per_week": "4"}, [])
    planner._handle_custom_msg({"event": "rhythm", "weeks": "99"}, [])  # brought to 52
    planner._handle_custom_msg({"event": "rhythm", "start": "2025-09-03"}, [])
    assert binding.saved == {"families": [], "per_week": 4, "weeks": 52, "start": "2025-09-03"}
    assert len(binding.saves) == 3
    planner._handle_custom_msg({"event": "rhythm", "per_week": ""}, [])  # half typed
    assert planner.status["alert"] is True
    assert len(binding.saves) == 3 and planner.response["per_week"] == 4
    planner._handle_custom_msg({"event": "rhythm", "per_week": "4"}, [])  # unchanged: no save
    assert len(binding.saves) == 3


def test_the_summary_counts_in_words_that_agree(scenario: ContactPlanner) -> None:
    """One family, one week, several weeks: never "1 families" or "the first 1 weeks"."""
    planner = make(scenario)
    planner.set_rhythm(per_week=2, weeks=4, start=MONDAY)
    planner.add_family("A", "english", "phone")
    assert planner.feedback["summary"] == (
        "One family, 2 a week: it hears good news in the first week."
    )
    planner.add_family("B", "english", "phone")
    assert planner.feedback["summary"].endswith("every family hears good news in the first week.")
    planner.add_family("C", "english", "phone")
    assert planner.feedback["summary"].endswith("within the first 2 weeks.")


def test_a_late_meeting_is_warned_about(scenario: ContactPlanner) -> None:
    planner = make(scenario)
    planner.set_rhythm(per_week=1, weeks=4, start=MONDAY)
    for code in "ABCD":
        planner.add_family(code, "english", "phone", False, "2025-09-26")
    assert "Try 2 families a week" in planner.feedback["warning"]
    assert planner.feedback["summary"].startswith("4 families, 1 a week")


def test_spanish_labels_and_plan(scenario: ContactPlanner) -> None:
    from partnership_course.activities.planner import ContactPlannerActivity

    planner = ContactPlannerActivity(scenario, MemoryBinding(), lang="es")
    planner.add_family("A", "spanish", "phone")
    assert planner.labels["families_caption"] == "Familias en su lista"
    assert planner.status["text"].startswith("Guardado")  # the save said in Spanish too
    # the plan on the page and in its CSV file: headings, yes/no and notes in Spanish too
    planner.add_family("B", "english", "phone", interpreter=True, iep_date=date(2099, 10, 15))
    plan = planner.feedback["plan"]
    assert plan["columns"] == [
        "Semana", "Semana del", "Familia", "Idioma", "Medio", "Intérprete", "Propósito", "Nota",
    ]  # fmt: skip
    row_b = next(row for row in plan["rows"] if row[2] == "B")
    assert row_b[5] == "sí"
    assert "Reserve un intérprete" in row_b[7] and "reunión del IEP del 2099-10-15" in row_b[7]
    csv_text = base64.b64decode(planner.feedback["download"]["data"]).decode("utf-8")
    assert csv_text.lstrip("\ufeff").startswith("Semana,Semana del,Familia")
    assert "Week" not in csv_text and "interpreter" not in csv_text


def test_restore_brings_everything_back_without_saving(scenario: ContactPlanner) -> None:
    first = MemoryBinding()
    planner = make(scenario, first)
    planner.add_family("A", "polish", "app", False, "2025-12-01")
    planner.set_rhythm(per_week=4, weeks=10, start=MONDAY)
    again = MemoryBinding(first.saved)
    restored = make(scenario, again)
    assert again.saves == []
    assert restored.families == planner.families
    assert (restored.per_week, restored.weeks, restored.start) == (4, 10, MONDAY)
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
    assert restored.per_week == scenario.per_week


def test_round_trip_through_the_real_store(scenario: ContactPlanner, make_course) -> None:
    planner = make_course("m").activity("plan")
    planner.add_family("K", "asl", "in-person", True, "2026-01-12")
    back = make_course("m").activity("plan")
    assert [f.code for f in back.families] == ["K"]
    assert make_course("m", learner="someone-else").activity("plan").families == []


def test_a_stale_copy_never_overwrites_the_newer_plan(
    scenario: ContactPlanner, make_course
) -> None:
    """Two copies of the page: the second's save carries the revision it showed, so it cannot
    replace the family the first one added; it shows the newer plan and says so."""
    first = make_course("m").activity("plan")
    stale = make_course("m").activity("plan")
    first.add_family("K", "asl", "in-person", True, "2026-01-12")
    stale.add_family("Z", "english", "phone")
    assert stale.status["alert"] is True and "another window" in stale.status["text"]
    assert [f.code for f in stale.families] == ["K"]  # the newer plan, shown on the stale copy
    back = make_course("m").activity("plan")
    assert [f.code for f in back.families] == ["K"]
    stale.add_family("Z", "english", "phone")  # now based on what it shows: saved
    assert [f.code for f in make_course("m").activity("plan").families] == ["K", "Z"]
