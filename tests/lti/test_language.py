"""Which language do the LTI pages (the refusal page, the deep-linking picker) speak? The
browser's Accept-Language by the course's one rule, the same as the workshop server's."""

from __future__ import annotations

import pytest

from partnership_course.i18n import browser_languages, choose_language
from partnership_course.lti.authenticator import _language


@pytest.mark.parametrize(
    ("header", "wanted"),
    [
        ("es-MX,es;q=0.9", "es"),
        ("en;q=0.2, es;q=0.9", "es"),  # q-values decide, not the order
        ("es;q=0.1, en;q=0.9", "en"),
        ("es;q=0, fr", "en"),  # q=0 means "not this one"; French is not a course language
        ("ES-us", "es"),
        ("", "en"),
    ],
)
def test_accept_language_is_read_as_the_workshop_reads_it(header: str, wanted: str) -> None:
    assert _language(header) == wanted == choose_language(*browser_languages(header))
