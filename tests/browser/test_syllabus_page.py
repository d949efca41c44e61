"""The course syllabus page as Chromium draws it, in English and Spanish: one heading, its
tables readable at 320 px, axe clean. The page is the exact HTML the start pages link to
(`documents.syllabus.syllabus_html`); no server is needed to look at it."""

from __future__ import annotations

from typing import Any

import pytest
from browsing import axe_violations, shoot

from partnership_course.documents.syllabus import syllabus_html


@pytest.mark.parametrize("lang", ["en", "es"])
def test_syllabus_page_is_accessible_and_fits_a_phone(page: Any, lang: str) -> None:
    page.set_content(syllabus_html(lang, back="/"))
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("h1").count() == 1
    assert page.locator("table th").count() == 2  # part, time
    assert axe_violations(page) == []
    shoot(page, f"syllabus-{lang}")
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    shoot(page, f"syllabus-{lang}-320px")
    assert not overflow, "the syllabus scrolls sideways at 320 px"
