"""Surface cues in scored items: is the keyed answer the longest one?

A learner who notices that the right answer is usually the longest, most careful-sounding
option can pass every check without reading it. This module measures that cue across a course
so `partnership-course validate` can refuse a library where it gives answers away.

Three families of items count, one item each:
- a `choice` check: the keyed (correct) option;
- a `starters` statement: the empathy reply;
- a `branching` node with two or more choices: the strong choice, the one that leads most
  directly to the best ending reachable from that node (fewest steps to a `strong` ending, or
  to the best outcome there is). Nodes where two choices tie for that place are not counted,
  because no single answer is keyed there.

Length is counted in characters of the displayed text, whitespace collapsed, in one language.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Choice, ScenarioBase, text_in
from .practice import Branching, Starters

#: The limit the course holds itself to: the keyed option may be the longest in at most this
#: share of items (chance with three or four similar options is a quarter to a third).
MAX_LONGEST_SHARE = 1 / 3

RANK = {"strong": 2, "mixed": 1, "weak": 0}


@dataclass(frozen=True)
class CueItem:
    """One scored item: where it is, which family it belongs to, and whether the key is longest."""

    scenario: str
    item: str
    family: str  # "choice", "starters" or "branching"
    keyed_longest: bool


def _length(value: object, lang: str) -> int:
    return len(" ".join(text_in(value, lang).split()))  # type: ignore[arg-type]


def _keyed_is_longest(keyed: list[int], others: list[int]) -> bool:
    """True when some keyed text is at least as long as every other option (ties count)."""
    return bool(keyed) and bool(others) and max(keyed) >= max(others)


def _best_from(scenario: Branching) -> dict[str, tuple[int, int]]:
    """For every node and ending: (best outcome reachable, fewest steps to an ending with it)."""
    outcome = {e.id: RANK[e.outcome] for e in scenario.endings}
    result: dict[str, tuple[int, int]] = {e: (r, 0) for e, r in outcome.items()}
    for node in scenario.nodes:
        seen, frontier, found = {node.id}, [node.id], []
        steps = 0
        while frontier:  # breadth first, so the first ending of a rank is the nearest one
            steps += 1
            following = []
            for here in frontier:
                for choice in getattr(scenario.node(here), "choices", []):
                    if choice.next in outcome:
                        found.append((outcome[choice.next], steps))
                    elif choice.next not in seen:
                        seen.add(choice.next)
                        following.append(choice.next)
            frontier = following
        rank = max(r for r, _ in found)
        result[node.id] = (rank, min(s for r, s in found if r == rank))
    return result


def branching_items(scenario: Branching, lang: str = "en") -> list[CueItem]:
    """One item per node with a single strong choice among two or more."""
    best = _best_from(scenario)
    items = []
    for node in scenario.nodes:
        if len(node.choices) < 2:
            continue
        value = {c.id: best.get(c.next, (-1, 99)) for c in node.choices}
        top = max(value.values(), key=lambda v: (v[0], -v[1]))
        keyed = [c for c in node.choices if value[c.id] == top]
        if len(keyed) != 1:
            continue
        others = [_length(c.text, lang) for c in node.choices if c is not keyed[0]]
        longest = _keyed_is_longest([_length(keyed[0].text, lang)], others)
        items.append(CueItem(scenario.id, node.id, "branching", longest))
    return items


def scenario_items(scenario: ScenarioBase, lang: str = "en") -> list[CueItem]:
    """The cue items one scenario contributes (none for kinds without a keyed option)."""
    if isinstance(scenario, Choice):
        keyed = [_length(o.text, lang) for o in scenario.options if o.correct]
        others = [_length(o.text, lang) for o in scenario.options if not o.correct]
        return [CueItem(scenario.id, "question", "choice", _keyed_is_longest(keyed, others))]
    if isinstance(scenario, Starters):
        out = []
        for statement in scenario.statements:
            keyed = [_length(r.text, lang) for r in statement.replies if r.type == "empathy"]
            others = [_length(r.text, lang) for r in statement.replies if r.type != "empathy"]
            longest = _keyed_is_longest(keyed, others)
            out.append(CueItem(scenario.id, statement.id, "starters", longest))
        return out
    if isinstance(scenario, Branching):
        return branching_items(scenario, lang)
    return []


def course_items(scenarios: dict[str, ScenarioBase], lang: str = "en") -> list[CueItem]:
    """Every cue item in a library, in a stable order."""
    return [item for key in sorted(scenarios) for item in scenario_items(scenarios[key], lang)]


def summary(items: list[CueItem]) -> dict[str, tuple[int, int]]:
    """Per family and in total: (items where the key is longest, items)."""
    out: dict[str, tuple[int, int]] = {}
    for family in ("choice", "starters", "branching"):
        group = [i for i in items if i.family == family]
        out[family] = (sum(i.keyed_longest for i in group), len(group))
    out["all"] = (sum(i.keyed_longest for i in items), len(items))
    return out


def too_often_longest(items: list[CueItem]) -> list[str]:
    """A message per family whose keyed option is the longest in more than a third of items."""
    messages = []
    for family, (longest, total) in summary(items).items():
        if family != "all" and total and longest > total * MAX_LONGEST_SHARE:
            names = ", ".join(
                f"{i.scenario}:{i.item}" for i in items if i.family == family and i.keyed_longest
            )
            messages.append(
                f"the keyed option is the longest in {longest} of {total} {family} items "
                f"(at most a third may be): {names}"
            )
    return messages
