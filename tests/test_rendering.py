"""The one rendering path: does every value come out escaped, every translation safe, every
misspelt variable an error, and every chart with its table?"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from jinja2 import UndefinedError
from markupsafe import Markup

from partnership_course import rendering
from partnership_course.i18n.messages import extract_messages

HOSTILE = "<script>alert(\"x\")</script> & 'quotes' <img src=x onerror=alert(1)>"


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def page(body: str, **context: object) -> str:
    """A page extending the base template, with `body` as its content block."""
    source = (
        '{% extends "base.html.j2" %}'
        '{% import "macros/charts.html.j2" as charts with context %}'
        '{% import "macros/tables.html.j2" as tables with context %}'
        '{% import "macros/ui.html.j2" as ui with context %}'
        "{% block content %}" + body + "{% endblock %}"
    )
    lang = str(context.pop("lang", "en"))
    return rendering.environment().from_string(source).render(lang=lang, **context)


def test_hostile_text_is_shown_never_run() -> None:
    """Does learner text with markup appear exactly as typed, and never as an element?"""
    html = page("<p id='said'>{{ said }}</p>", title=HOSTILE, said=HOSTILE)
    parsed = soup(html)
    assert parsed.find("script") is None and parsed.find("img") is None
    assert parsed.find(id="said").get_text() == HOSTILE
    assert parsed.title.get_text() == HOSTILE
    assert parsed.h1.get_text() == HOSTILE


def test_base_page_has_language_landmarks_and_switch() -> None:
    """Does the base page declare its language, skip to main, and offer the other languages?"""
    parsed = soup(rendering.render("base.html.j2", lang="es", title="Inicio"))
    assert parsed.html["lang"] == "es"
    assert parsed.find("a", class_="skip")["href"] == "#main"
    assert parsed.find("main")["id"] == "main" and parsed.find("header") is not None
    assert parsed.find("a", class_="skip").get_text() == "Saltar al contenido principal"
    switch = parsed.find_all("a", class_="pc-switch")
    assert [(a["lang"], a["href"], a.get_text()) for a in switch] == [("en", "?lang=en", "English")]
    custom = soup(
        rendering.render("base.html.j2", lang="en", title="x", switch={"es": "/a?p=tok&lang=es"})
    )
    assert custom.find("a", class_="pc-switch")["href"] == "/a?p=tok&lang=es"


def test_translation_escapes_the_text_and_every_value() -> None:
    """Can neither a translation nor a value filled into it inject markup, while Markup passes?"""
    made = rendering.translate(
        "<b>{name}</b> wrote {link}", "en", name=HOSTILE, link=Markup('<a href="/x">here</a>')
    )
    parsed = soup(str(made))
    assert parsed.find("b") is None and parsed.find("script") is None
    assert parsed.find("a")["href"] == "/x"
    assert parsed.get_text() == f"<b>{HOSTILE}</b> wrote here"
    html = page('<p id="x">{{ t("{name} has not started", name=who) }}</p>', title="t", who=HOSTILE)
    assert soup(html).find(id="x").get_text() == f"{HOSTILE} has not started"


def test_t_translates_in_the_page_language() -> None:
    """Does `t()` follow the `lang` of the render call (Spanish catalogue, English fallback)?"""
    source = '{{ t("Skip to the main content") }}|{{ t("no such message, kept as written") }}'
    template = rendering.environment().from_string(source)
    assert (
        template.render(lang="es")
        == "Saltar al contenido principal|no such message, kept as written"
    )
    assert template.render(lang="en").startswith("Skip to the main content|")


def test_misspelt_variable_is_an_error_not_an_empty_page() -> None:
    """Does StrictUndefined refuse a template that uses a variable nobody passed?"""
    with pytest.raises(UndefinedError):
        rendering.render("base.html.j2", lang="en")  # no title
    with pytest.raises(UndefinedError):
        page("{{ titel }}", title="x")


def test_chart_always_comes_with_its_table() -> None:
    """Does the bar chart emit an SVG with a title and a table holding the same figures?"""
    rows = [{"label": "Welcoming <all>", "value": 3}, {"label": HOSTILE, "value": None}]
    html = page(
        '{{ charts.bar_chart("c", "Ratings", rows, 4, ["Area", "Rating"]) }}', title="c", rows=rows
    )
    parsed = soup(html)
    svg = parsed.find("svg")
    assert svg["role"] == "img" and svg["aria-labelledby"] == "c-title"
    assert "table below" in svg.find("title").get_text()
    table = parsed.find("table", id="c-table")
    assert table.caption.get_text() == "Ratings"
    body = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")]
    assert body == [["Welcoming <all>", "3"], [HOSTILE, "-"]]
    assert parsed.find("script") is None
    widths = [float(r["width"]) for r in svg.find_all("rect")]
    assert widths[1] == 0 and 0 < widths[0] < float(svg["width"])


def test_long_chart_labels_wrap_and_are_never_cut() -> None:
    """Does a label far longer than the chart wrap onto lines that all fit, losing no word?"""
    label = "How well " + "the school and the family plan together " * 6
    layout = rendering.bar_layout([{"label": label, "value": 2}], maximum=4)
    lines = layout["rows"][0]["lines"]
    assert len(lines) > 1
    assert " ".join(lines) == " ".join(label.split())
    assert all(len(line) * 13 * 0.62 <= layout["width"] for line in lines)
    assert layout["rows"][0]["bar_y"] >= layout["rows"][0]["label_y"] + (len(lines) - 1) * 17


def test_language_marks_become_lang_spans() -> None:
    """Does content text keep its `[lang=en]` marks as `lang` spans (and escape the rest)?"""
    html = str(rendering.text_html({"en": "x", "es": "El [lang=en]IEP[/lang] <b>"}, "es"))
    span = soup(html).find("span")
    assert span["lang"] == "en" and span.get_text() == "IEP"
    assert soup(html).find("b") is None and soup(html).get_text() == "El IEP <b>"
    assert rendering.plain("El [lang=en]IEP[/lang]") == "El IEP"


def test_palette_is_read_from_the_stylesheet() -> None:
    """Are the SVG colours the stylesheet's tokens, so the palette is written once?"""
    colours = rendering.tokens()
    assert colours["bar"].startswith("#") and colours["ink"].startswith("#")


def test_no_template_writes_a_colour_of_its_own() -> None:
    """Is `styles/tokens.css` the only template file with colour values (no `#1f5f8b` as a
    `var()` fallback either), so changing the palette there changes every page?"""
    import re
    from pathlib import Path

    folder = Path(rendering.__file__).parent / "templates"
    colour = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b")  # a hex colour (a shadow is not)
    written = sorted(
        f"{path.relative_to(folder)}: {match.group(0)}"
        for path in folder.rglob("*")
        if path.suffix in (".j2", ".css") and path.name != "tokens.css"
        for match in colour.finditer(path.read_text(encoding="utf-8"))
    )
    assert written == []


def test_print_base_has_page_size_and_no_scripts() -> None:
    """Does the printable base set US Letter by default, A4 on request, and carry no script?"""
    letter = rendering.render("base_print.html.j2", lang="en", title="Doc")
    a4 = rendering.render("base_print.html.j2", lang="en", title="Doc", paper="a4")
    assert "size: letter" in letter and "size: A4" in a4
    assert soup(letter).find("script") is None and soup(letter).html["lang"] == "en"


def test_template_strings_reach_the_catalogue() -> None:
    """Does the message extraction find `t()` calls in templates?"""
    found = extract_messages()
    assert found["Skip to the main content"][0] == "templates/base.html.j2"


def test_sources_line_never_shows_a_full_stop_before_a_semicolon() -> None:
    """A detail that ends its own sentence is followed by a space; others by "; "."""
    from types import SimpleNamespace as Cite

    items = [
        Cite(source="34 CFR 300.9", detail="Consent is voluntary."),
        Cite(source="Mapp & Kuttner (2013)", detail="The 4 Cs"),
        Cite(source="Henderson & Mapp (2002)", detail=None),
    ]
    html = page("{{ ui.citations(items) }}", items=items, title="Sources")
    text = soup(html).find(class_="pc-citation")
    assert text.get_text() == (
        "Sources: 34 CFR 300.9, Consent is voluntary. Mapp & Kuttner (2013), The 4 Cs; "
        "Henderson & Mapp (2002)"
    )
