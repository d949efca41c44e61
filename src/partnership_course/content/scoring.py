"""Scoring, in one place: what an answer earns, as numbers, for the widgets and the grader alike.

The widgets show these numbers as the learner works ("3 of 4 cards match the key"), and the
grader's locked test cells call `grading.checks`, which only words the sentences around them. So
a rule changes in one function and both sides agree by construction.

Two halves:
- `*_key(scenario)`: the answer key of one activity as plain JSON-like values. The grader writes
  it into its test cell (so the gradebook's copy of the cell reproduces the score); the widgets
  compute it from the content model they already hold.
- `score_*(answer, **key, points)`: a stored answer and its key -> a `Score` (steps done out of
  steps, points earned, and the counts the sentences quote). Stored answers come from old
  versions, hand edits and other tabs, so every function accepts any shape and never raises.

The first answer counts (issue 10): for a knowledge check worth points, the learner's first
choice is the one scored; later tries stay in the stored answer (`attempts`) for learning and
the page says so before the learner answers (`FIRST_ANSWER_COUNTS`). The same holds for the
other kinds that have a complete attempt: a branching conversation scores the first ending
reached (`scored_outcome`), a sort the placements of its first check (`scored_placements`).
Answers saved before those rules scored what they hold (a sort without `checks` its placements;
a conversation saved without `attempts` its first stored outcome).

This module runs in nbgrader's autograding kernel: standard library only, and no output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MIXED_SHARE = 0.5  # share of a branching activity's points for a mixed best ending
MIN_FAMILIES = 3  # families a contact plan asks for when its scenario does not say
FIRST_ANSWER_COUNTS = True  # a scored knowledge check scores the learner's first choice


@dataclass(frozen=True)
class Score:
    """What an answer earned: `earned` of `points`, `done` of `steps`, and the counts behind it.

    `saved` is False when there was nothing to score (the sentence then says so); `counts` holds
    the numbers a sentence quotes, by name, so wording them never recomputes anything.
    """

    earned: float
    points: float
    done: int = 0
    steps: int = 0
    saved: bool = True
    counts: dict[str, Any] = field(default_factory=dict)


def rounded(value: float) -> float:
    """Points as the gradebook keeps them: rounded to 0.01."""
    return round(float(value), 2)


def share(points: float, done: int, steps: int) -> float:
    """`points` in proportion to `done` of `steps` (0 when there are no steps)."""
    return rounded(points * done / steps) if steps else 0.0


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _nothing(points: float) -> Score:
    return Score(0.0, rounded(points), saved=False)


# -- answer keys (from a content model) ------------------------------------------------------
def choice_key(scenario: Any) -> dict[str, Any]:
    """The ids of the keyed options."""
    return {"correct": [o.id for o in scenario.options if o.correct]}


def sort_key(scenario: Any) -> dict[str, Any]:
    """Card id -> the category the key puts it in, or the list of them when a card is right in
    more than one (`also`); a one-category card stays a string, as older test cells have it."""
    key: dict[str, Any] = {}
    for item in scenario.items:
        accepted = [item.category, *(getattr(item, "also", None) or [])]
        key[item.id] = accepted if len(accepted) > 1 else item.category
    return {"key": key}


def sort_accepts(keyed: Any, placed: Any) -> bool:
    """Whether `placed` is right for a card whose key is `keyed` (one id or a list of ids)."""
    if isinstance(keyed, str):
        return placed == keyed
    return isinstance(keyed, list | tuple) and isinstance(placed, str) and placed in keyed


def ladder_key(scenario: Any) -> dict[str, Any]:
    """Which statements are observable, the good questions per assumption, the rungs."""
    return {
        "statements": {s.id: bool(s.observable) for s in scenario.statements},
        "good_questions": {
            a.id: [q.id for q in a.questions if q.good] for a in scenario.climb_down
        },
        "rungs": [step.rung for step in scenario.rungs],
    }


def starters_key(scenario: Any) -> dict[str, Any]:
    """Statement id -> the ids of its empathy replies."""
    return {
        "empathy": {
            s.id: [r.id for r in s.replies if r.type == "empathy"] for s in scenario.statements
        }
    }


def branching_key(scenario: Any) -> dict[str, Any]:
    """Ending id -> its outcome, and the share a mixed ending earns."""
    return {"endings": {e.id: e.outcome for e in scenario.endings}, "mixed_share": MIXED_SHARE}


def plain_language_key(scenario: Any) -> dict[str, Any]:
    """Nothing: a checked draft earns the points."""
    return {}


def contact_planner_key(scenario: Any) -> dict[str, Any]:
    """How many families a plan asks for."""
    return {"min_families": int(getattr(scenario, "min_families", None) or MIN_FAMILIES)}


def action_plan_key(scenario: Any) -> dict[str, Any]:
    """The ids of the plan's fields."""
    return {"fields": [f.id for f in scenario.fields]}


# -- pieces the widgets show as the learner works ---------------------------------------------
def scored_choice(answer: Any) -> str | None:
    """The choice that is scored: the first one tried (`attempts[0]`), else `choice`."""
    value = _mapping(answer)
    attempts = value.get("attempts")
    if FIRST_ANSWER_COUNTS and isinstance(attempts, list):
        first = next((a for a in attempts if isinstance(a, str)), None)
        if first is not None:
            return first
    chosen = value.get("choice")
    return chosen if isinstance(chosen, str) else None


def scored_placements(answer: Any) -> Mapping[str, Any] | None:
    """The placements that are scored: those of the first check (`checks[0]`), else the
    placements saved (a sort never checked, or saved before checks were kept)."""
    value = _mapping(answer)
    checks = value.get("checks")
    if FIRST_ANSWER_COUNTS and isinstance(checks, list):
        first = next((c for c in checks if isinstance(c, Mapping) and c), None)
        if first is not None:
            return first
    placements = value.get("placements")
    return placements if isinstance(placements, Mapping) and placements else None


def sort_matches(placements: Any, key: Mapping[str, Any]) -> int:
    """How many cards sit where the key puts them (in any of a card's right categories)."""
    placed = _mapping(placements)
    return sum(1 for item, keyed in key.items() if sort_accepts(keyed, placed.get(item)))


def marks_matched(marks: Any, statements: Mapping[str, bool]) -> int:
    """How many ladder statements are marked (observable or not) as the key marks them."""
    marked = _mapping(marks)
    return sum(1 for sid, observable in statements.items() if marked.get(sid) is observable)


def good_asked(asks: Any, good_questions: Mapping[str, Sequence[str]]) -> int:
    """How many assumptions are tested with one of their good questions."""
    asked = _mapping(asks)
    return sum(1 for aid, keyed in good_questions.items() if asked.get(aid) in set(keyed))


def empathy_chosen(replies: Any, empathy: Mapping[str, Sequence[str]]) -> int:
    """How many statements are answered with one of their empathy replies."""
    chosen = _mapping(replies)
    return sum(1 for sid, keyed in empathy.items() if chosen.get(sid) in set(keyed))


OUTCOMES = ("strong", "mixed", "weak")  # best first


def outcomes_reached(answer: Any, endings: Mapping[str, str]) -> list[str]:
    """The outcome of every ending reached, in the order the attempts reached them.

    Answers saved without `attempts` fall back on their stored `outcomes` (kept in that order).
    """
    value = _mapping(answer)
    attempts = value.get("attempts")
    if isinstance(attempts, list):
        reached = [a.get("ending") for a in attempts if isinstance(a, Mapping)]
        return [endings[e] for e in reached if isinstance(e, str) and e in endings]
    saved = value.get("outcomes")
    return [o for o in (saved if isinstance(saved, list) else []) if o in OUTCOMES]


def scored_outcome(answer: Any, endings: Mapping[str, str]) -> str | None:
    """The outcome that is scored: that of the first ending reached, or None."""
    reached = outcomes_reached(answer, endings)
    if not FIRST_ANSWER_COUNTS:
        return best_outcome(answer, endings)
    return reached[0] if reached else None


def best_outcome(answer: Any, endings: Mapping[str, str]) -> str | None:
    """The best outcome reached in any attempt ("strong" > "mixed" > "weak"), or None."""
    reached = outcomes_reached(answer, endings)
    return next((o for o in OUTCOMES if o in reached), None)


# -- scores -----------------------------------------------------------------------------------
def score_choice(answer: Any, correct: Iterable[str], points: float) -> Score:
    """All the points if the scored (first) choice is keyed, else none."""
    chosen = scored_choice(answer)
    if chosen is None:
        return _nothing(points)
    right = chosen in set(correct)
    return Score(
        rounded(points) if right else 0.0,
        rounded(points),
        int(right),
        1,
        counts={"choice": chosen, "correct": right, "latest": _mapping(answer).get("choice")},
    )


def score_sort(answer: Any, key: Mapping[str, Any], points: float) -> Score:
    """Points in proportion to the cards the first check found where the key puts them; the
    sort as it stands now (`latest`, matched `latest_matched`) is reported, never scored."""
    placements = scored_placements(answer)
    if placements is None:
        return _nothing(points)
    matched = sort_matches(placements, key)
    now = _mapping(answer).get("placements")
    latest = dict(now) if isinstance(now, Mapping) and dict(now) != dict(placements) else None
    return Score(
        share(points, matched, len(key)),
        rounded(points),
        matched,
        len(key),
        counts={
            "matched": matched,
            "total": len(key),
            "later": latest is not None,
            "latest_matched": sort_matches(latest, key) if latest is not None else matched,
        },
    )


def score_ladder(
    answer: Any,
    statements: Mapping[str, bool],
    good_questions: Mapping[str, Sequence[str]],
    rungs: Sequence[str],
    points: float,
) -> Score:
    """One step per statement marked as the key marks it, one for a choice on every rung, one
    per assumption tested with a good question; points in proportion to the steps."""
    value = _mapping(answer)
    if not value:
        return _nothing(points)
    marked = marks_matched(value.get("marks"), statements)
    climb = _mapping(value.get("climb"))
    climbed = sum(1 for rung in rungs if climb.get(rung))
    finished = climbed == len(rungs)
    good = good_asked(value.get("asks"), good_questions)
    steps = len(statements) + 1 + len(good_questions)
    done = marked + int(finished) + good
    return Score(
        share(points, done, steps),
        rounded(points),
        done,
        steps,
        counts={
            "marked": marked,
            "statements": len(statements),
            "rungs": climbed,
            "total_rungs": len(rungs),
            "finished": finished,
            "good": good,
            "assumptions": len(good_questions),
        },
    )


def score_starters(answer: Any, empathy: Mapping[str, Sequence[str]], points: float) -> Score:
    """Per statement, one step for an empathy reply and one for a reply in one's own words."""
    saved = _mapping(_mapping(answer).get("statements"))
    if not saved:
        return _nothing(points)
    chose = empathy_chosen({sid: _mapping(saved.get(sid)).get("reply") for sid in empathy}, empathy)
    wrote = sum(1 for sid in empathy if _has_text(_mapping(saved.get(sid)).get("text")))
    steps = 2 * len(empathy)
    return Score(
        share(points, chose + wrote, steps),
        rounded(points),
        chose + wrote,
        steps,
        counts={"chose": chose, "wrote": wrote, "total": len(empathy)},
    )


def score_branching(
    answer: Any, endings: Mapping[str, str], points: float, mixed_share: float = MIXED_SHARE
) -> Score:
    """All the points when the first ending reached is strong, `mixed_share` of them when it is
    mixed, none otherwise; later attempts are reported (`best`, `endings`), never scored."""
    if not _mapping(answer):
        return _nothing(points)
    first = scored_outcome(answer, endings)
    earned = {"strong": rounded(points), "mixed": rounded(points * mixed_share)}.get(first, 0.0)
    return Score(
        earned,
        rounded(points),
        int(first == "strong"),
        1,
        counts={
            "first": first,
            "best": best_outcome(answer, endings),
            "endings": len(outcomes_reached(answer, endings)),
        },
    )


def score_plain_language(answer: Any, points: float) -> Score:
    """All the points when a draft was written and checked for jargon, else none."""
    value = _mapping(answer)
    if not _has_text(value.get("text")):
        return _nothing(points)
    findings = value.get("findings")
    checked = bool(value.get("checked"))
    return Score(
        rounded(points) if checked else 0.0,
        rounded(points),
        int(checked),
        1,
        counts={"checked": checked, "terms": len(findings) if isinstance(findings, list) else 0},
    )


def score_contact_planner(answer: Any, points: float, min_families: int = MIN_FAMILIES) -> Score:
    """Points in proportion to the families planned (distinct codes), up to `min_families`."""
    families = _mapping(answer).get("families")
    codes = {
        str(f.get("code")).strip()
        for f in (families if isinstance(families, list) else [])
        if isinstance(f, Mapping) and str(f.get("code") or "").strip()
    }
    needed = max(1, int(min_families))
    done = min(len(codes), needed)
    return Score(
        share(points, done, needed),
        rounded(points),
        done,
        needed,
        counts={"planned": len(codes), "needed": needed},
    )


def score_action_plan(answer: Any, fields: Sequence[str], points: float) -> Score:
    """Points in proportion to the plan's `fields` that hold some text."""
    saved = _mapping(_mapping(answer).get("fields"))
    written = sum(1 for f in fields if _has_text(saved.get(f)))
    return Score(
        share(points, written, len(fields)),
        rounded(points),
        written,
        len(fields),
        counts={"written": written, "total": len(fields)},
    )
