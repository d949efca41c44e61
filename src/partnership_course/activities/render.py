"""Turning content and learner text into safe HTML.

Everything that reaches an HTML widget passes through `escape`: learner text may hold markup,
scripts or megabytes of anything, and must be shown exactly as typed, never interpreted.
"""

from __future__ import annotations

import base64
import html
import re
from typing import TYPE_CHECKING

from ..content.model import Citation, Text, text_in
from ..i18n import gettext

if TYPE_CHECKING:
    import pandas as pd

STYLE = """<style>
.pc-activity { border-left: 4px solid #1f5f8b; padding: 0.25rem 0 0.5rem 1rem; margin: 1rem 0;
  max-width: 52rem; font-size: 15px; color: #1b1b1b; --jp-widgets-font-size: 15px;
  --jp-widgets-inline-height: 30px; }
.pc-activity .widget-html-content { font-size: 15px; line-height: 1.5; }
.pc-activity .widget-label { white-space: normal; overflow: visible; text-overflow: clip;
  height: auto; line-height: 1.4; }
.pc-activity .widget-radio-box label { white-space: normal; height: auto; line-height: 1.4;
  padding: 0.15rem 0; }
.pc-activity .widget-radio-box input { flex-shrink: 0; }
.pc-activity .widget-radio { align-items: flex-start; }
.pc-activity :focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
.pc-activity button.jupyter-button { width: auto; min-width: 148px; max-width: 100%;
  padding: 0 1rem; white-space: normal; height: auto; min-height: 30px; align-self: flex-start; }
.pc-activity .widget-radio-box { overflow: visible; padding: 4px; }
.pc-activity .widget-radio-box label { display: flex; align-items: flex-start; gap: 0.4rem; }
.pc-activity .widget-radio-box input { margin-top: 0.3em; order: -1; }
.pc-activity dl dt, .pc-activity dl dd { float: none; width: auto; margin-left: 0; }
.pc-activity dl dt { font-weight: bold; margin-top: 0.5rem; }
.pc-activity textarea { box-sizing: border-box; max-width: 100%; }
.pc-activity .pc-feedback { margin: 0.5rem 0; padding: 0.5rem 0.75rem; border-radius: 4px; }
.pc-activity .pc-right { background: #e7f4ea; color: #14401f; border: 1px solid #2e7d32; }
.pc-activity .pc-wrong { background: #fdf1e6; color: #5a2d00; border: 1px solid #b35900; }
.pc-activity .pc-note { background: #eef3f8; color: #10324a; border: 1px solid #1f5f8b; }
.pc-activity .pc-status { color: #3d4a55; font-size: 0.9em; min-height: 1.2em; }
.pc-activity .pc-alert { color: #8a1c1c; font-weight: bold; }
.pc-activity table { border-collapse: collapse; margin: 0.5rem 0; }
.pc-activity th, .pc-activity td { border: 1px solid #8a97a3; padding: 0.2rem 0.6rem;
  text-align: left; }
.pc-activity .pc-citation { color: #3d4a55; font-size: 0.85em; }
.pc-activity .pc-card { margin: 0.4rem 0 0.1rem 0; }
</style>"""


def escape(text: str) -> str:
    """HTML-escape learner or content text so it is shown, never run."""
    return html.escape(text, quote=True)


# Content may mark a passage in another language, `[lang=es]Hola[/lang]`, so screen readers
# switch voice; it becomes <span lang="es"> in HTML and plain text in control labels.
LANG_SPAN = re.compile(r"\[lang=([a-z]{2}(?:-[A-Z]{2})?)\](.*?)\[/lang\]", re.DOTALL)


def plain(text: str) -> str:
    """Content text with language markers removed (for control labels)."""
    return LANG_SPAN.sub(r"\2", text)


def content_html(text: str) -> str:
    """Escaped content text, with language markers turned into `lang` spans."""
    return LANG_SPAN.sub(r'<span lang="\1">\2</span>', escape(text))


def paragraphs(value: Text | None, lang: str) -> str:
    """Content text as escaped paragraphs (blank lines separate paragraphs)."""
    if value is None:
        return ""
    chunks = [c.strip() for c in text_in(value, lang).split("\n\n") if c.strip()]
    return "".join(f"<p>{content_html(c)}</p>" for c in chunks)


def citations(items: list[Citation], lang: str) -> str:
    """A short 'Sources' line for an activity's citations."""
    if not items:
        return ""
    parts = [
        content_html(c.source + (f", {text_in(c.detail, lang)}" if c.detail else "")) for c in items
    ]
    label = escape(gettext("Sources", lang))
    return f'<p class="pc-citation">{label}: {"; ".join(parts)}</p>'


def frame_html(frame: pd.DataFrame, caption: str) -> str:
    """A DataFrame as an accessible HTML table: caption, column headers, escaped cells."""
    head = "".join(f"<th scope='col'>{escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><caption>{escape(caption)}</caption><tr>{head}</tr>{body}</table>"


def download_link(content: str, filename: str, label: str, mime: str) -> str:
    """An `<a download>` link carrying `content` in a data: URI (UTF-8, base64)."""
    payload = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return (
        f'<p><a download="{escape(filename)}" href="data:{mime};charset=utf-8;base64,{payload}">'
        f"{escape(label)}</a></p>"
    )
