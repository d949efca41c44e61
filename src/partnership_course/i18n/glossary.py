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
from typing import Any

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


def _entries(lang: str) -> tuple[Path, list[Any]]:
    path = translations_dir() / lang / "glossary.yaml"
    if not path.is_file():
        return path, []
    data = read_yaml(path).data
    terms = data.get("terms") if isinstance(data, dict) else None
    return path, terms if isinstance(terms, list) else []


def _entry_problem(entry: Any) -> str | None:
    """Why a glossary entry cannot be used, or None."""
    if not isinstance(entry, dict):
        return "a term is a mapping with `en:` and `es:`"
    for key in ("en", "es"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            return f"`{key}:` must be the term's text"
    if entry.get("short") is not None and not isinstance(entry["short"], str):
        return "`short:` must be text"
    avoid = entry.get("avoid")
    if avoid is not None and not (
        isinstance(avoid, list) and all(isinstance(v, str) for v in avoid)
    ):
        return "`avoid:` must be a list of texts, e.g. [PEI]"
    return None


def load_terms(lang: str) -> list[Term]:
    """The glossary for `lang` (empty if there is none); an entry that cannot be used is left
    out here and reported by `glossary_problems`."""
    _path, entries = _entries(lang)
    return [
        Term(t["en"], t["es"], t.get("short"), tuple(t.get("avoid") or ()))
        for t in entries
        if _entry_problem(t) is None
    ]


def glossary_problems(lang: str) -> list[Problem]:
    """Each glossary entry that cannot be used, at its line (`validate` lists them)."""
    path, entries = _entries(lang)
    if not entries:
        return []
    located = read_yaml(path)
    return [
        Problem(path, located.line_of(("terms", index)), f"terms[{index}]", problem)
        for index, entry in enumerate(entries)
        if (problem := _entry_problem(entry)) is not None
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
