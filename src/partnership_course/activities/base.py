"""What every stock-ipywidgets activity shares: a heading, a status line, the save path.

Subclasses build their controls, say what their state is (`state`) and how to show a saved state
(`restore`). Saving (revision-checked, before the event handler returns, failures said plainly
while the answer stays on the page) is `saving.Saving`, shared with the anywidget activities.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ..content.model import ScenarioBase, text_in
from .render import STYLE, citations, paragraphs, plain
from .saving import Saving


class Activity(Saving, widgets.VBox):
    """Base class for activity widgets on stock ipywidgets; see the module docstring."""

    kind = ""

    def __init__(self, scenario: ScenarioBase, binding: Any, lang: str = "en") -> None:
        self.scenario = scenario
        self.binding = binding
        self.lang = lang
        self.revision = 0
        self.header = widgets.HTML(self._header_html())
        self.status = widgets.HTML(self._status_html(""))
        self._restoring = False
        body = self.build()
        super().__init__(children=[self.header, *body, self.status])
        self.add_class("pc-activity")
        self.add_class(f"pc-{self.kind.replace('_', '-')}")
        self.load_saved()

    # -- for subclasses -------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        """Create the controls; return them in reading order."""
        raise NotImplementedError

    # -- shared helpers -------------------------------------------------------------------
    def text(self, value: Any) -> str:
        """Content text in the learner's language (plain, unescaped, language markers removed)."""
        return plain(text_in(value, self.lang))

    def show_status(self, message: str, alert: bool = False) -> None:
        self.status.value = self._status_html(message, alert=alert)

    def _header_html(self) -> str:
        title = html.escape(self.text(self.scenario.title))
        intro = paragraphs(self.scenario.intro, self.lang)
        return f"{STYLE}<h3>{title}</h3>{intro}{citations(self.scenario.citations, self.lang)}"

    @staticmethod
    def _status_html(message: str, alert: bool = False) -> str:
        role = 'role="alert"' if alert else 'role="status" aria-live="polite"'
        css = "pc-status pc-alert" if alert else "pc-status"
        return f'<div class="{css}" {role}>{html.escape(message)}</div>'
