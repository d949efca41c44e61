"""What a room answered to one activity, per kind: tallies of choices and the texts written.

One function per kind, named in the kind table (`kinds.py`), so the facilitator view and the
report never branch on kind names. Each takes the scenario in the reader's language, every
participant's saved answer (objects with `.learner` and `.value`) and learner -> display name,
and returns `Tallies`. Counting only: the pages escape and lay them out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .model import text_in


@dataclass
class Tally:
    """One question's answers in the room: labelled counts, the keyed ones marked."""

    question: str
    counts: list[tuple[str, int, bool]] = field(default_factory=list)  # label, count, is_key


@dataclass
class Tallies:
    """A summary's body: counts per question, and (display name, text) for writing."""

    tallies: list[Tally] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)
    private: int = 0  # answers whose writers kept their words private (counted, never shown)


def _value(answer: Any) -> dict[str, Any]:
    value = getattr(answer, "value", None)
    return value if isinstance(value, dict) else {}


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def is_shared(answer: Any) -> bool:
    """May the facilitator read this answer's words? A participant can keep a reflection
    private (`"shared": false`); a missing flag means shared, as before the choice existed."""
    return _value(answer).get("shared") is not False


def choice(scenario: Any, answers: list[Any], names: dict[str, str], lang: str) -> Tallies:
    """How many chose each option (the keyed ones marked)."""
    chosen = Counter(_value(a).get("choice") for a in answers)
    counts = [(text_in(o.text, lang), chosen[o.id], o.correct) for o in scenario.options]
    return Tallies([Tally(text_in(scenario.question, lang), counts)])


def sort(scenario: Any, answers: list[Any], names: dict[str, str], lang: str) -> Tallies:
    """Per card, how many put it in each category (the keyed ones marked)."""
    out = Tallies()
    for item in scenario.items:
        placed = Counter(_mapping(_value(a).get("placements")).get(item.id) for a in answers)
        counts = [
            (text_in(c.label, lang), placed[c.id], c.id in item.accepted)
            for c in scenario.categories
        ]
        out.tallies.append(Tally(text_in(item.text, lang), counts))
    return out


def self_assessment(scenario: Any, answers: list[Any], names: dict[str, str], lang: str) -> Tallies:
    """Per item, how many chose each point of the scale."""
    out = Tallies()
    for item in scenario.items:
        rated = Counter(_mapping(_value(a).get("ratings")).get(item.id) for a in answers)
        counts = [
            (f"{lv.value}: {text_in(lv.label, lang)}", rated[lv.value], False)
            for lv in scenario.scale
        ]
        out.tallies.append(Tally(text_in(item.label, lang), counts))
    return out


def starters(scenario: Any, answers: list[Any], names: dict[str, str], lang: str) -> Tallies:
    """Per family statement, how many chose each reply (empathy marked), and the own words."""
    out = Tallies()
    for statement in scenario.statements:
        entries = [
            _mapping(_mapping(_value(a).get("statements")).get(statement.id)) for a in answers
        ]
        picked = Counter(e.get("reply") for e in entries)
        counts = [
            (f"{text_in(r.text, lang)} ({r.type})", picked[r.id], r.type == "empathy")
            for r in statement.replies
        ]
        question = f"{text_in(statement.speaker, lang)}: {text_in(statement.text, lang)}"
        out.tallies.append(Tally(question, counts))
        for answer, entry in zip(answers, entries, strict=True):
            if is_shared(answer) and _has_text(entry.get("text")):
                out.texts.append((names.get(answer.learner, "?"), entry["text"]))
    return out


def branching(scenario: Any, answers: list[Any], names: dict[str, str], lang: str) -> Tallies:
    """How many reached each ending (strong ones marked)."""
    from ..i18n import gettext

    endings = Counter(_value(a).get("ending") for a in answers)
    counts = [
        (text_in(e.title, lang), endings[e.id], e.outcome == "strong") for e in scenario.endings
    ]
    return Tallies([Tally(gettext("Endings reached", lang), counts)])


def writing(scenario: Any, answers: list[Any], names: dict[str, str], lang: str) -> Tallies:
    """The texts written (reflections, plain-language drafts), next to their writers' names;
    private ones (the writer unticked "The facilitator may read this") only counted."""
    out = Tallies()
    for a in answers:
        if not is_shared(a):
            out.private += 1
        elif _has_text(_value(a).get("text")):
            out.texts.append((names.get(a.learner, "?"), _value(a)["text"]))
    return out


def counts_only(scenario: Any, answers: list[Any], names: dict[str, str], lang: str) -> Tallies:
    """Nothing beyond how many answered (plans hold families' details: never shown to a room)."""
    return Tallies()
