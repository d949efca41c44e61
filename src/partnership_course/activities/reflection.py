"""Reflection: free text saved as it is typed, kept exactly, graded later by a coach."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..content.model import Reflection
from ..words import word_count
from .base import Activity
from .render import escape, paragraphs


class ReflectionActivity(Activity):
    """A labelled text area; every change is committed to the store before the event returns."""

    kind = "reflection"
    scenario: Reflection

    def build(self) -> list[widgets.Widget]:
        guidance = paragraphs(self.scenario.guidance, self.lang)
        self.prompt = widgets.HTML(
            f'<div class="pc-prompt">{paragraphs(self.scenario.prompt, self.lang)}{guidance}</div>'
        )
        self.box = widgets.Textarea(
            value="",
            description=self.t("Your reflection"),
            placeholder=self.t("Write in your own words. Your text is saved as you type."),
            continuous_update=True,
            rows=8,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )
        self.count = widgets.HTML(self._count_html(""))
        self.box.observe(self._on_type, names="value")
        return [self.prompt, self.box, self.count]

    @property
    def answer(self) -> str:
        """The reflection exactly as typed."""
        return self.box.value

    def write(self, text: str) -> None:
        """Replace the reflection text, as typing would (and save it)."""
        self.box.value = text

    def state(self) -> dict[str, Any]:
        return {"text": self.box.value, "words": word_count(self.box.value)}

    def restore(self, value: dict[str, Any]) -> None:
        text = value.get("text", "")
        if isinstance(text, str):
            self.box.value = text
            self.count.value = self._count_html(text)

    def _on_type(self, change: dict[str, Any]) -> None:
        if self._restoring:
            self.count.value = self._count_html(change["new"])
            return
        # the status line stays quiet while typing (no screen-reader chatter per keystroke);
        # the word-count line says "saved" once the database has the text
        before = self.revision
        self.save(announce=False)
        self.count.value = self._count_html(change["new"], saved=self.revision != before)

    def _count_html(self, text: str, saved: bool = False) -> str:
        words = word_count(text)
        line = self.t("{n} words").format(n=words)
        if self.scenario.min_words:
            line += " · " + self.t("aim for at least {n}").format(n=self.scenario.min_words)
        if saved:
            line += " · " + self.t("saved")
        return f'<p class="pc-status">{escape(line)}</p>'
