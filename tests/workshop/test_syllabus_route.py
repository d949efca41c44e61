"""The course syllabus page: linked from the start page in both languages, drawn from
`docs/syllabus[.es].md` with its markup escaped, and keeping the participant's own link."""

from __future__ import annotations

import pytest
from handlers import fetch, text
from support.html import parse

from partnership_course.i18n import catalogue

TOKEN = "a-participant-token"


@pytest.mark.parametrize(
    ("lang", "link", "heading", "privacy"),
    [
        ("en", "Read the course syllabus", "Course syllabus:", "who reads what you write"),
        ("es", "Lea el programa del curso", "Programa del curso:", "quién lee lo que escribe"),
    ],
)
def test_start_page_links_to_the_syllabus_in_its_language(
    isolated_store: str, lang: str, link: str, heading: str, privacy: str
) -> None:
    catalogue.cache_clear()
    start = parse(text(fetch(f"/?lang={lang}")))  # a course without a workshop: no token
    anchor = next(a for a in start.find_all("a") if a.get_text().startswith(link))
    assert anchor["href"] == f"/workshop/syllabus?lang={lang}"

    # a participant's link is carried back to their start page and into the other language
    reply = fetch(f"/workshop/syllabus?p={TOKEN}&lang={lang}")
    assert reply.code == 200
    page = parse(text(reply))
    assert page.html["lang"] == lang
    (h1,) = page.find_all("h1")
    assert h1.get_text().startswith(heading)
    assert privacy in page.get_text().lower()
    assert page.find("table").find("th") is not None  # the parts and their time, as a table
    assert page.find("a", href=f"/?p={TOKEN}&lang={lang}") is not None
    other = "es" if lang == "en" else "en"
    assert page.find("a", class_="pc-switch")["href"] == (
        f"/workshop/syllabus?p={TOKEN}&lang={other}"
    )
    assert page.find("script") is None  # Markdown rendered with escaping: no markup of its own
