"""Self-assessment: rate yourself on each item and see the ratings as a chart and a table.

The chart is inline SVG with a text title, and the same numbers are always shown as a table, so
a screen-reader user gets every figure the chart shows. No plotting library is loaded: a kernel
per workshop participant has to stay small.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..content.model import SelfAssessment
from .base import Activity
from .render import escape, paragraphs


class SelfAssessmentActivity(Activity):
    """One labelled radio group per item; `rate()` is the public event."""

    kind = "self_assessment"
    scenario: SelfAssessment

    def build(self) -> list[widgets.Widget]:
        self.scale_note = widgets.HTML(self._scale_html())
        self.raters: dict[str, widgets.RadioButtons] = {}
        rows: list[widgets.Widget] = [self.scale_note]
        for item in self.scenario.items:
            about = paragraphs(item.description, self.lang)
            rows.append(widgets.HTML(f"<h4>{escape(self.text(item.label))}</h4>{about}"))
            rater = widgets.RadioButtons(
                options=[
                    (f"{lv.value}: {self.text(lv.label)}", lv.value) for lv in self.scenario.scale
                ],
                value=None,
                description=self.t("Rate {item}").format(item=self.text(item.label)),
                style={"description_width": "initial"},
                layout=widgets.Layout(width="auto"),
            )
            rater.observe(self._on_rate, names="value")
            self.raters[item.id] = rater
            rows.append(rater)
        self.chart = widgets.HTML(self._chart_html())
        return [*rows, self.chart]

    @property
    def ratings(self) -> dict[str, int]:
        """Item id -> rating, for the items rated so far."""
        return {item_id: r.value for item_id, r in self.raters.items() if r.value is not None}

    def rate(self, item_id: str, value: int) -> None:
        """Give an item a rating, as choosing it on the page would."""
        if item_id not in self.raters:
            raise ValueError(f"{item_id!r} is not an item of {self.scenario.id}")
        if value not in {lv.value for lv in self.scenario.scale}:
            raise ValueError(f"{value!r} is not on the scale of {self.scenario.id}")
        self.raters[item_id].value = value

    def state(self) -> dict[str, Any]:
        return {"ratings": self.ratings}

    def restore(self, value: dict[str, Any]) -> None:
        allowed = {lv.value for lv in self.scenario.scale}
        for item_id, rating in dict(value.get("ratings", {})).items():
            if item_id in self.raters and rating in allowed:
                self.raters[item_id].value = rating
        self.chart.value = self._chart_html()

    def _on_rate(self, _change: dict[str, Any]) -> None:
        self.chart.value = self._chart_html()
        if not self._restoring:
            self.save()

    def _scale_html(self) -> str:
        levels = ", ".join(
            f"{lv.value} = {escape(self.text(lv.label))}" for lv in self.scenario.scale
        )
        return f"<p><strong>{escape(self.t('Scale'))}:</strong> {levels}</p>"

    def _chart_html(self) -> str:
        """Horizontal bar chart (SVG, decorative copy of the table) plus the table itself."""
        top = max(lv.value for lv in self.scenario.scale)
        labels = {lv.value: self.text(lv.label) for lv in self.scenario.scale}
        ratings = self.ratings
        bar_h, gap, left, width = 22, 10, 170, 300
        height = len(self.scenario.items) * (bar_h + gap) + gap
        bars, rows = [], []
        for index, item in enumerate(self.scenario.items):
            y = gap + index * (bar_h + gap)
            name = escape(self.text(item.label))
            value = ratings.get(item.id)
            length = 0 if value is None or top == 0 else int(width * value / top)
            shown = "-" if value is None else str(value)
            bars.append(
                f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" font-size="13" '
                f'fill="#1b1b1b">{name}</text>'
                f'<rect x="{left}" y="{y}" width="{length}" height="{bar_h}" fill="#1f5f8b"/>'
                f'<text x="{left + length + 6}" y="{y + 16}" font-size="13" '
                f'fill="#1b1b1b">{shown}</text>'
            )
            level = "" if value is None else escape(labels[value])
            rows.append(f"<tr><th scope='row'>{name}</th><td>{shown}</td><td>{level}</td></tr>")
        title = escape(self.t("Your ratings"))
        if self.scenario.summary:
            title = escape(self.text(self.scenario.summary))
        alt = escape(self.t("the same figures are in the table below"))
        svg = (
            f'<svg role="img" aria-labelledby="{self._chart_id}-t" width="{left + width + 40}" '
            f'height="{height}" viewBox="0 0 {left + width + 40} {height}">'
            f'<title id="{self._chart_id}-t">{title}: {alt}</title>'
            f"{''.join(bars)}</svg>"
        )
        head = (
            f"<tr><th scope='col'>{escape(self.t('Area'))}</th>"
            f"<th scope='col'>{escape(self.t('Rating'))}</th>"
            f"<th scope='col'>{escape(self.t('Meaning'))}</th></tr>"
        )
        table = f"<table><caption>{title}</caption>{head}{''.join(rows)}</table>"
        return f"<div>{svg}{table}</div>"

    @property
    def _chart_id(self) -> str:
        return f"pc-chart-{self.scenario.id}"
