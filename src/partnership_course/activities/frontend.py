"""The anywidget base: one widget model per activity, drawn by one small ES module per kind.

Why: composed stock ipywidgets cost up to 515 widget models per page and cannot express named
radio groups, legends or labels above text areas (ARCHITECTURE.md, issue 15). Here each activity
is one `anywidget.AnyWidget` whose front end (`static/<kind>.js`, with `static/shared.js` in
front of it and `static/activity.css` after the course palette) builds semantic HTML itself.

What crosses the wire, each trait replaced (never mutated) so every change syncs:
- `content`: the kind table's `view_content` (the learner's language, answer keys removed);
- `labels`: the interface strings, translated here so the front end holds no catalogue;
- `response`: what the page should show of the learner's answer;
- `feedback`: feedback as data (verdict and text), never HTML;
- `status`: one sentence for the status line, `alert` when something failed.

The front end sends `{"event": name, ...}`; `EVENTS` maps each name to the same public method a
notebook or a test calls (`choose`, `rate`, `write`, ...), which validates, saves and only then
sets traits. Saving itself (revisions, refusals) is `saving.Saving`.
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from importlib.resources import files
from typing import Any, ClassVar

import anywidget
import ipywidgets
import traitlets

from ..content.kinds import kind as kind_entry
from ..content.model import ScenarioBase, text_in
from .saving import Saving

log = logging.getLogger(__name__)


@cache
def _asset(name: str) -> str:
    if name == "tokens.css":
        return (files("partnership_course") / "templates" / "styles" / name).read_text("utf-8")
    return (files("partnership_course.activities") / "static" / name).read_text("utf-8")


def module_source(kind: str) -> str:
    """The ES module of one kind: the shared helpers, then the kind's own code."""
    return _asset("shared.js") + "\n" + _asset(f"{kind}.js")


def stylesheet() -> str:
    """The activities' CSS: the course palette (written once, in templates/styles) and ours."""
    return _asset("tokens.css") + "\n" + _asset("activity.css")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@cache
def module_key(kind: str) -> str:
    """The name the page caches a kind's module under: kind and a hash of its code and CSS."""
    return f"{kind}-{_digest(module_source(kind) + stylesheet())}"


@cache
def module_reply(kind: str) -> dict[str, str]:
    """What the kernel sends the page once per kind: the module and the CSS (static/loader.js)."""
    return {"module": module_key(kind), "source": module_source(kind), "css": stylesheet()}


@cache
def loader_source(kind: str) -> str:
    """The `_esm` each activity model carries: the small loader, naming its kind's module.

    Why: a kind's module and the CSS are ~20 kB; carried by every model they made a page of 20
    activities ~200 kB of comm messages, and each model imported its own copy. The loader asks
    the kernel for them once per page and kind (`module_reply`) and shares the import."""
    return (
        _asset("loader.js")
        .replace("__PC_MODULE_KEY__", module_key(kind))
        .replace("__PC_CSS_ID__", f"pc-activity-css-{_digest(stylesheet())}")
    )


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
        labels = {"sources": self.t("Sources"), **self.interface()}
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
            self.send(module_reply(self.kind))  # the loader's request: once per page and kind
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
