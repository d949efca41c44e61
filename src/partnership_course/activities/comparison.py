"""A comparison on the page (the knowledge test before and after, the ten-principle ratings at
the start and the end of module 02) with a button that draws it again.

Why a button: Voila runs every cell when the page opens, before the learner answers the last
questions, so the figures must be read again on request. Why one anywidget: the stock HTML,
Button and VBox it replaced brought eight widget models (each with its Layout and style model)
to a page the activities otherwise keep under twenty.

Why data, not HTML: the panel once set the template's output with `innerHTML`, the only front
end that put the kernel's markup into the page. Now `make()`'s result carries `view`, the same
figures as parts (`chart`, `table`, `note`): `chart` is the one chart macro's geometry
(`rendering.bar_layout`, the palette from `tokens.css`) with the table that always comes with
it, so `static/comparison.js` draws the same SVG bars and table with DOM calls and text nodes
only. The notebook's HTML (`_repr_html_`, nbconvert, the report) still comes from the macro.
Its code and CSS come once per page like the activities' (`delivery.py`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import anywidget
import ipywidgets
import traitlets

from ..i18n import gettext
from .delivery import LIVE_ONLY, loader_source, reply

log = logging.getLogger(__name__)
KIND = "comparison"
BAR_KEYS = ("lines", "label_y", "line_h", "bar_y", "bar_h", "length", "value_x", "value_y")


def chart(
    id: str,
    title: str,
    rows: Iterable[Mapping[str, Any]],
    maximum: float,
    columns: Sequence[str],
    lang: str,
    unit: str = "",
) -> dict[str, Any]:
    """The chart macro's figures as data: the bars' geometry, the SVG's name and its table."""
    from ..content.model import text_in
    from ..rendering import bar_layout, tokens

    layout = bar_layout(rows, maximum, unit, lang)
    colour = tokens()
    named = gettext("{title} (the same figures are in the table below)", lang).format(title=title)

    def label(value: Any) -> str:
        return value if isinstance(value, str) else text_in(value, lang)

    return {
        "chart": {
            "id": id,
            "name": named,
            "width": layout["width"],
            "height": layout["height"],
            "font": layout["font"],
            "ink": colour["ink"],
            "bar": colour["bar"],
            "bars": [{**{k: g[k] for k in BAR_KEYS}, "shown": g["shown"]} for g in layout["rows"]],
        },
        "table": table(
            title,
            columns,
            [[label(g["row"]["label"]), g["shown"], *g["extra"]] for g in layout["rows"]],
            numeric=(1,),
            id=f"{id}-table",
        )["table"],
    }


def table(
    caption: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    numeric: Sequence[int] = (),
    id: str | None = None,
) -> dict[str, Any]:
    """A data table as data (the `tables.data_table` macro's arguments); the first cell of each
    row is its header."""
    cells = [[str(cell) for cell in row] for row in rows]
    return {
        "table": {
            "id": id,
            "caption": caption,
            "columns": list(columns),
            "rows": cells,
            "numeric": list(numeric),
        }
    }


def note(text: str) -> dict[str, str]:
    return {"note": text}


class ComparisonPanel(anywidget.AnyWidget):  # type: ignore[misc]
    """`make()` returns an object with `view` (parts, see the module docstring); `shown` is the
    last one."""

    _esm = loader_source(KIND)
    view = traitlets.Dict(help="the comparison as data: chart, table and note parts").tag(sync=True)
    label = traitlets.Unicode(help="the button's words, in the learner's language").tag(sync=True)
    labels = traitlets.Dict(help="`live_only`: what an HTML export shows instead").tag(sync=True)
    # no Layout model, as for the activities (activities/frontend.py)
    layout = traitlets.Instance(ipywidgets.Layout, allow_none=True, default_value=None).tag(
        sync=True, **ipywidgets.widget_serialization
    )

    def __init__(self, make: Callable[[], Any], label: str, lang: str | None = None) -> None:
        super().__init__(label=label, labels={"live_only": gettext(LIVE_ONLY, lang)})
        self._make = make
        self.shown: Any = None
        self.on_msg(self._on_event)
        self.redraw()

    def redraw(self) -> None:
        """Read the figures again and show them."""
        self.shown = self._make()
        self.view = dict(self.shown.view)

    def _on_event(self, _: Any, content: Any, buffers: Any = None) -> None:
        if not isinstance(content, dict):
            return
        if content.get("event") == "redraw":
            self.redraw()
        elif content.get("event") == "module":  # the loader's: code once per page
            piece = reply(KIND, str(content.get("key")))
            if piece is None:
                log.warning("comparison: no module %r", content.get("key"))
            else:
                self.send(piece)
