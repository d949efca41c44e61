"""Interface strings: find every one in the code, and keep each language's catalogue complete.

Strings are marked by calling `t("...")`, `gettext("...")` or `_("...")` with a literal, which
Babel's extractor finds; `update_catalogue` adds new ones to `translations/<lang>/interface.po`
(keeping every existing translation) so a translator only ever fills in blanks.
"""

from __future__ import annotations

from pathlib import Path

from ..content.errors import Problem
from . import catalogue, catalogue_path

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS = {"t": None, "gettext": None, "_": None}


def extract_messages(package: Path = PACKAGE) -> dict[str, tuple[str, int]]:
    """msgid -> (file, line) of its first use, for every marked string in the package."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, tuple[str, int]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(package), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        text = message if isinstance(message, str) else message[0]
        if text and text not in found:
            found[text] = (filename, lineno)
    return found


def missing_messages(lang: str) -> list[Problem]:
    """One problem per interface string with no translation in `lang`."""
    translated = catalogue(lang)
    path = catalogue_path(lang)
    return [
        Problem(path, 1, f"msgid {msgid!r}", f"no {lang} translation (used in {where}:{line})")
        for msgid, (where, line) in sorted(extract_messages().items())
        if msgid not in translated
    ]


def update_catalogue(lang: str) -> tuple[int, int]:
    """Add new msgids to the catalogue (existing translations kept); (added, total)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    path = catalogue_path(lang)
    if path.is_file():
        with path.open("rb") as handle:
            current = read_po(handle, locale=lang)
    else:
        current = Catalog(locale=lang, project="family-partnership-course")
    added = 0
    for msgid, (where, line) in sorted(extract_messages().items()):
        if msgid not in current:
            current.add(msgid, "", locations=[(where, line)])
            added += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, current, width=100, omit_header=False, sort_output=True)
    catalogue.cache_clear()
    return added, len(current)
