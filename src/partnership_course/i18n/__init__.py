"""Languages: which one the learner reads, and interface strings translated through gettext.

Everything translated lives in `translations/<lang>/`: `interface.po` (a standard gettext
catalogue for buttons, status lines and feedback frames, read with Babel so no compiled `.mo`
file has to be kept in step), `scenarios/` (translated activity files, see `overlay.py`) and
`modules/` (translated notebook text, see `notebooks.py`). A district adds a language by adding
a folder, not by changing code: the supported languages are English plus every folder of
`translations/` that holds an `interface.po`, and the course pages, their navigation and
language switch, the workshop's language choice, the grader's `--lang` and `validate` all take
it from there (`tests/i18n/test_language_folder.py` adds a third language that way).

Three tools are still written for English and Spanish only; a new language works without them,
but gets its own entries only by a code change:
- the seat-time tool (`content.seat_time --write`) rewrites the stated time line only in the
  languages of its `TIME_LINE` and `TIME_TEXT` tables (English and Spanish): a new language's
  notebook text keeps its time until the language has its two entries there;
- the glossary check (`glossary.py`) reads each term's translation from its `es:` key and
  matches words with Spanish plural and gender endings;
- an inline `{en: ..., es: ...}` text in a scenario file may name only `content.model.LANGUAGES`
  (a new language translates whole files in `translations/<lang>/scenarios/` instead, as Spanish
  does).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

DEFAULT = "en"
CATALOGUE = "interface.po"


def supported_languages() -> tuple[str, ...]:
    """English, then every `translations/<lang>/` with an interface catalogue, sorted."""
    from ..content.paths import translations_dir

    return _languages_in(translations_dir())


def _languages_in(folder: Path) -> tuple[str, ...]:
    # not cached: one directory listing, and a folder added while a server runs is picked up
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


def _english() -> str:
    return DEFAULT


_default_language: Callable[[], str] = _english


def use_default_language(resolver: Callable[[], str]) -> None:
    """Where `gettext` without a language looks: `context.current_language`, registered by
    `context` when it is imported (i18n itself knows nothing of kernels, hosts or requests)."""
    global _default_language
    _default_language = resolver


def choose_language(*candidates: str | None) -> str:
    """The one language rule: the first candidate naming a supported language, else English.

    A candidate may be a code (`es`), a locale (`es_MX.UTF-8`) or a tag (`es-MX`); its primary
    language subtag decides, in any case. Every caller lists its own sources in order: a kernel its
    `?lang=` and environment (`context.current_language`), the workshop server the request's
    `?lang=` and Accept-Language (`browser_languages`), the grader its `--lang` option.
    """
    supported = supported_languages()
    for candidate in candidates:
        code = re.split(r"[-_.@]", (candidate or "").strip(), maxsplit=1)[0].lower()
        if code in supported:
            return code
    return DEFAULT


def browser_languages(header: str) -> list[str]:
    """The languages of an Accept-Language header, most preferred first (q-values honoured)."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag.strip() and quality > 0:
            ranked.append((-quality, position, tag.strip()))
    return [tag for _q, _position, tag in sorted(ranked)]


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
    """Translate one interface string into `lang` (default: `context.current_language()`)."""
    return catalogue(lang or _default_language()).get(message, message)


_ = gettext


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate it where it is shown."""
    return message
