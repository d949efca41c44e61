"""A comparison on the page (the knowledge test before and after, the ten-principle ratings at
the start and the end of module 02) with a button that draws it again.

Why a button: Voila runs every cell when the page opens, before the learner answers the last
questions, so the figures must be read again on request. Why one anywidget: the stock HTML,
Button and VBox it replaced brought eight widget models (each with its Layout and style model)
to a page the activities otherwise keep under twenty.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import Any

import anywidget
import ipywidgets
import traitlets


class ComparisonPanel(anywidget.AnyWidget):  # type: ignore[misc]
    """`make()` returns an object with `html` (a rendered template); `shown` is the last one."""

    _esm = (files("partnership_course.activities") / "static" / "comparison.js").read_text(
        "utf-8"
    )
    html = traitlets.Unicode(help="the comparison, rendered and escaped by its template").tag(
        sync=True
    )
    label = traitlets.Unicode(help="the button's words, in the learner's language").tag(sync=True)
    # no Layout model, as for the activities (activities/frontend.py)
    layout = traitlets.Instance(ipywidgets.Layout, allow_none=True, default_value=None).tag(
        sync=True, **ipywidgets.widget_serialization
    )

    def __init__(self, make: Callable[[], Any], label: str) -> None:
        super().__init__(label=label)
        self._make = make
        self.shown: Any = None
        self.on_msg(self._on_event)
        self.redraw()

    def redraw(self) -> None:
        """Read the figures again and show them."""
        self.shown = self._make()
        self.html = self.shown.html

    def _on_event(self, _: Any, content: Any, buffers: Any = None) -> None:
        if isinstance(content, dict) and content.get("event") == "redraw":
            self.redraw()
