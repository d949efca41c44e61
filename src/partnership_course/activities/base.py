"""What every activity widget shares: a heading, a save path, a status line, error handling.

Subclasses build their controls, say what their state is (`state`) and how to show a saved state
(`restore`). The base saves after every change, before the event handler returns, and tells the
learner plainly when a save failed (their answer stays on the page so nothing is lost).
"""

from __future__ import annotations

import html
import logging
from datetime import datetime
from typing import Any

import ipywidgets as widgets

from ..content.model import ScenarioBase, text_in
from ..i18n import gettext
from .render import STYLE, citations, paragraphs, plain

log = logging.getLogger(__name__)


class Activity(widgets.VBox):
    """Base class for activity widgets; see the module docstring."""

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
        saved = binding.load()
        if saved is not None:
            self._restoring = True
            try:
                self.restore(saved)
            finally:
                self._restoring = False
            self.status.value = self._status_html(self.t("Your saved answers are back."))

    # -- for subclasses -------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        """Create the controls; return them in reading order."""
        raise NotImplementedError

    def state(self) -> dict[str, Any]:
        """The learner's answers as a JSON-able dict (what the store keeps)."""
        raise NotImplementedError

    def restore(self, value: dict[str, Any]) -> None:
        """Show a saved state without saving it again."""
        raise NotImplementedError

    # -- shared helpers -------------------------------------------------------------------
    def t(self, message: str) -> str:
        """Interface string in the learner's language."""
        return gettext(message, self.lang)

    def text(self, value: Any) -> str:
        """Content text in the learner's language (plain, unescaped, language markers removed)."""
        return plain(text_in(value, self.lang))

    def save(self, announce: bool = True) -> None:
        """Commit the current state to the store now; say so, or say plainly that it failed."""
        if self._restoring:
            return
        try:
            self.revision = self.binding.save(self.kind, self.state())
        except Exception:  # the learner must hear about any failure, whatever its type
            log.exception("could not save %s", self.binding.activity)
            message = self.t(
                "Your answer could not be saved just now. It is still on this page; "
                "please try again in a moment or tell your facilitator."
            )
            self.status.value = self._status_html(message, alert=True)
            return
        if announce:
            stamp = datetime.now().strftime("%H:%M")
            self.status.value = self._status_html(self.t("Saved at {time}.").format(time=stamp))

    def _header_html(self) -> str:
        title = html.escape(self.text(self.scenario.title))
        intro = paragraphs(self.scenario.intro, self.lang)
        return f"{STYLE}<h3>{title}</h3>{intro}{citations(self.scenario.citations, self.lang)}"

    @staticmethod
    def _status_html(message: str, alert: bool = False) -> str:
        role = 'role="alert"' if alert else 'role="status" aria-live="polite"'
        css = "pc-status pc-alert" if alert else "pc-status"
        return f'<div class="{css}" {role}>{html.escape(message)}</div>'
