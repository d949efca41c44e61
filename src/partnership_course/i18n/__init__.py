"""Languages: which one the learner reads, and interface strings translated through gettext.

Content (scenario text, module narrative) is translated as data beside the content; this module
covers the interface: buttons, status lines, feedback frames. Catalogues are standard gettext
(`locales/<lang>/LC_MESSAGES/partnership_course.po`, compiled with Babel), so a district can add
a language without touching code.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs

SUPPORTED = ("en", "es")
DEFAULT = "en"
LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "partnership_course"

_forced: str | None = None


def set_language(lang: str | None) -> None:
    """Force the language for this kernel; None goes back to automatic detection."""
    global _forced
    if lang is not None and lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}; choose one of {SUPPORTED}")
    _forced = lang


def current_language() -> str:
    """`set_language`, then `?lang=` (Voila), PARTNERSHIP_COURSE_LANG, then the system locale."""
    if _forced:
        return _forced
    from ..identity import wait_for_voila_request

    wait_for_voila_request()  # a preheated Voila kernel learns its query string only here
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    for candidate in (*query.get("lang", []), os.environ.get("PARTNERSHIP_COURSE_LANG", "")):
        if candidate[:2] in SUPPORTED:
            return candidate[:2]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value[:2] in SUPPORTED:
            return value[:2]
    return DEFAULT


@lru_cache(maxsize=8)
def _catalogue(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALES, languages=[lang], fallback=True)


def gettext(message: str, lang: str | None = None) -> str:
    """Translate one interface string into `lang` (default: the current language)."""
    return _catalogue(lang or current_language()).gettext(message)


_ = gettext
