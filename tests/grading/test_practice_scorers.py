"""Scorers of the practice and planning kinds, against states the real widgets store.

Each test drives a real widget through its public methods, reads what it saved in the response
store, then runs the locked test cell that `grade source` writes for it (the same source, with a
stand-in `course`), and compares the points with a hand-computed figure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from partnership_course.content.practice import RUNGS
from partnership_course.course import Course
from partnership_course.grading.checks import (
    score_action_plan,
    score_branching,
    score_contact_planner,
    score_ladder,
    score_plain_language,
    score_starters,
)
from partnership_course.grading.source import score_test
from partnership_course.store import ResponseStore

LADDER = """\
schema_version: 1
kind: ladder
id: lad
title: A ladder
points: 2
situation: A parent did not reply to a note.
statements:
  - {id: sent, text: The note went home on Monday., observable: true, feedback: A fact.}
  - {id: lazy, text: The parent does not care., observable: false, feedback: A conclusion.}
  - {id: quiet, text: No reply came., observable: true, feedback: Also a fact.}
rungs:
  - {rung: selected_data, prompt: "What?", options: [{id: s1, text: Quiet}, {id: s2, text: Note}]}
  - {rung: meanings, prompt: "Means?", options: [{id: m1, text: Ignoring}, {id: m2, text: Busy}]}
  - {rung: assumptions, prompt: "Assume?", options: [{id: a1, text: Read}, {id: a2, text: Quick}]}
  - {rung: conclusions, prompt: "So?", options: [{id: c1, text: Not keen}, {id: c2, text: Retry}]}
  - rung: beliefs
    prompt: Belief?
    options:
      - {id: b1, text: They never engage, next_time: You will notice only silences.}
      - {id: b2, text: Not found the way yet, next_time: You will look for openings.}
  - {rung: actions, prompt: "Do?", options: [{id: x1, text: Stop}, {id: x2, text: Call}]}
loop: Beliefs reach back down to the data.
climb_down:
  - id: read
    assumption: The note was read.
    questions:
      - {id: ask-arrived, text: "Did the note reach you?", good: true, feedback: Tests it.}
      - {id: why-not, text: "Why did you not answer?", feedback: Blames.}
  - id: care
    assumption: Silence means not caring.
    questions:
      - {id: best-way, text: "How do you like to hear from us?", good: true, feedback: Open.}
      - {id: hopes, text: "What do you hope for?", good: true, feedback: Also open.}
      - {id: care-or-not, text: "Do you care or not?", feedback: Closed.}
"""

STARTERS = """\
schema_version: 1
kind: starters
id: emp
title: Replies
points: 2
starters:
  - {id: sounds, text: It sounds like...}
  - {id: thanks, text: Thank you for telling me}
statements:
  - id: bus
    speaker: A parent
    text: The bus left without my daughter.
    replies:
      - {id: e, type: empathy, text: You were worried., feedback: Names the feeling.}
      - {id: s, type: sympathy, text: How awful for you., feedback: "Feels for, not with."}
      - {id: f, type: fixing, text: I will call transport now., feedback: Jumps to a fix.}
  - id: eval
    speaker: A father
    text: I am afraid of the evaluation.
    replies:
      - {id: e2, type: empathy, text: It sounds frightening., feedback: Yes.}
      - {id: e3, type: empathy, text: That is a lot to carry., feedback: Also yes.}
      - {id: d2, type: dismissing, text: It is nothing., feedback: No.}
"""

BRANCHING = """\
schema_version: 1
kind: branching
id: talk
title: A call
points: 2
start: hello
nodes:
  - id: hello
    speaker: Parent
    text: Is something wrong?
    choices:
      - {id: warm, text: Nothing is wrong at all., next: times}
      - {id: cold, text: The meeting is on the 14th., next: told}
  - id: times
    text: I work nights.
    choices:
      - {id: ask, text: "What times work for you?", next: agreed}
      - {id: later, text: "Can we talk later?", next: postponed}
endings:
  - {id: agreed, title: Agreed together, outcome: strong, debrief: You asked first.}
  - {id: postponed, title: Postponed, outcome: mixed, debrief: "Warm, but nothing agreed."}
  - {id: told, title: Told, outcome: weak, debrief: You announced a date.}
"""

PLAIN = """\
schema_version: 1
kind: plain_language
id: plain
title: Check a message
points: 1
prompt: Paste your draft.
terms:
  - {term: IEP, plain: your child's learning plan}
  - {term: IDEA, plain: the special education law}
  - {term: accommodations, plain: changes in how your child learns}
"""

PLANNER = """\
schema_version: 1
kind: contact_planner
id: plan
title: Weekly contacts
points: 2
languages:
  - {id: english, label: English}
  - {id: spanish, label: Spanish}
channels:
  - {id: phone, label: Phone call}
  - {id: email, label: Email}
"""

ACTION_PLAN = """\
schema_version: 1
kind: action_plan
id: ap
title: My plan
points: 2
fields:
  - {id: step, label: One step I will take, multiline: true}
  - {id: by-when, label: By when}
  - {id: helpers, label: Who will help me}
  - {id: evidence, label: How I will know it worked, multiline: true}
"""

FILES = {
    "lad": LADDER,
    "emp": STARTERS,
    "talk": BRANCHING,
    "plain": PLAIN,
    "plan": PLANNER,
    "ap": ACTION_PLAN,
}


SCENARIOS = FILES  # written by the shared `course` fixture


class Answered:
    """What `course` is inside a grading kernel, as far as a test cell needs it."""

    def __init__(self, store: ResponseStore) -> None:
        self.store = store

    def answered(self, name: str) -> dict[str, Any] | None:
        found = self.store.load("ana", "m", f"m/{name}")
        return found.value if found is not None else None


@pytest.fixture
def score(run_cell: Callable[..., Any]) -> Callable[..., float]:
    """Score an activity as its generated test cell would, from what the widget stored."""

    def scorer(course: Course, store: ResponseStore, name: str, lang: str = "en") -> float:
        scenario = course.scenario(name)
        cell = score_test(name, scenario, float(scenario.points), lang)
        return run_cell(cell, Answered(store))

    return scorer


def test_ladder(
    course: Course,
    store: ResponseStore,
    capsys: pytest.CaptureFixture[str],
    score: Callable[..., float],
) -> None:
    """Marks as keyed, the climb finished, good questions: one step each, points in proportion."""
    widget = course.activity("lad")
    assert score(course, store, "lad") == 0.0
    assert "No answer was saved" in capsys.readouterr().out
    widget.mark("sent", True)  # right
    widget.mark("lazy", True)  # wrong: a conclusion, not data
    widget.mark("quiet", True)  # right
    for rung, option in zip(RUNGS, ["s1", "m1", "a1"], strict=False):
        widget.climb(rung, option)
    # 2 marks + 0 (climb unfinished) + 0 questions of 3 + 1 + 2 = 6 steps -> 2 * 2/6
    assert score(course, store, "lad") == 0.67
    out = capsys.readouterr().out
    assert "2 of 3 statements" in out and "not finished (3 of 6 rungs)" in out
    for rung, option in zip(RUNGS[3:], ["c1", "b1", "x2"], strict=True):
        widget.climb(rung, option)
    widget.ask("read", "ask-arrived")  # good
    widget.ask("care", "care-or-not")  # not good
    # 2 + 1 + 1 = 4 of 6 steps -> 1.33
    assert score(course, store, "lad") == 1.33
    out = capsys.readouterr().out
    assert "the climb finished" in out and "1 of 2 assumptions" in out
    assert "4 of 6 steps: 1.33 of 2 points." in out
    widget.mark("lazy", False)
    widget.ask("care", "hopes")  # another good question
    assert score(course, store, "lad") == 2.0


def test_starters(
    course: Course,
    store: ResponseStore,
    capsys: pytest.CaptureFixture[str],
    score: Callable[..., float],
) -> None:
    """Per statement: an empathy reply chosen (the last choice counts), a reply written."""
    widget = course.activity("emp")
    widget.reply("bus", "s")
    widget.reply("bus", "e")  # tried again: the reply now chosen is an empathy reply
    widget.reply("eval", "d2")
    widget.compose("bus", "sounds", "you were scared when the bus left.")
    widget.compose("eval", "thanks", "   ")  # a starter and spaces only: not written
    # chosen: 1 of 2, written: 1 of 2 -> 2 of 4 steps -> 1.0
    assert score(course, store, "emp") == 1.0
    out = capsys.readouterr().out
    assert "1 of 2 replies chosen are empathy replies" in out
    assert "1 of 2 replies written in your own words" in out
    widget.reply("eval", "e3")  # either empathy reply counts
    widget.compose("eval", None, "That is a lot. What worries you most?")
    assert score(course, store, "emp") == 2.0


def test_branching(
    course: Course,
    store: ResponseStore,
    capsys: pytest.CaptureFixture[str],
    score: Callable[..., float],
) -> None:
    """The first ending reached is scored (strong all, mixed half, weak or none nothing); later
    conversations are kept for learning and never change the score."""
    widget = course.activity("talk")
    widget.choose("warm")  # started, no ending yet
    assert score(course, store, "talk") == 0.0
    assert "No ending" in capsys.readouterr().out
    widget.restart()  # abandoned before an ending: not a complete attempt
    widget.choose("warm")
    widget.choose("later")  # mixed: the first ending reached
    assert score(course, store, "talk") == 1.0
    assert "The first ending reached is mixed" in capsys.readouterr().out
    widget.restart()
    widget.choose("warm")
    widget.choose("ask")  # strong, but later: kept, not scored
    assert len(store.load("ana", "m", "m/talk").value["attempts"]) == 3
    assert score(course, store, "talk") == 1.0
    out = capsys.readouterr().out
    assert "later conversations are kept for learning" in out


def test_branching_scores_the_first_ending_not_the_best() -> None:
    """Strong then weak keeps all the points; weak then strong earns none."""
    endings = {"good": "strong", "bad": "weak"}
    strong_first = {"attempts": [{"path": [], "ending": "good"}, {"path": [], "ending": "bad"}]}
    weak_first = {"attempts": [{"path": [], "ending": "bad"}, {"path": [], "ending": "good"}]}
    assert score_branching(strong_first, endings, 2.0) == 2.0
    assert score_branching(weak_first, endings, 2.0) == 0.0


def test_branching_without_attempts_uses_stored_outcomes() -> None:
    """Does an answer with only `outcomes` (no attempts) score by its first stored outcome?"""
    endings = {"a": "strong", "b": "mixed"}
    assert score_branching({"outcomes": ["mixed", "weak"]}, endings, 2.0) == 1.0
    assert score_branching({"outcomes": ["weak", "mixed"]}, endings, 2.0) == 0.0
    assert score_branching({"attempts": [{"ending": "gone"}]}, endings, 2.0) == 0.0


def test_plain_language(
    course: Course,
    store: ResponseStore,
    capsys: pytest.CaptureFixture[str],
    score: Callable[..., float],
) -> None:
    """All the points once a written draft was checked; a draft never checked earns none."""
    widget = course.activity("plain")
    widget.write("Dear family, the IEP meeting is on Monday.")
    assert score(course, store, "plain") == 0.0
    assert "not checked" in capsys.readouterr().out
    widget.check("Dear family, the IEP meeting will talk about IDEA and accommodations.")
    assert score(course, store, "plain") == 1.0
    assert "(3 terms to explain or replace): 1 of 1 points." in capsys.readouterr().out


def test_contact_planner(
    course: Course,
    store: ResponseStore,
    capsys: pytest.CaptureFixture[str],
    score: Callable[..., float],
) -> None:
    """Points in proportion to the families planned, up to three (the scenario sets no number)."""
    widget = course.activity("plan")
    widget.add_family("A", "english", "phone")
    widget.add_family("B", "spanish", "email", interpreter=True, iep_date="2030-03-02")
    assert score(course, store, "plan") == 1.33  # 2 of 3 -> 2 * 2/3
    assert "2 families planned, 3 asked for: 1.33 of 2 points." in capsys.readouterr().out
    widget.add_family("B", "spanish", "phone")  # an update, not a new family
    assert score(course, store, "plan") == 1.33
    widget.add_family("C", "english", "email")
    widget.add_family("D", "english", "email")
    assert score(course, store, "plan") == 2.0  # more than three earns no more
    widget.remove_family("A")
    widget.remove_family("D")
    assert score(course, store, "plan") == 1.33


def test_action_plan(
    course: Course,
    store: ResponseStore,
    capsys: pytest.CaptureFixture[str],
    score: Callable[..., float],
) -> None:
    """Points in proportion to the fields that hold text (spaces are not text)."""
    widget = course.activity("ap")
    widget.write("step", "Call each family with good news.")
    widget.write("by-when", "Friday")
    widget.write("helpers", "   ")
    widget.write("evidence", "Families call back.")
    assert score(course, store, "ap") == 1.5  # 3 of 4 -> 2 * 3/4
    assert "3 of 4 fields of the plan are written: 1.5 of 2 points." in capsys.readouterr().out
    widget.write("helpers", "Ms. Ortiz, our liaison")
    assert score(course, store, "ap") == 2.0


@pytest.mark.parametrize("answer", [None, {}, "text", {"statements": "x", "fields": [1]}])
def test_malformed_or_missing_answers_score_zero(
    answer: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Does every scorer give 0 with one sentence, and never raise, on odd stored values?"""
    scores = [
        score_ladder(answer, {"a": True}, {"q": ["g"]}, list(RUNGS), 2.0),
        score_starters(answer, {"s": ["e"]}, 2.0),
        score_branching(answer, {"end": "strong"}, 2.0),
        score_plain_language(answer, 1.0),
        score_contact_planner(answer, 2.0),
        score_action_plan(answer, ["step"], 2.0),
    ]
    assert scores == [0.0] * 6
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 6 and all(line.endswith("points.") for line in lines)


def test_contact_planner_minimum_comes_from_the_test_cell(capsys: pytest.CaptureFixture[str]):
    """Is the number of families asked for the one written into the cell?"""
    families = [{"code": c} for c in ("A", "B")]
    assert score_contact_planner({"families": families}, 2.0, min_families=2) == 2.0
    assert score_contact_planner({"families": families}, 3.0, min_families=4) == 1.5
