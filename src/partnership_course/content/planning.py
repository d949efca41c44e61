"""Content models for the planning activities (`contact_planner`, `action_plan`), plus the
plain scheduling functions the contact planner uses.

The scheduling lives here, not in the widget, so tests and the grader can propose a weekly
rhythm without building a user interface. pandas is imported inside `plan_frame` only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, model_validator

from ..i18n import N_
from .model import Id, ScenarioBase, Strict, Text, text_in, unique_ids

if TYPE_CHECKING:
    import pandas as pd


# --------------------------------------------------------------------------------------------
# contact_planner


class PlannerOption(Strict):
    """One choice in a drop-down: a language or a channel."""

    id: Id
    label: Text


class PlannerLabels(Strict):
    """Labels of the planner's controls and plan columns (defaults are plain English)."""

    code: Text = "Family code"
    code_help: Text = "A code or first initial is enough. Please do not type full names."
    language: Text = "Preferred language"
    channel: Text = "Best way to reach them"
    interpreter: Text = "Interpreter needed"
    iep_date: Text = "Next annual IEP meeting"
    add: Text = "Add or update family"
    remove: Text = "Remove family"
    remove_which: Text = "Family to remove"
    start: Text = "Plan starts on"
    per_week: Text = "Families per week"
    weeks: Text = "Weeks to plan"
    download: Text = "Download the plan (CSV file)"
    first_contact: Text = "Positive news"
    follow_up: Text = "Check-in: share progress and ask how things are at home"
    no_families: Text = "No families yet. Add the first one above."


class ContactPlanner(ScenarioBase):
    """A weekly rhythm of contacts: every family hears good news before any meeting or concern."""

    kind: ClassVar[str] = "contact_planner"
    privacy_note: Text | None = None
    languages: list[PlannerOption] = Field(min_length=1)
    channels: list[PlannerOption] = Field(min_length=1)
    weeks: int = Field(default=8, ge=1, le=52)
    per_week: int = Field(default=3, ge=1, le=30)
    lead_days: int = Field(default=14, ge=0, le=120)
    max_families: int = Field(default=60, ge=1, le=200)
    labels: PlannerLabels = Field(default_factory=PlannerLabels)

    @model_validator(mode="after")
    def _check(self) -> ContactPlanner:
        unique_ids(self.languages, "language", "languages")
        unique_ids(self.channels, "channel", "channels")
        return self

    def language_label(self, option_id: str, lang: str = "en") -> str:
        """Label of a language option (the id itself if unknown)."""
        return _label(self.languages, option_id, lang)

    def channel_label(self, option_id: str, lang: str = "en") -> str:
        """Label of a channel option (the id itself if unknown)."""
        return _label(self.channels, option_id, lang)


def _label(options: list[PlannerOption], option_id: str, lang: str) -> str:
    for option in options:
        if option.id == option_id:
            return text_in(option.label, lang)
    return option_id


CODE_PATTERN = re.compile(r"^[\w.\- ]{1,12}$")


def clean_code(code: str) -> str:
    """A family code as stored: trimmed, at most 12 letters, digits, spaces, dots or dashes."""
    cleaned = " ".join(str(code).split())
    if not CODE_PATTERN.match(cleaned):
        raise ValueError(
            "a family code is 1 to 12 letters or digits (for example 'M' or 'Fam-3'); "
            "no full names are needed"
        )
    return cleaned


@dataclass(frozen=True)
class Family:
    """What the planner knows about one family; no names, only a code the teacher chooses."""

    code: str
    language: str
    channel: str
    interpreter: bool = False
    iep_date: date | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-able form, as the response store keeps it."""
        return {
            "code": self.code,
            "language": self.language,
            "channel": self.channel,
            "interpreter": self.interpreter,
            "iep_date": self.iep_date.isoformat() if self.iep_date else None,
        }

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> Family:
        """Inverse of `as_dict` (raises ValueError on a malformed entry)."""
        raw_date = value.get("iep_date")
        return cls(
            code=clean_code(value["code"]),
            language=str(value["language"]),
            channel=str(value["channel"]),
            interpreter=bool(value.get("interpreter", False)),
            iep_date=date.fromisoformat(raw_date) if raw_date else None,
        )


@dataclass(frozen=True)
class Contact:
    """One planned contact: which week, which family, and why."""

    week: int
    week_of: date
    family: Family
    first: bool
    deadline: date | None
    on_time: bool


def week_start(day: date) -> date:
    """The Monday of the week that holds `day`."""
    return day - timedelta(days=day.weekday())


def deadline_of(family: Family, lead_days: int) -> date | None:
    """The day by which a family should have heard good news: `lead_days` before the meeting."""
    return family.iep_date - timedelta(days=lead_days) if family.iep_date else None


def schedule(
    families: list[Family], start: date, per_week: int, weeks: int, lead_days: int = 14
) -> list[Contact]:
    """Propose a weekly rhythm of contacts.

    Round one gives every family a positive contact, earliest IEP deadline first, a few families
    a week (`per_week`); families with no meeting date follow in the order they were added. When
    everyone has heard good news, the same order repeats as check-ins until `weeks` are planned.
    If round one needs more weeks than planned, it still finishes (so no family is left out).
    """
    if per_week < 1 or weeks < 1:
        raise ValueError("per_week and weeks must be at least 1")
    first_monday = week_start(start)
    far = date.max

    def key(pair: tuple[int, Family]) -> tuple[date, int]:
        index, family = pair
        return (deadline_of(family, lead_days) or far, index)

    order = [f for _, f in sorted(enumerate(families), key=key)]
    contacts: list[Contact] = []
    if not order:
        return contacts
    slot = 0
    total_slots = max(per_week * weeks, len(order))
    while slot < total_slots:
        family = order[slot % len(order)]
        week = slot // per_week + 1
        monday = first_monday + timedelta(weeks=week - 1)
        first = slot < len(order)
        deadline = deadline_of(family, lead_days) if first else None
        # a contact "on time" happens by the deadline (by the week's Friday at the latest)
        on_time = deadline is None or monday + timedelta(days=4) <= deadline
        contacts.append(Contact(week, monday, family, first, deadline, on_time))
        slot += 1
    return contacts


def suggested_per_week(
    families: list[Family], start: date, weeks: int, lead_days: int = 14, floor: int = 1
) -> int:
    """The fewest families a week (at least `floor`) that reach everyone before their deadline,
    where that is possible at all (a meeting within days can never be reached in time)."""
    reachable = [
        f
        for f in families
        if (d := deadline_of(f, lead_days)) is None or week_start(start) + timedelta(days=4) <= d
    ]
    for per_week in range(max(1, floor), max(len(reachable), floor) + 1):
        contacts = schedule(reachable, start, per_week, weeks, lead_days)
        if all(c.on_time for c in contacts if c.first):
            return per_week
    return max(len(reachable), floor, 1)


PLAN_COLUMNS = [
    N_("Week"),
    N_("Week of"),
    N_("Family"),
    N_("Language"),
    N_("Channel"),
    N_("Interpreter"),
    N_("Purpose"),
    N_("Note"),
]


def _same(message: str) -> str:
    return message


def plan_frame(
    planner: ContactPlanner,
    families: list[Family],
    start: date,
    per_week: int,
    weeks: int,
    lang: str = "en",
    t: Callable[[str], str] = _same,
) -> pd.DataFrame:
    """The proposed plan as a DataFrame, one row per contact, in week order.

    `t` translates the column headings, "yes"/"no" and the notes (the activity passes its own
    `t`, so a Spanish page and its CSV file read in Spanish); the default keeps the English."""
    import pandas as pd

    labels = planner.labels
    rows = []
    for contact in schedule(families, start, per_week, weeks, planner.lead_days):
        family = contact.family
        notes = []
        if contact.first and family.iep_date:
            meeting = family.iep_date.isoformat()
            if contact.on_time:
                notes.append(
                    t("Good news before the IEP meeting on {meeting}").format(meeting=meeting)
                )
            else:
                close = t(
                    "IEP meeting on {meeting} is close: reach out as early as you can this week"
                )
                notes.append(close.format(meeting=meeting))
        if family.interpreter:
            notes.append(t("Book an interpreter in advance"))
        rows.append(
            {
                "Week": contact.week,
                "Week of": contact.week_of.isoformat(),
                "Family": family.code,
                "Language": planner.language_label(family.language, lang),
                "Channel": planner.channel_label(family.channel, lang),
                "Interpreter": t("yes") if family.interpreter else t("no"),
                "Purpose": text_in(
                    labels.first_contact if contact.first else labels.follow_up, lang
                ),
                "Note": "; ".join(notes),
            }
        )
    frame = pd.DataFrame(rows, columns=PLAN_COLUMNS)
    return frame.rename(columns={column: t(column) for column in PLAN_COLUMNS})


# --------------------------------------------------------------------------------------------
# action_plan


class PlanField(Strict):
    """One labelled box of an action plan."""

    id: Id
    label: Text
    help: Text | None = None
    multiline: bool = False
    max_chars: int = Field(default=2000, ge=10, le=10000)


FILENAME = r"^[a-z0-9][a-z0-9_-]*\.(md|txt)$"


class ActionPlan(ScenarioBase):
    """A short personal plan: a few labelled fields, saved as typed, shown back, downloadable."""

    kind: ClassVar[str] = "action_plan"
    prompt: Text | None = None
    fields: list[PlanField] = Field(min_length=1, max_length=12)
    summary_title: Text = "My action plan"
    filename: str = Field(default="my-action-plan.md", pattern=FILENAME)

    @model_validator(mode="after")
    def _check(self) -> ActionPlan:
        unique_ids(self.fields, "field", "fields")
        return self

    def markdown(self, answers: dict[str, str], lang: str = "en") -> str:
        """The plan as a small Markdown document (fields left empty say so)."""
        lines = [f"# {text_in(self.summary_title, lang)}", ""]
        for field in self.fields:
            value = answers.get(field.id, "").strip() or "(not written yet)"
            lines += [f"## {text_in(field.label, lang)}", "", value, ""]
        return "\n".join(lines)

    def complete(self, answers: dict[str, str]) -> bool:
        """Whether every field has some text."""
        return all(answers.get(f.id, "").strip() for f in self.fields)
