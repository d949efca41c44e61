"""Scoring used by the autograder test cells that `build_source` writes into grading notebooks.

Each function prints one plain sentence for the learner's feedback, then returns the points
earned as a float: nbgrader reads the cell's result as partial credit. Nothing here may write to
stderr (nbgrader scores a cell that writes to stderr as 0) or import anything heavy: the
functions run in the autograding kernel and, when a learner runs a released notebook, in theirs.

The answer key and the rubric criterion are passed in by the test cell itself, so the copy of the
cell that nbgrader keeps in the gradebook is all that is needed to reproduce a score.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any


def _points(value: float) -> float:
    return round(float(value), 2)


def score_choice(answer: Mapping[str, Any] | None, correct: Iterable[str], points: float) -> float:
    """All the points if the chosen option is one of `correct`, else none."""
    chosen = answer.get("choice") if isinstance(answer, Mapping) else None
    if chosen is None:
        print(f"No answer was saved for this question: 0 of {_points(points):g} points.")
        return 0.0
    if chosen in set(correct):
        print(f"Correct ({chosen}): {_points(points):g} of {_points(points):g} points.")
        return _points(points)
    print(f"Not the keyed answer ({chosen}): 0 of {_points(points):g} points.")
    return 0.0


def score_sort(answer: Mapping[str, Any] | None, key: Mapping[str, str], points: float) -> float:
    """Points in proportion to the cards placed where the key puts them (rounded to 0.01)."""
    placements = answer.get("placements") if isinstance(answer, Mapping) else None
    if not isinstance(placements, Mapping) or not placements:
        print(f"No sort was saved: 0 of {_points(points):g} points.")
        return 0.0
    matched = sum(1 for item, category in key.items() if placements.get(item) == category)
    earned = _points(points * matched / len(key)) if key else 0.0
    print(f"{matched} of {len(key)} cards match the key: {earned:g} of {_points(points):g} points.")
    return earned


def reflection_text(answer: Mapping[str, Any] | None) -> str:
    """The reflection text of a stored answer ('' when there is none)."""
    text = answer.get("text") if isinstance(answer, Mapping) else None
    return text if isinstance(text, str) else ""


def word_count(text: str) -> int:
    """Words as a reader would count them (runs of non-space characters)."""
    return len(text.split())


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return text.replace("\u2019", "'").replace("\u2018", "'")


def find_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The first of `phrases` that occurs in `text` as whole words (case-insensitive), or None."""
    haystack = _normalise(text)
    for phrase in phrases:
        needle = _normalise(phrase).strip()
        if needle and re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack):
            return phrase
    return None


def check_reflection(
    answer: Mapping[str, Any] | None,
    criterion: str,
    *,
    label: str,
    check: str,
    points: float,
    min_words: int = 0,
    phrases: Iterable[str] = (),
) -> float:
    """Score one machine-checkable rubric criterion of a reflection: all the points or none.

    `check` is one of `answered` (any text), `length` (at least `min_words` words), or
    `phrases` (names one of `phrases`, e.g. a concrete next step or a partnership principle).
    """
    text = reflection_text(answer)
    worth = _points(points)
    if not text.strip():
        print(f"{label}: no reflection was saved (missing). 0 of {worth:g} points.")
        return 0.0
    if check == "answered":
        met, why = True, "a reflection was saved"
    elif check == "length":
        words = word_count(text)
        met, why = words >= min_words, f"{words} words; the aim is at least {min_words}"
    elif check == "phrases":
        found = find_phrase(text, phrases)
        met = found is not None
        why = f'found "{found}"' if found else "none of the phrases the rubric looks for was found"
    else:
        raise ValueError(f"unknown reflection check {check!r} for criterion {criterion!r}")
    earned = worth if met else 0.0
    verdict = "yes" if met else "not yet"
    print(f"{label}: {verdict} ({why}). {earned:g} of {worth:g} points.")
    return earned
