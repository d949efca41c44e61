"""Languages: which one the learner reads, and interface strings translated through gettext.

Everything translated lives in `translations/<lang>/`: `interface.po` (a standard gettext
catalogue for buttons, status lines and feedback frames, read with Babel so no compiled `.mo`
file has to be kept in step), `scenarios/` (translated activity files, see `overlay.py`) and
`modules/` (translated notebook text, see `notebooks.py`). A district adds a language by adding
a folder, not by changing code: the supported languages are English plus every folder of
`translations/` that holds an `interface.po`.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs

DEFAULT = "en"
CATALOGUE = "interface.po"


def supported_languages() -> tuple[str, ...]:
    """English, then every `translations/<lang>/` with an interface catalogue, sorted."""
    from ..content.paths import translations_dir

    return _languages_in(translations_dir())


@lru_cache(maxsize=8)
def _languages_in(folder: Path) -> tuple[str, ...]:
    names = {p.parent.name for p in folder.glob(f"*/{CATALOGUE}")} if folder.is_dir() else set()
    found = sorted(names - {DEFAULT})
    return (DEFAULT, *found)


def __getattr__(name: str) -> tuple[str, ...]:
    """`SUPPORTED`: the languages found in `translations/` when it is read (see above)."""
    if name == "SUPPORTED":
        return supported_languages()
    raise AttributeError(name)


def language_name(lang: str) -> str:
    """A language's name in that language ("Español"), for the language switch: from Babel's
    locale data, so a new language folder needs no table entry."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(lang).get_display_name(lang) or lang
    except (ValueError, UnknownLocaleError):
        return lang
    return name[:1].upper() + name[1:]


_forced: str | None = None


def set_language(lang: str | None) -> None:
    """Force the language for this kernel; None goes back to automatic detection."""
    global _forced
    if lang is not None and lang not in supported_languages():
        raise ValueError(f"unsupported language {lang!r}; choose one of {supported_languages()}")
    _forced = lang


def current_language() -> str:
    """`set_language`, then `?lang=` (Voila), PARTNERSHIP_COURSE_LANG, then the system locale."""
    if _forced:
        return _forced
    from ..identity import wait_for_voila_request

    wait_for_voila_request()  # a preheated Voila kernel learns its query string only here
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    for candidate in (*query.get("lang", []), os.environ.get("PARTNERSHIP_COURSE_LANG", "")):
        if candidate[:2] in supported_languages():
            return candidate[:2]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value[:2] in supported_languages():
            return value[:2]
    return DEFAULT


def catalogue_path(lang: str) -> Path:
    """The gettext catalogue of interface strings for `lang`."""
    from ..content.paths import translations_dir

    return translations_dir() / lang / CATALOGUE


@lru_cache(maxsize=8)
def catalogue(lang: str) -> dict[str, str]:
    """msgid -> translation for `lang` (only translated, non-fuzzy entries); empty for English."""
    path = catalogue_path(lang)
    if lang == DEFAULT or not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        parsed = read_po(handle, locale=lang)
    return {
        str(m.id): str(m.string)
        for m in parsed
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


def gettext(message: str, lang: str | None = None) -> str:
    """Translate one interface string into `lang` (default: the current language)."""
    return catalogue(lang or current_language()).get(message, message)


_ = gettext


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate it where it is shown."""
    return message
