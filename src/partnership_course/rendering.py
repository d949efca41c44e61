"""The one place HTML is made: a single Jinja2 environment over `templates/`.

Every page, report, feedback block and printable document the server or the grader writes is a
template rendered here, so escaping is not a convention to remember but the default:
`autoescape=True` escapes every value that is not already `Markup`, and `StrictUndefined` turns a
misspelt variable into an error instead of a silently empty page.

Interface strings are translated in templates with `t("msgid", name=value)`: the translation is
escaped first, then `{name}` placeholders are filled with escaped values (or with `Markup` left
as it is), so a translator's text and a learner's name can never inject markup. `i18n.messages`
finds `t("...")` calls in templates as it does in Python, so the catalogues stay complete.

Content text may mark a passage in another language, `[lang=en]Family engagement[/lang]`;
`content_html` (also the `content` filter) turns that into `<span lang="en">` so a screen reader
switches voice. Anything rendering content text for HTML uses it, never the plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .content.model import LANG_SPAN, Text, plain, text_in  # re-exported: rendering.plain
from .i18n import DEFAULT, gettext, language_name, supported_languages

TOKEN = re.compile(r"--pc-([a-z0-9-]+)\s*:\s*([^;]+);")


def content_html(text: str) -> Markup:
    """Escaped content text, with `[lang=xx]...[/lang]` marks turned into `lang` spans."""
    escaped = str(escape(text))
    return Markup(LANG_SPAN.sub(r'<span lang="\1">\2</span>', escaped))


def text_html(value: Text | None, lang: str) -> Markup:
    """A content `Text` in `lang` (English fallback) as escaped HTML with its `lang` spans."""
    if value is None:
        return Markup("")
    return content_html(text_in(value, lang))


def paragraphs_html(value: Text | None, lang: str) -> Markup:
    """A content `Text` as escaped paragraphs: blank lines separate them."""
    if value is None:
        return Markup("")
    chunks = [c.strip() for c in text_in(value, lang).split("\n\n") if c.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(content_html(c)) for c in chunks)


def translate(msgid: str, lang: str, **values: Any) -> Markup:
    """`msgid` in `lang`, escaped, with `{name}` placeholders filled by escaped `values`.

    The same function as the templates' `t()`, for Python code that builds a `Markup` value
    to pass into a template (a sentence holding a link, for example).
    """
    return Markup(escape(gettext(msgid, lang))).format(**values)


@pass_context
def _t(context: Context, msgid: str, **values: Any) -> Markup:
    """The templates' `t()`: the language comes from the render call's `lang`."""
    return translate(msgid, context["lang"], **values)


@pass_context
def _content(context: Context, value: Text | str | None) -> Markup:
    """The `content` filter: content text (a `Text` or a string) with its `lang` spans."""
    if isinstance(value, str):
        return content_html(value)
    return text_html(value, context["lang"])


@lru_cache(maxsize=1)
def tokens() -> dict[str, str]:
    """The palette, read from `styles/tokens.css`: name (without `--pc-`) -> value.

    SVG presentation attributes and PDF renderers need literal colours; reading them from the
    stylesheet keeps the palette written once.
    """
    source, _, _ = environment().loader.get_source(environment(), "styles/tokens.css")
    return {name: value.strip() for name, value in TOKEN.findall(source)}


def wrap(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` characters at spaces (long words kept)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current or not lines:
        lines.append(current)
    return lines


def bar_layout(
    rows: Iterable[Mapping[str, Any]],
    maximum: float,
    unit: str = "",
    lang: str = DEFAULT,
    reference: Mapping[str, Any] | None = None,
    width: int = 480,
    font: int = 13,
) -> dict[str, Any]:
    """Geometry of a horizontal bar chart whose labels sit above their bars.

    Labels get the chart's whole width and wrap onto as many lines as they need (at a
    conservative 0.62 em per character), so a long label is never cut off; the value is written
    after the bar. Rows are mappings with `label` (a `Text` or string), `value` (a number, or
    None for no answer) and optionally `shown` (the value as written) and `extra` (more table
    cells); each laid-out row keeps its mapping as `row`. A `reference` (`value`, `label`),
    such as a state rate, is a dashed line across all bars with its label above them.
    """
    per_line = max(10, int(width / (font * 0.62)))
    scale = font / 13  # bars, gaps and the room for the value grow with the text (projector)
    line_h, bar_h, gap = font + 4, round(16 * scale), round(12 * scale)
    value_room = round(64 * scale) if font <= 13 else round(font * 0.62 * 10)
    bar_room = width - value_room
    y = gap + (line_h + 4 if reference else 0)
    top = y
    laid = []
    for row in rows:
        value = row.get("value")
        number = value if isinstance(value, int | float) and value == value else None
        shown = row.get("shown")
        if shown is None:
            shown = "-" if number is None else f"{number:g}{unit}"
        label = row["label"]
        lines = wrap(plain(label if isinstance(label, str) else text_in(label, lang)), per_line)
        bar_y = y + len(lines) * line_h + 2
        length = 0
        if number is not None and maximum:
            length = max(0, round(bar_room * min(number, maximum) / maximum))
        laid.append(
            {
                "row": row,
                "shown": shown,
                "extra": list(row.get("extra", ())),
                "lines": lines,
                "label_y": y + font,
                "line_h": line_h,
                "bar_y": bar_y,
                "bar_h": bar_h,
                "length": length,
                "value_x": length + 6,
                "value_y": bar_y + bar_h - 3,
            }
        )
        y = bar_y + bar_h + gap
    line = None
    if reference is not None and maximum:
        x = round(bar_room * min(float(reference["value"]), maximum) / maximum)
        line = {
            "x": x,
            "y1": top - 4,
            "y2": y - gap,
            "label": str(reference["label"]),
            "label_x": min(x, width - 8),
            "label_y": gap + font - 2,
        }
    return {"rows": laid, "width": width, "height": y, "font": font, "reference": line}


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment: package templates, autoescaping, strict variables."""
    env = Environment(
        loader=PackageLoader("partnership_course", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        t=_t,
        languages=supported_languages,
        language_name=language_name,
        tokens=tokens,
        bar_layout=bar_layout,
    )
    env.filters["content"] = _content
    env.filters["plain"] = plain
    return env


def render(template: str, lang: str = DEFAULT, **context: Any) -> str:
    """Render `template` (a path under `templates/`) in `lang` with `context`."""
    return environment().get_template(template).render(lang=lang, **context)
