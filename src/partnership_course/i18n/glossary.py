"""Consistent terms in a translation, checked against `translations/<lang>/glossary.yaml`.

Families and staff meet the same term in meetings, letters and this course, so a translation
must use one term for one thing: every variant listed under `avoid` is an error anywhere, and
where an English text uses a glossary term its translation must use the agreed term (or its
acronym). Matching is on word stems, so singular and plural forms both count.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..content.errors import Problem
from ..content.paths import translations_dir
from ..content.yamlsrc import read_yaml


@dataclass(frozen=True)
class Term:
    en: str
    es: str
    short: str | None
    avoid: tuple[str, ...]

    def in_english(self, text: str) -> bool:
        flags = 0 if self.en.isupper() else re.IGNORECASE
        return re.search(rf"\b{re.escape(self.en)}\b", text, flags) is not None

    def in_translation(self, text: str) -> bool:
        if self.short and re.search(rf"\b{re.escape(self.short)}\b", text):
            return True
        folded = _fold(text)
        return all(_stem(word) in folded for word in self.es.split())

    def avoided_in(self, text: str) -> list[str]:
        return [v for v in self.avoid if re.search(rf"\b{re.escape(v)}\b", text, re.IGNORECASE)]


MARKED = re.compile(r"\[lang=[a-z-A-Z]+\].*?\[/lang\]|<span lang=[^>]*>.*?</span>", re.DOTALL)


def _unmarked(text: str) -> str:
    return MARKED.sub(" ", text)


def _fold(text: str) -> str:
    """Lower case without accents, so "adaptación" and "adaptaciones" share a stem."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _stem(word: str) -> str:
    """A word without its plural or gender ending: singular, plural, -o and -a forms all match."""
    word = _fold(word.strip("()"))
    for suffix in ("es", "s"):
        if len(word) > 5 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 5 and word[-1] in "oa" else word


def load_terms(lang: str) -> list[Term]:
    """The glossary for `lang` (empty if there is none)."""
    path = translations_dir() / lang / "glossary.yaml"
    if not path.is_file():
        return []
    data = read_yaml(path).data or {}
    return [
        Term(str(t["en"]), str(t["es"]), t.get("short"), tuple(t.get("avoid") or ()))
        for t in data.get("terms", [])
    ]


def check_pair(
    terms: list[Term], english: str, translated: str, where: Path, line: int, field: str
) -> list[Problem]:
    """Problems with one translated string against its English source."""
    # passages marked as another language (titles of English works, quotes) are not checked,
    # and a term kept in such a passage (an English title) counts as handled
    kept = " ".join(MARKED.findall(translated))
    english, translated = _unmarked(english), _unmarked(translated)
    problems = []
    for term in terms:
        for variant in term.avoided_in(translated):
            problems.append(Problem(where, line, field, f"use {term.es!r}, not {variant!r}"))
        if (
            term.in_english(english)
            and not term.in_translation(translated)
            and not term.in_english(kept)
        ):
            problems.append(
                Problem(
                    where,
                    line,
                    field,
                    f"English says {term.en!r}; use {term.es!r}"
                    + (f" or {term.short!r}" if term.short else ""),
                )
            )
    return problems
