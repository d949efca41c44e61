"""Contact planner: list your families, get a weekly rhythm of positive contacts, download it.

The learner adds each family under a code (no names), with the language and channel that
family prefers, whether an interpreter is needed and the date of the next annual IEP meeting.
`plan()` proposes a few contacts a week so every family hears good news before a meeting or a
concern; the plan is shown as an HTML table with a caption and offered as a CSV download through
a `data:` link, which works the same in JupyterLab and in Voila (no file is written).
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from ..content.planning import (
    ContactPlanner,
    Family,
    clean_code,
    plan_frame,
    schedule,
    suggested_per_week,
)
from .base import Activity
from .render import download_link, escape, frame_html, paragraphs

if TYPE_CHECKING:
    import pandas as pd

_WIDE = {"description_width": "initial"}


class ContactPlannerActivity(Activity):
    """Form, family list, rhythm settings and plan; `add_family`, `remove_family`, `plan`."""

    kind = "contact_planner"
    scenario: ContactPlanner

    # -- building -----------------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        s, labels = self.scenario, self.scenario.labels
        self._families: dict[str, Family] = {}
        self._start = date.today()
        note = paragraphs(s.privacy_note, self.lang) if s.privacy_note else ""
        self.note = widgets.HTML(f'<div class="pc-feedback pc-note">{note}</div>' if note else "")
        self.code = widgets.Text(
            description=self.text(labels.code),
            placeholder=self.text(labels.code_help),
            style=_WIDE,
            layout=widgets.Layout(width="32rem"),
        )
        self.language = widgets.Dropdown(
            options=[(self.text(o.label), o.id) for o in s.languages],
            description=self.text(labels.language),
            style=_WIDE,
        )
        self.channel = widgets.Dropdown(
            options=[(self.text(o.label), o.id) for o in s.channels],
            description=self.text(labels.channel),
            style=_WIDE,
        )
        self.interpreter = widgets.Checkbox(
            value=False, description=self.text(labels.interpreter), indent=False
        )
        self.iep_date = widgets.DatePicker(description=self.text(labels.iep_date), style=_WIDE)
        self.add_button = widgets.Button(
            description=self.text(labels.add), button_style="primary", icon="plus"
        )
        self.add_button.on_click(lambda _b: self._add_from_form())
        self.family_table = widgets.HTML()
        self.remove_which = widgets.Dropdown(
            options=[], description=self.text(labels.remove_which), style=_WIDE
        )
        self.remove_button = widgets.Button(description=self.text(labels.remove), icon="trash")
        self.remove_button.on_click(lambda _b: self._remove_from_form())
        self.start_picker = widgets.DatePicker(
            value=self._start, description=self.text(labels.start), style=_WIDE
        )
        self.per_week = widgets.BoundedIntText(
            value=s.per_week, min=1, max=30, description=self.text(labels.per_week), style=_WIDE
        )
        self.weeks = widgets.BoundedIntText(
            value=s.weeks, min=1, max=52, description=self.text(labels.weeks), style=_WIDE
        )
        for control in (self.start_picker, self.per_week, self.weeks):
            control.observe(self._on_rhythm, names="value")
        self.summary = widgets.HTML()
        self.plan_view = widgets.HTML()
        self.download = widgets.HTML()
        self._refresh()
        return [
            self.note,
            widgets.HTML(f"<h4>{escape(self.t('Your families'))}</h4>"),
            self.code,
            self.language,
            self.channel,
            self.interpreter,
            self.iep_date,
            self.add_button,
            self.family_table,
            widgets.HBox([self.remove_which, self.remove_button]),
            widgets.HTML(f"<h4>{escape(self.t('Your weekly rhythm'))}</h4>"),
            self.start_picker,
            self.per_week,
            self.weeks,
            self.summary,
            self.plan_view,
            self.download,
        ]

    # -- public events ------------------------------------------------------------------------
    @property
    def families(self) -> list[Family]:
        """The families listed so far, in the order they were added."""
        return list(self._families.values())

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
        """Change how many families a week, how many weeks, and the first week (and save)."""
        if per_week is not None:
            self.per_week.value = int(per_week)
        if weeks is not None:
            self.weeks.value = int(weeks)
        if start is not None:
            self.start_picker.value = _as_date(start)

    def plan(self, start: date | str | None = None) -> pd.DataFrame:
        """The proposed contacts as a DataFrame (one row per contact, in week order)."""
        first = _as_date(start) if start is not None else self._start
        return plan_frame(
            self.scenario, self.families, first, self.per_week.value, self.weeks.value, self.lang
        )

    def csv(self) -> str:
        """The plan as CSV text (what the download link holds)."""
        return self.plan().to_csv(index=False)

    # -- state --------------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return {
            "families": [f.as_dict() for f in self.families],
            "per_week": self.per_week.value,
            "weeks": self.weeks.value,
            "start": self._start.isoformat(),
        }

    def restore(self, value: dict[str, Any]) -> None:
        for entry in value.get("families", []):
            try:
                family = Family.from_dict(entry)
            except (KeyError, TypeError, ValueError):
                continue  # one damaged entry must not hide the others
            self._families[family.code] = family
        for control, key in ((self.per_week, "per_week"), (self.weeks, "weeks")):
            if isinstance(value.get(key), int):
                control.value = max(control.min, min(control.max, value[key]))
        with contextlib.suppress(TypeError, ValueError):
            self.start_picker.value = date.fromisoformat(value.get("start", ""))
        self._refresh()

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

    def _add_from_form(self) -> None:
        try:
            family = self.add_family(
                self.code.value,
                self.language.value,
                self.channel.value,
                self.interpreter.value,
                self.iep_date.value,
            )
        except ValueError as exc:
            self.status.value = self._status_html(str(exc), alert=True)
            return
        self.code.value = ""
        self.interpreter.value = False
        self.iep_date.value = None
        self.status.value = self._status_html(
            self.t("Family {code} is on your list and saved.").format(code=family.code)
        )

    def _remove_from_form(self) -> None:
        if not self.remove_which.value:
            return
        code = self.remove_which.value
        self.remove_family(code)
        self.status.value = self._status_html(
            self.t("Family {code} is off your list.").format(code=code)
        )

    def _on_rhythm(self, _change: dict[str, Any]) -> None:
        if self.start_picker.value is not None:
            self._start = self.start_picker.value
        self._refresh()
        if not self._restoring:
            self.save()

    def _refresh(self) -> None:
        labels = self.scenario.labels
        families = self.families
        self.remove_which.options = [(f.code, f.code) for f in families]
        if not families:
            self.family_table.value = f"<p>{escape(self.text(labels.no_families))}</p>"
            self.summary.value = ""
            self.plan_view.value = ""
            self.download.value = ""
            return
        rows = "".join(
            "<tr>"
            f"<th scope='row'>{escape(f.code)}</th>"
            f"<td>{escape(self.scenario.language_label(f.language, self.lang))}</td>"
            f"<td>{escape(self.scenario.channel_label(f.channel, self.lang))}</td>"
            f"<td>{escape(self.t('yes') if f.interpreter else self.t('no'))}</td>"
            f"<td>{escape(f.iep_date.isoformat() if f.iep_date else '-')}</td>"
            "</tr>"
            for f in families
        )
        head = "".join(
            f"<th scope='col'>{escape(self.text(x))}</th>"
            for x in (
                labels.code,
                labels.language,
                labels.channel,
                labels.interpreter,
                labels.iep_date,
            )
        )
        caption = escape(self.t("Families on your list"))
        self.family_table.value = (
            f"<table><caption>{caption}</caption><tr>{head}</tr>{rows}</table>"
        )
        frame = self.plan()
        self.summary.value = self._summary_html(families)
        self.plan_view.value = frame_html(frame, self.t("Proposed contacts, week by week"))
        self.download.value = download_link(
            "\ufeff" + frame.to_csv(index=False),
            "contact-plan.csv",
            self.text(labels.download),
            "text/csv",
        )

    def _summary_html(self, families: list[Family]) -> str:
        per_week, weeks = self.per_week.value, self.weeks.value
        rounds_weeks = -(-len(families) // per_week)
        line = self.t(
            "{n} families, {k} a week: every family hears good news within the first {w} weeks."
        ).format(n=len(families), k=per_week, w=rounds_weeks)
        late = self._late_codes(families)
        if not late:
            return f'<p class="pc-feedback pc-right" role="status">{escape(line)}</p>'
        best = suggested_per_week(families, self._start, weeks, self.scenario.lead_days, per_week)
        warn = self.t(
            "Some good news would arrive less than {d} days before the IEP meeting ({codes}). "
            "Try {k} families a week, or reach those families first."
        ).format(d=self.scenario.lead_days, codes=", ".join(late), k=best)
        return (
            f'<div class="pc-feedback pc-note" role="status"><p>{escape(line)}</p>'
            f"<p>{escape(warn)}</p></div>"
        )

    def _late_codes(self, families: list[Family]) -> list[str]:
        """Codes of families whose first good news would come after their deadline."""
        contacts = schedule(
            families, self._start, self.per_week.value, self.weeks.value, self.scenario.lead_days
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
