"""The anywidget base: one widget model per activity, drawn by one small ES module per kind.

Why: composed stock ipywidgets cost up to 515 widget models per page and cannot express named
radio groups, legends or labels above text areas (ARCHITECTURE.md, issue 15). Here each activity
is one `anywidget.AnyWidget` (and no Layout model) whose front end (`static/<kind>.js`, importing
`static/shared.js`, styled by `static/activity.css` after the course palette) builds semantic HTML
itself; that code reaches the page once per page, not per activity (`delivery.py`).

What crosses the wire, each trait replaced (never mutated) so every change syncs:
- `content`: the kind table's `view_content` (the learner's language, answer keys removed);
- `labels`: the interface strings, translated here so the front end holds no catalogue
  (`live_only` is what an HTML export shows in place of the activity, `delivery.LIVE_ONLY`);
- `response`: what the page should show of the learner's answer;
- `feedback`: feedback as data (verdict and text), never HTML;
- `status`: one sentence for the status line, `alert` when something failed.

The front end sends `{"event": name, ...}`; `EVENTS` maps each name to the same public method a
notebook or a test calls (`choose`, `rate`, `write`, ...), which validates, saves and only then
sets traits. Saving itself (revisions, refusals) is `saving.Saving`.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

import anywidget
import ipywidgets
import traitlets

from ..content.kinds import kind as kind_entry
from ..content.model import ScenarioBase, text_in
from .delivery import LIVE_ONLY, loader_source, reply
from .saving import Saving

log = logging.getLogger(__name__)


class FrontEndActivity(Saving, anywidget.AnyWidget):
    """Base of every anywidget activity; see the module docstring."""

    kind = ""
    EVENTS: ClassVar[dict[str, str]] = {}  # front-end event name -> public method name

    content = traitlets.Dict(help="the content, in the learner's language, without keys").tag(
        sync=True
    )
    labels = traitlets.Dict(help="interface strings in the learner's language").tag(sync=True)
    response = traitlets.Dict(help="the learner's answer as the page shows it").tag(sync=True)
    feedback = traitlets.Dict(help="feedback as data: verdict and text, never HTML").tag(sync=True)
    status = traitlets.Dict(help="the status line: {text, alert}").tag(sync=True)
    # No Layout model: DOMWidget gives every widget its own LayoutModel (a second model per
    # activity, 40 on a page of 20 activities); our CSS does the layout, and the front end's
    # DOMWidgetView skips a null layout (`setLayout(null)` does nothing in @jupyter-widgets/base 6).
    layout = traitlets.Instance(ipywidgets.Layout, allow_none=True, default_value=None).tag(
        sync=True, **ipywidgets.widget_serialization
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # only a class that names its kind (traitlets' add_traits subclasses must keep traits)
        if "kind" in cls.__dict__ and cls.kind:
            cls._esm = loader_source(cls.kind)  # the module and CSS come once per page
        super().__init_subclass__(**kwargs)

    def __init__(self, scenario: ScenarioBase, binding: Any, lang: str = "en") -> None:
        self.scenario = scenario
        self.binding = binding
        self.lang = lang
        self.revision = 0
        self._restoring = False
        content = kind_entry(self.kind).view_content(scenario, lang)
        labels = {"sources": self.t("Sources"), "live_only": self.t(LIVE_ONLY), **self.interface()}
        super().__init__(content=content, labels=labels)
        self.setup()
        self.on_msg(self._on_event)
        self.load_saved()

    # -- for subclasses -------------------------------------------------------------------
    def setup(self) -> None:
        """Create the Python-side state of an unanswered activity."""

    def interface(self) -> dict[str, str]:
        """The kind's interface strings, translated (`self.t("...")` literals are extracted)."""
        return {}

    # -- shared -----------------------------------------------------------------------------
    def text(self, value: Any) -> str:
        """Content text in the learner's language; `[lang=xx]` marks kept (the front end turns
        them into `lang` spans)."""
        return text_in(value, self.lang)

    def show_status(self, message: str, alert: bool = False) -> None:
        self.status = {"text": message, "alert": alert}

    def _on_event(self, _widget: Any, message: Any, _buffers: Any) -> None:
        """A front-end event: call the public method it names; a bad one is said plainly."""
        if isinstance(message, dict) and message.get("event") == "module":
            piece = reply(self.kind, str(message.get("key")))  # the loader's: once per page
            if piece is None:
                log.warning("%s: no module %r", self.kind, message.get("key"))
            else:
                self.send(piece)
            return
        if not isinstance(message, dict) or message.get("event") not in self.EVENTS:
            log.warning("%s: unknown event %r", self.kind, message)
            return
        method = getattr(self, self.EVENTS[message["event"]])
        arguments = {k: v for k, v in message.items() if k != "event"}
        try:
            method(**arguments)
        except (TypeError, ValueError) as exc:
            log.warning("%s: refused %r: %s", self.kind, message, exc)
            self.show_status(self.t("That did not work; please try again."), alert=True)
