"""Each kind's spreadsheet columns: how a participant's stored answer reads as words.

One function per kind, named by the kind's `columns` member in `content/kinds.py` (a
"module:function" path, as `model` and `widget` are), so adding a kind is one more entry in the
kind table and `tests/content/test_kinds.py` names a kind that has none. Each takes the scenario
and the language and returns the columns in the order a participant meets the questions; each
column reads the stored answer (a dict) and gives the cell's text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..content.model import text_in
from ..i18n import gettext


@dataclass
class Column:
    """One question: its heading and how to read a participant's answer for it."""

    heading: str
    read: Callable[[dict[str, Any]], str]
    private_text: bool = False  # holds words a participant may keep private


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _t(lang: str) -> Callable[[Any], str]:
    return lambda value: text_in(value, lang)


def choice(scenario: Any, lang: str) -> list[Column]:
    """The option chosen, in words."""
    t = _t(lang)
    options = {o.id: t(o.text) for o in scenario.options}
    return [Column(t(scenario.title), lambda v: options.get(v.get("choice"), ""))]


def _by_item(
    title: str, items: list[Any], words: Callable[[Any], str], saved: str, shown: dict[Any, str]
) -> list[Column]:
    """One column per item: what the answer's `saved` mapping holds for it, in words."""
    return [
        Column(
            f"{title}: {words(item)}",
            lambda v, i=item.id: shown.get(dict(v.get(saved) or {}).get(i), ""),
        )
        for item in items
    ]


def sort(scenario: Any, lang: str) -> list[Column]:
    """One column per card: the category it was placed in."""
    t = _t(lang)
    labels = {c.id: t(c.label) for c in scenario.categories}
    return _by_item(t(scenario.title), scenario.items, lambda i: t(i.text), "placements", labels)


def self_assessment(scenario: Any, lang: str) -> list[Column]:
    """One column per item: the level chosen and its label."""
    t = _t(lang)
    levels = {lv.value: f"{lv.value}: {t(lv.label)}" for lv in scenario.scale}
    return _by_item(t(scenario.title), scenario.items, lambda i: t(i.label), "ratings", levels)


def starters(scenario: Any, lang: str) -> list[Column]:
    """Two columns per family statement: the reply chosen and the participant's own words."""
    t = _t(lang)
    title = t(scenario.title)
    columns = []
    for statement in scenario.statements:
        replies = {r.id: t(r.text) for r in statement.replies}

        def entry(v: dict[str, Any], s: str = statement.id) -> dict[str, Any]:
            return dict(dict(v.get("statements") or {}).get(s) or {})

        heading = f"{title}: {t(statement.speaker)}"
        columns.append(
            Column(
                f"{heading} ({gettext('reply chosen', lang)})",
                lambda v, e=entry, r=replies: r.get(e(v).get("reply"), ""),
            )
        )
        columns.append(
            Column(
                f"{heading} ({gettext('own words', lang)})",
                lambda v, e=entry: _text(e(v).get("text")),
                private_text=True,
            )
        )
    return columns


def branching(scenario: Any, lang: str) -> list[Column]:
    """The ending reached."""
    t = _t(lang)
    endings = {e.id: t(e.title) for e in scenario.endings}
    return [
        Column(
            f"{t(scenario.title)} ({gettext('ending reached', lang)})",
            lambda v: endings.get(v.get("ending"), ""),
        )
    ]


def writing(scenario: Any, lang: str) -> list[Column]:
    """What was written (a reflection, a plain-language rewrite), unless kept private."""
    return [Column(_t(lang)(scenario.title), lambda v: _text(v.get("text")), private_text=True)]


def action_plan(scenario: Any, lang: str) -> list[Column]:
    """One column per field of the plan."""
    t = _t(lang)
    title = t(scenario.title)
    return [
        Column(
            f"{title}: {t(f.label)}",
            lambda v, i=f.id: _text(dict(v.get("fields") or {}).get(i)),
            private_text=True,
        )
        for f in scenario.fields
    ]


def ladder(scenario: Any, lang: str) -> list[Column]:
    """The statements marked as observable, and the questions chosen to test assumptions."""
    t = _t(lang)
    title = t(scenario.title)
    statements = {s.id: t(s.text) for s in scenario.statements}
    questions = {q.id: t(q.text) for a in scenario.climb_down for q in a.questions}
    return [
        Column(
            f"{title} ({gettext('marked as observable', lang)})",
            lambda v: "; ".join(
                statements[s]
                for s, seen in dict(v.get("marks") or {}).items()
                if seen is True and s in statements
            ),
        ),
        Column(
            f"{title} ({gettext('questions chosen', lang)})",
            lambda v: "; ".join(questions[q] for q in _asked(v.get("asks")) if q in questions),
        ),
    ]


def _asked(asks: Any) -> list[str]:
    """Question ids from a ladder's `asks` (a mapping of assumption -> question, or a list)."""
    if isinstance(asks, dict):
        return [q for q in asks.values() if isinstance(q, str)]
    if isinstance(asks, list):
        return [q for q in asks if isinstance(q, str)]
    return []


def contact_planner(scenario: Any, lang: str) -> list[Column]:
    """How many families are in the plan (never who they are)."""
    return [
        Column(
            f"{_t(lang)(scenario.title)} ({gettext('families planned', lang)})",
            lambda v: str(len(v.get("families") or [])),
        )
    ]


def blank(scenario: Any, lang: str) -> list[Column]:
    """One titled, empty column: the toolkit's documents and contact details are the
    teacher's own to take away, so the room's export shows nothing of them."""
    return [Column(_t(lang)(scenario.title), lambda v: "")]
