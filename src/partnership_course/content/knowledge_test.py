"""The knowledge pre/post test: the same questions before module 01 and after the last module.

Each item is an ordinary `choice` scenario that carries `knowledge_test: {item, phase}`: one file
`before-<item>` in the first module and one `after-<item>` in the last, asked in another order and
with the options in another order. Reusing the choice kind keeps every existing path (widget,
store, grader, room tallies) unchanged; this module adds only what is new: the rule that the two
copies of an item stay the same test (`problems`), and the gain from the first answers
(`learner_items`, `cohort_items`). Items are worth no points: a baseline must not cost a learner
for what the course has not taught yet, and the gain is read from the stored first answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem
from .scoring import scored_choice

MIN_ITEMS, MAX_ITEMS = 8, 10
FIRST_MODULE, LAST_MODULE = "01-dual-capacity", "03-continuum"


@dataclass(frozen=True)
class Pair:
    """One test item: the activity ids asked before and after, and the before copy's content."""

    item: str
    before: str
    after: str
    scenario: Any  # the `before` Choice (question text, keyed options)


def pairs(scenarios: Mapping[str, Any]) -> list[Pair]:
    """Every complete item, in the order the learner meets it before the course."""
    found: dict[str, dict[str, str]] = {}
    for aid, s in scenarios.items():
        tag = getattr(s, "knowledge_test", None)
        if tag is not None:
            found.setdefault(tag.item, {})[tag.phase] = aid
    out = [
        Pair(item, ids["before"], ids["after"], scenarios[ids["before"]])
        for item, ids in found.items()
        if "before" in ids and "after" in ids
    ]
    return sorted(out, key=lambda p: p.before)


def _same_test(a: Any, b: Any) -> str | None:
    """Why two copies of an item are not the same question, or None."""
    if a.question != b.question:
        return "the question differs from"
    options_a = {o.id: o.model_dump() for o in a.options}
    options_b = {o.id: o.model_dump() for o in b.options}
    if options_a != options_b:
        return "the options (text, key or feedback) differ from"
    return None


def problems(scenarios: Mapping[str, Any], root: Path) -> list[Problem]:
    """The course-level rules of the test: 8-10 items, each asked once before (first module)
    and once after (last module), both copies the same question worth no points."""
    out: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}
    for aid, s in sorted(scenarios.items()):
        tag = getattr(s, "knowledge_test", None)
        if tag is None:
            continue
        where = root / f"{aid}.yaml"
        module = aid.split("/", 1)[0]
        expected = FIRST_MODULE if tag.phase == "before" else LAST_MODULE
        if module != expected:
            out.append(
                Problem(where, 1, "knowledge_test", f"a {tag.phase} item belongs in {expected}")
            )
        if s.points:
            out.append(Problem(where, 1, "points", "a knowledge-test item is worth no points"))
        if (tag.item, tag.phase) in seen:
            other = seen[(tag.item, tag.phase)]
            out.append(Problem(where, 1, "knowledge_test", f"item {tag.item!r} is also {other}"))
        seen[(tag.item, tag.phase)] = aid
    items = {item for item, _ in seen}
    for item in sorted(items):
        for phase in ("before", "after"):
            if (item, phase) not in seen:
                other = seen[(item, "after" if phase == "before" else "before")]
                out.append(
                    Problem(
                        root / f"{other}.yaml", 1, "knowledge_test", f"no {phase} copy of {item!r}"
                    )
                )
    for pair in pairs(scenarios):
        why = _same_test(pair.scenario, scenarios[pair.after])
        if why:
            out.append(Problem(root / f"{pair.after}.yaml", 1, "options", f"{why} {pair.before}"))
    if items and not MIN_ITEMS <= len(items) <= MAX_ITEMS:
        out.append(Problem(root, 1, "knowledge_test", f"{len(items)} items; the test has 8 to 10"))
    return out


@dataclass(frozen=True)
class ItemResult:
    """One item for one learner: was the first answer keyed, before and after (None: unanswered)."""

    item: str
    before: bool | None
    after: bool | None


def _first_correct(scenario: Any, answer: Any) -> bool | None:
    first = scored_choice(answer)
    return None if first is None else scenario.is_correct(first)


def learner_items(test: Iterable[Pair], answers: Mapping[str, Any]) -> list[ItemResult]:
    """Each item's first-answer result before and after, from `answers` (activity id -> saved
    value)."""
    return [
        ItemResult(
            p.item,
            _first_correct(p.scenario, answers.get(p.before)),
            _first_correct(p.scenario, answers.get(p.after)),
        )
        for p in test
    ]


@dataclass(frozen=True)
class CohortItem:
    """One item over a cohort: of the learners who answered it both times, how many had it right
    before and after (the gain is the difference, in percentage points)."""

    item: str
    paired: int
    right_before: int
    right_after: int

    @property
    def before_pct(self) -> float | None:
        return round(100 * self.right_before / self.paired, 1) if self.paired else None

    @property
    def after_pct(self) -> float | None:
        return round(100 * self.right_after / self.paired, 1) if self.paired else None

    @property
    def gain(self) -> float | None:
        if not self.paired:
            return None
        return round(100 * (self.right_after - self.right_before) / self.paired, 1)


def cohort_items(test: list[Pair], learners: Iterable[Mapping[str, Any]]) -> list[CohortItem]:
    """Per item, over every learner's answers: paired counts (a learner who skipped one of the
    two copies is left out of that item, so the gain compares the same people)."""
    totals = {p.item: [0, 0, 0] for p in test}
    for answers in learners:
        for r in learner_items(test, answers):
            if r.before is None or r.after is None:
                continue
            t = totals[r.item]
            t[0] += 1
            t[1] += int(r.before)
            t[2] += int(r.after)
    return [CohortItem(p.item, *totals[p.item]) for p in test]
