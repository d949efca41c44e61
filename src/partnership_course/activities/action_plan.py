"""Action plan: a few labelled boxes (one step, by when, who helps, how I will know), saved as
they are typed like a reflection, shown back as a summary and offered as a Markdown download."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..content.planning import ActionPlan
from .base import Activity
from .reflection import word_count
from .render import download_link, escape, paragraphs


class ActionPlanActivity(Activity):
    """One labelled text box per field; `write(field_id, text)` is the public event."""

    kind = "action_plan"
    scenario: ActionPlan

    def build(self) -> list[widgets.Widget]:
        rows: list[widgets.Widget] = []
        if self.scenario.prompt:
            rows.append(
                widgets.HTML(
                    f'<div class="pc-prompt">{paragraphs(self.scenario.prompt, self.lang)}</div>'
                )
            )
        self.boxes: dict[str, widgets.Textarea | widgets.Text] = {}
        for field in self.scenario.fields:
            if field.help:
                rows.append(
                    widgets.HTML(f'<p class="pc-status">{escape(self.text(field.help))}</p>')
                )
            common = {
                "value": "",
                "description": self.text(field.label),
                "continuous_update": True,
                "style": {"description_width": "initial"},
                "layout": widgets.Layout(width="100%"),
            }
            box: widgets.Textarea | widgets.Text = (
                widgets.Textarea(rows=3, **common) if field.multiline else widgets.Text(**common)
            )
            box.observe(self._on_type, names="value")
            self.boxes[field.id] = box
            rows.append(box)
        self.summary = widgets.HTML()
        self.download = widgets.HTML()
        self._refresh()
        return [*rows, self.summary, self.download]

    @property
    def answers(self) -> dict[str, str]:
        """Field id -> text, exactly as typed."""
        return {field_id: box.value for field_id, box in self.boxes.items()}

    def write(self, field_id: str, text: str) -> None:
        """Replace one field's text, as typing would (and save it)."""
        if field_id not in self.boxes:
            raise ValueError(f"{field_id!r} is not a field of {self.scenario.id}")
        limit = next(f.max_chars for f in self.scenario.fields if f.id == field_id)
        self.boxes[field_id].value = str(text)[:limit]

    def markdown(self) -> str:
        """The plan as Markdown (what the download link holds)."""
        return self.scenario.markdown(self.answers, self.lang)

    def state(self) -> dict[str, Any]:
        answers = self.answers
        return {
            "fields": answers,
            "words": sum(word_count(v) for v in answers.values()),
            "complete": self.scenario.complete(answers),
        }

    def restore(self, value: dict[str, Any]) -> None:
        for field_id, text in dict(value.get("fields", {})).items():
            if field_id in self.boxes and isinstance(text, str):
                self.boxes[field_id].value = text
        self._refresh()

    def _on_type(self, _change: dict[str, Any]) -> None:
        self._refresh()
        if not self._restoring:
            self.save(announce=False)

    def _refresh(self) -> None:
        answers = self.answers
        items = "".join(
            f"<dt><strong>{escape(self.text(f.label))}</strong></dt>"
            f"<dd>{escape(answers.get(f.id, '').strip() or self.t('(not written yet)'))}</dd>"
            for f in self.scenario.fields
        )
        title = escape(self.text(self.scenario.summary_title))
        done = self.t("Your plan is complete.") if self.scenario.complete(answers) else ""
        self.summary.value = (
            f'<section class="pc-feedback pc-note" aria-label="{title}"><h4>{title}</h4>'
            f"<dl>{items}</dl><p>{escape(done)}</p></section>"
        )
        self.download.value = download_link(
            self.markdown(),
            self.scenario.filename,
            self.t("Download my plan ({name})").format(name=self.scenario.filename),
            "text/markdown",
        )
