"""Contact planner: list your families, get a weekly rhythm of positive contacts, download it.

The learner adds each family under a code (no names), with the language and channel that
family prefers, whether an interpreter is needed and the date of the next annual IEP meeting.
`plan()` proposes a few contacts a week so every family hears good news before a meeting or a
concern; the plan is shown as a captioned table and offered as a CSV download through a `data:`
link, which works the same in JupyterLab and in Voila (no file is written).

One anywidget (`static/contact_planner.js`): native controls, each labelled above, the two
drop-downs as wide as the form, the rhythm's numbers and first week sent about a second after the
last key (and at once on blur). Python keeps the rules (codes, options, scheduling, the warning
about late good news) and sends the family list, the plan and the file as data. The stored shape
is the one the stock-ipywidgets planner saved (`families`, `per_week`, `weeks`, `start`), so old
plans restore unchanged and the toolkit documents read the families as before.
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from ..content.planning import (
    ContactPlanner,
    Family,
    clean_code,
    plan_frame,
    schedule,
    suggested_per_week,
)
from .action_plan import download
from .frontend import FrontEndActivity

if TYPE_CHECKING:
    import pandas as pd

#: The rhythm's bounds (the stock planner's number boxes clamped to the same).
PER_WEEK = (1, 30)
WEEKS = (1, 52)


def _clamp(value: int, bounds: tuple[int, int]) -> int:
    return max(bounds[0], min(bounds[1], value))


class ContactPlannerActivity(FrontEndActivity):
    """Form, family list, rhythm settings and plan; `add_family`, `remove_family`, `set_rhythm`,
    `plan` and `csv` are the public events."""

    kind = "contact_planner"
    scenario: ContactPlanner
    EVENTS: ClassVar[dict[str, str]] = {
        "add": "add_from_page",
        "remove": "remove_from_page",
        "rhythm": "rhythm_from_page",
    }

    def setup(self) -> None:
        self._families: dict[str, Family] = {}
        self._start = date.today()
        self._per_week = _clamp(self.scenario.per_week, PER_WEEK)
        self._weeks = _clamp(self.scenario.weeks, WEEKS)
        self._added = 0  # successful adds from the page: the form clears after each
        self._refresh()

    def interface(self) -> dict[str, str]:
        return {
            "your_families": self.t("Your families"),
            "your_rhythm": self.t("Your weekly rhythm"),
            "families_caption": self.t("Families on your list"),
            "plan_caption": self.t("Proposed contacts, week by week"),
            "yes": self.t("yes"),
            "no": self.t("no"),
        }

    # -- public events ------------------------------------------------------------------------
    @property
    def families(self) -> list[Family]:
        """The families listed so far, in the order they were added."""
        return list(self._families.values())

    @property
    def per_week(self) -> int:
        """How many families hear from the teacher each week."""
        return self._per_week

    @property
    def weeks(self) -> int:
        """How many weeks the plan covers."""
        return self._weeks

    @property
    def start(self) -> date:
        """A day in the plan's first week."""
        return self._start

    def add_family(
        self,
        code: str,
        language: str,
        channel: str,
        interpreter: bool = False,
        iep_date: date | str | None = None,
    ) -> Family:
        """Add a family (or update the one with the same code) and save the plan."""
        family = self._family(code, language, channel, interpreter, iep_date)
        if family.code not in self._families and len(self._families) >= self.scenario.max_families:
            raise ValueError(f"this planner holds at most {self.scenario.max_families} families")
        self._families[family.code] = family
        self._refresh()
        self.save()
        return family

    def remove_family(self, code: str) -> None:
        """Take a family off the list and save the plan."""
        key = clean_code(code)
        if key not in self._families:
            raise ValueError(f"no family with code {key!r}")
        del self._families[key]
        self._refresh()
        self.save()

    def set_rhythm(
        self, per_week: int | None = None, weeks: int | None = None, start: date | str | None = None
    ) -> None:
        """Change how many families a week, how many weeks, and the first week (and save).

        Numbers outside 1-30 families a week or 1-52 weeks are brought to the nearest bound."""
        new_per_week = self._per_week if per_week is None else _clamp(int(per_week), PER_WEEK)
        new_weeks = self._weeks if weeks is None else _clamp(int(weeks), WEEKS)
        new_start = self._start if start is None else _as_date(start)
        if (new_per_week, new_weeks, new_start) == (self._per_week, self._weeks, self._start):
            self._refresh()  # the page may show a number Python brought back into bounds
            return
        self._per_week, self._weeks, self._start = new_per_week, new_weeks, new_start
        self._refresh()
        self.save()

    def plan(self, start: date | str | None = None) -> pd.DataFrame:
        """The proposed contacts as a DataFrame (one row per contact, in week order), its headings
        and words in the learner's language."""
        first = _as_date(start) if start is not None else self._start
        return plan_frame(
            self.scenario, self.families, first, self._per_week, self._weeks, self.lang, self.t
        )

    def csv(self) -> str:
        """The plan as CSV text (what the download link holds, after a byte-order mark)."""
        return self.plan().to_csv(index=False)

    # -- what the page sends ------------------------------------------------------------------
    def add_from_page(
        self,
        code: str,
        language: str,
        channel: str,
        interpreter: bool = False,
        iep_date: str | None = None,
    ) -> None:
        """The form's Add button: add the family, or say plainly what to change (nothing saved)."""
        try:
            family = self.add_family(code, language, channel, bool(interpreter), iep_date or None)
        except ValueError:
            self.show_status(self._refusal(code), alert=True)
            return
        self._added += 1
        self._refresh()
        self.show_status(
            self.t("Family {code} is on your list and saved.").format(code=family.code)
        )

    def remove_from_page(self, code: str) -> None:
        """The Remove button: take the chosen family off the list."""
        self.remove_family(code)
        self.show_status(self.t("Family {code} is off your list.").format(code=clean_code(code)))

    def rhythm_from_page(self, per_week: Any = None, weeks: Any = None, start: Any = None) -> None:
        """A rhythm box changed: a blank or half-typed value is said plainly, nothing saved."""
        try:
            self.set_rhythm(
                per_week=None if per_week is None else int(str(per_week).strip()),
                weeks=None if weeks is None else int(str(weeks).strip()),
                start=start or None,
            )
        except ValueError:
            self._refresh()
            self.show_status(
                self.t("Please type a whole number of families a week and of weeks, and a date."),
                alert=True,
            )

    # -- state --------------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return {
            "families": [f.as_dict() for f in self.families],
            "per_week": self._per_week,
            "weeks": self._weeks,
            "start": self._start.isoformat(),
        }

    def restore(self, value: dict[str, Any]) -> None:
        self._families = {}
        for entry in value.get("families", []):
            try:
                family = Family.from_dict(entry)
            except (KeyError, TypeError, ValueError):
                continue  # one damaged entry must not hide the others
            self._families[family.code] = family
        for key, bounds in (("per_week", PER_WEEK), ("weeks", WEEKS)):
            saved = value.get(key)
            if isinstance(saved, int) and not isinstance(saved, bool):
                setattr(self, f"_{key}", _clamp(saved, bounds))
        with contextlib.suppress(TypeError, ValueError):
            self._start = date.fromisoformat(value.get("start", ""))
        self._refresh(replace=True)

    # -- internals ----------------------------------------------------------------------------
    def _family(
        self, code: str, language: str, channel: str, interpreter: bool, iep_date: Any
    ) -> Family:
        s = self.scenario
        return Family(
            code=clean_code(code),
            language=_option_id(s.languages, language, self.lang, "language"),
            channel=_option_id(s.channels, channel, self.lang, "channel"),
            interpreter=bool(interpreter),
            iep_date=_as_date(iep_date) if iep_date else None,
        )

    def _refusal(self, code: str) -> str:
        """Why the form's family was not added, in the learner's language."""
        try:
            key = clean_code(code)
        except ValueError:
            return self.t(
                "A family code is 1 to 12 letters or digits (for example M or Fam-3); "
                "no full names are needed."
            )
        if key not in self._families and len(self._families) >= self.scenario.max_families:
            return self.t("This planner holds at most {n} families.").format(
                n=self.scenario.max_families
            )
        return self.t("Please choose a language and a way to reach the family, and a real date.")

    def _refresh(self, replace: bool = False) -> None:
        """Send what the page shows: the saved answer (`replace`: into the rhythm boxes even
        where the learner is, as after a restore or a newer copy), the summary, the plan and
        the file."""
        self.response = {**self.state(), "added": self._added, "replace": replace}
        families = self.families
        if not families:
            self.feedback = {}
            return
        frame = self.plan()
        self.feedback = {
            **self._summary(families),
            "plan": {
                "columns": [str(c) for c in frame.columns],
                "rows": [[str(v) for v in row] for row in frame.itertuples(index=False)],
            },
            "download": download(
                "\ufeff" + frame.to_csv(index=False), "contact-plan.csv", "text/csv"
            ),
        }

    def _summary(self, families: list[Family]) -> dict[str, str]:
        rounds_weeks = -(-len(families) // self._per_week)
        if len(families) == 1:
            sentence = self.t("One family, {k} a week: it hears good news in the first week.")
        elif rounds_weeks == 1:
            sentence = self.t(
                "{n} families, {k} a week: every family hears good news in the first week."
            )
        else:
            sentence = self.t(
                "{n} families, {k} a week: every family hears good news within the first {w} weeks."
            )
        line = sentence.format(n=len(families), k=self._per_week, w=rounds_weeks)
        late = self._late_codes(families)
        if not late:
            return {"summary": line, "warning": ""}
        best = suggested_per_week(
            families, self._start, self._weeks, self.scenario.lead_days, self._per_week
        )
        warn = self.t(
            "Some good news would arrive less than {d} days before the IEP meeting ({codes}). "
            "Try {k} families a week, or reach those families first."
        ).format(d=self.scenario.lead_days, codes=", ".join(late), k=best)
        return {"summary": line, "warning": warn}

    def _late_codes(self, families: list[Family]) -> list[str]:
        """Codes of families whose first good news would come after their deadline."""
        contacts = schedule(
            families, self._start, self._per_week, self._weeks, self.scenario.lead_days
        )
        return [c.family.code for c in contacts if c.first and not c.on_time]


def _as_date(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def _option_id(options: list[Any], value: str, lang: str, what: str) -> str:
    """Accept an option id or its label (any case); raise ValueError otherwise."""
    from ..content.model import text_in

    wanted = str(value).strip().lower()
    for option in options:
        if wanted in {option.id.lower(), text_in(option.label, lang).lower()}:
            return option.id
    known = ", ".join(o.id for o in options)
    raise ValueError(f"{value!r} is not a {what} option (choose one of: {known})")
