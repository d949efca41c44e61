"""Do malformed ladder, starters, branching and plain_language files name file, line and field?

Each test writes one small broken file and checks the `file:line: field: problem` the loader
reports. Lines are found by searching the text for a marker, so the tests read like the files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_course.content import ScenarioError
from partnership_course.content.loader import load_all, parse_file
from partnership_course.content.paths import course_root

BRANCHING = """\
schema_version: 1
kind: branching
id: {name}
title: A call
start: hello
nodes:
  - id: hello
    text: Is something wrong?
    choices:
      - id: warm
        text: Nothing is wrong.
        next: times
      - id: cold
        text: The date is set.
        next: told
  - id: times
    text: I work nights.
    choices:
      - id: ask
        text: Which times work?
        next: agreed
endings:
  - id: agreed
    title: Agreed
    outcome: strong
    debrief: You asked first.
  - id: told
    title: Told
    outcome: weak
    debrief: You announced it.
"""

LADDER = """\
schema_version: 1
kind: ladder
id: {name}
title: A ladder
situation: No reply came.
statements:
  - {{id: sent, text: The note went home., observable: true, feedback: A fact.}}
  - {{id: lazy, text: They do not care., observable: false, feedback: A conclusion.}}
rungs:
  - rung: selected_data
    prompt: Which detail
    options: [{{id: s1, text: Silence}}, {{id: s2, text: The note}}]
  - rung: meanings
    prompt: Meaning
    options: [{{id: m1, text: Ignoring}}, {{id: m2, text: Busy}}]
  - rung: assumptions
    prompt: Assumption
    options: [{{id: a1, text: Read it}}, {{id: a2, text: Quick replies}}]
  - rung: conclusions
    prompt: Conclusion
    options: [{{id: c1, text: Not interested}}, {{id: c2, text: Another way}}]
  - rung: beliefs
    prompt: Belief
    options:
      - id: b1
        text: They never engage
        next_time: You notice silences.
      - id: b2
        text: Not found the way yet
        next_time: You look for openings.
  - rung: actions
    prompt: Action
    options: [{{id: x1, text: Stop}}, {{id: x2, text: Call}}]
loop: Beliefs shape the data we select.
climb_down:
  - id: read
    assumption: The note was read.
    questions:
      - id: arrived
        text: Did it reach you
        good: true
        feedback: Tests it.
      - id: why
        text: Why no answer
        feedback: Blames.
"""

STARTERS = """\
schema_version: 1
kind: starters
id: {name}
title: Replies
starters:
  - {{id: sounds, text: It sounds like}}
  - {{id: thanks, text: Thank you for telling me}}
statements:
  - id: bus
    speaker: A parent
    text: The bus left without her.
    replies:
      - id: e
        type: empathy
        text: You were worried.
        feedback: Names the feeling.
      - id: f
        type: fixing
        text: I will call now.
        feedback: Jumps to a fix.
"""

PLAIN = """\
schema_version: 1
kind: plain_language
id: {name}
title: Check
prompt: Paste a draft.
terms:
  - term: IEP
    plain: learning plan
  - term: baseline
    plain: where your child started
    also: [baseline data]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "m" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle`."""
    hits = [n for n, row in enumerate(text.splitlines(), start=1) if needle in row]
    assert len(hits) >= nth, f"{needle!r} not in the test text"
    return hits[nth - 1]


def only_problem(path: Path) -> tuple[int, str, str]:
    with pytest.raises(ScenarioError) as caught:
        parse_file(path)
    problems = caught.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert problem.file == path
    assert str(problem).startswith(f"{path}:{problem.line}: {problem.field}: ")
    return problem.line, problem.field, problem.message


@pytest.mark.parametrize(
    ("template", "kind"),
    [
        (BRANCHING, "branching"),
        (LADDER, "ladder"),
        (STARTERS, "starters"),
        (PLAIN, "plain_language"),
    ],
)
def test_templates_are_valid(scenario_dir: Path, template: str, kind: str) -> None:
    """Is each template valid, so each mutation below tests one rule only?"""
    scenario = parse_file(write(scenario_dir, "ok", template.format(name="ok")))
    assert scenario.kind == kind


# -- branching ----------------------------------------------------------------------------------


def test_branching_dangling_next(scenario_dir: Path) -> None:
    """Does a choice pointing at no node or ending name that choice's `next`?"""
    text = BRANCHING.format(name="b").replace("next: agreed", "next: agred")
    found = only_problem(write(scenario_dir, "b", text))
    assert found == (
        line(text, "next: agred"),
        "nodes[1].choices[0].next",
        "'agred' names no node or ending",
    )


def test_branching_unreachable_node(scenario_dir: Path) -> None:
    """Is a node no path leads to reported at its id?"""
    text = BRANCHING.format(name="b").replace(
        "endings:\n",
        "  - id: orphan\n    text: Nobody gets here.\n    choices:\n"
        "      - {id: go, text: Go, next: agreed}\nendings:\n",
    )
    found = only_problem(write(scenario_dir, "b", text))
    assert found == (
        line(text, "id: orphan"),
        "nodes[2].id",
        "'orphan' cannot be reached from start",
    )


def test_branching_unreachable_ending(scenario_dir: Path) -> None:
    """Is an ending no choice leads to reported at its id?"""
    text = BRANCHING.format(name="b") + (
        "  - id: lost\n    title: Lost\n    outcome: mixed\n    debrief: Never seen.\n"
    )
    found = only_problem(write(scenario_dir, "b", text))
    assert found == (line(text, "id: lost"), "endings[2].id", "'lost' cannot be reached from start")


def test_branching_no_reachable_ending(scenario_dir: Path) -> None:
    """Is a graph whose reachable part never ends reported on `endings`?"""
    text = (
        BRANCHING.format(name="b")
        .replace("next: agreed", "next: hello")
        .replace("next: told", "next: times")
    )
    found = only_problem(write(scenario_dir, "b", text))
    assert found == (
        line(text, "- id: agreed"),  # the endings list starts on its first item
        "endings",
        "no ending can be reached from start 'hello'",
    )


def test_branching_dead_end_loop(scenario_dir: Path) -> None:
    """Is a reachable node from which no path ends (a trap) reported at its id?"""
    text = BRANCHING.format(name="b").replace(
        "        next: agreed\n",
        "        next: agreed\n      - {id: wait, text: Wait, next: stuck}\n"
        "  - id: stuck\n    text: Still waiting.\n    choices:\n"
        "      - {id: again, text: Wait more, next: stuck}\n",
    )
    found = only_problem(write(scenario_dir, "b", text))
    assert found == (
        line(text, "- id: stuck"),
        "nodes[2].id",
        "no path from 'stuck' leads to an ending",
    )


def test_branching_duplicate_node_and_ending_id(scenario_dir: Path) -> None:
    """Are ids unique across nodes and endings (a `next` must name exactly one thing)?"""
    text = BRANCHING.format(name="b").replace("  - id: told", "  - id: times")
    found = only_problem(write(scenario_dir, "b", text))
    assert found == (
        line(text, "  - id: times", nth=2),
        "endings[1].id",
        "duplicate id 'times' (already used by nodes[1].id)",
    )


def test_branching_duplicate_node_id(scenario_dir: Path) -> None:
    """Is a second node with the same id reported at the second one?"""
    text = BRANCHING.format(name="b").replace("  - id: times", "  - id: hello")
    found = only_problem(write(scenario_dir, "b", text))
    assert found[:2] == (line(text, "  - id: hello", nth=2), "nodes[1].id")
    assert found[2].startswith("duplicate id 'hello'")


def test_branching_duplicate_choice_id(scenario_dir: Path) -> None:
    """Are choice ids unique within their node?"""
    text = BRANCHING.format(name="b").replace("id: cold", "id: warm")
    found = only_problem(write(scenario_dir, "b", text))
    assert found == (
        line(text, "id: warm", nth=2),
        "nodes[0].choices[1].id",
        "duplicate choice id 'warm'",
    )


def test_branching_start_names_no_node(scenario_dir: Path) -> None:
    """Is a start that names nothing reported on `start`?"""
    text = BRANCHING.format(name="b").replace("start: hello", "start: agreed")
    found = only_problem(write(scenario_dir, "b", text))
    assert found == (line(text, "start:"), "start", "'agreed' names no node")


def test_branching_bad_outcome_and_unknown_field(scenario_dir: Path) -> None:
    """Do field-level errors (a bad outcome, a misspelt key) point at the field too?"""
    text = BRANCHING.format(name="b").replace("outcome: weak", "outcome: poor")
    text = text.replace("        next: times", "        goto: times")
    with pytest.raises(ScenarioError) as caught:
        parse_file(write(scenario_dir, "b", text))
    found = {(p.line, p.field) for p in caught.value.problems}
    assert (line(text, "outcome: poor"), "endings[1].outcome") in found
    assert (line(text, "goto: times"), "nodes[0].choices[0].goto") in found
    assert (line(text, "- id: warm"), "nodes[0].choices[0].next") in found  # now missing


# -- ladder -------------------------------------------------------------------------------------


def test_ladder_rungs_out_of_order(scenario_dir: Path) -> None:
    """Must the rungs be the six named rungs, in order?"""
    text = (
        LADDER.format(name="l")
        .replace("rung: meanings", "rung: TEMP")
        .replace("rung: assumptions", "rung: meanings")
        .replace("rung: TEMP", "rung: assumptions")
    )
    line_no, field, message = only_problem(write(scenario_dir, "l", text))
    assert (line_no, field) == (line(text, "- rung: selected_data"), "rungs")
    assert "in the order" in message


def test_ladder_unknown_rung(scenario_dir: Path) -> None:
    """Is a misspelt rung name reported on that rung?"""
    text = LADDER.format(name="l").replace("rung: conclusions", "rung: conclusion")
    line_no, field, _message = only_problem(write(scenario_dir, "l", text))
    assert (line_no, field) == (line(text, "rung: conclusion"), "rungs[3].rung")


def test_ladder_belief_needs_next_time(scenario_dir: Path) -> None:
    """Does every belief carry the reflexive loop text?"""
    text = LADDER.format(name="l").replace("        next_time: You look for openings.\n", "")
    found = only_problem(write(scenario_dir, "l", text))
    assert found == (
        line(text, "- id: b2"),
        "rungs[4].options[1].next_time",
        "every belief needs next_time (the reflexive loop)",
    )


def test_ladder_next_time_only_on_beliefs(scenario_dir: Path) -> None:
    """Is next_time on another rung an error (it would never be shown)?"""
    text = LADDER.format(name="l").replace(
        "{id: x1, text: Stop}", "{id: x1, text: Stop, next_time: Never shown.}"
    )
    line_no, field, _message = only_problem(write(scenario_dir, "l", text))
    assert (line_no, field) == (line(text, "Never shown."), "rungs[5].options[0].next_time")


def test_ladder_needs_both_kinds_of_statement(scenario_dir: Path) -> None:
    """Must the statements include at least one that is not observable data?"""
    text = LADDER.format(name="l").replace("observable: false", "observable: true")
    found = only_problem(write(scenario_dir, "l", text))
    assert found[:2] == (line(text, "{id: sent"), "statements")


def test_ladder_climb_down_needs_a_good_question(scenario_dir: Path) -> None:
    """Must each assumption offer at least one good question?"""
    text = LADDER.format(name="l").replace("        good: true\n", "")
    found = only_problem(write(scenario_dir, "l", text))
    assert found == (
        line(text, "- id: arrived"),
        "climb_down[0].questions",
        "at least one needs good: true",
    )


def test_ladder_duplicate_option(scenario_dir: Path) -> None:
    """Are option ids unique on a rung?"""
    text = LADDER.format(name="l").replace("{id: m2, text: Busy}", "{id: m1, text: Busy}")
    found = only_problem(write(scenario_dir, "l", text))
    assert found == (line(text, "text: Busy"), "rungs[1].options[1].id", "duplicate option id 'm1'")


# -- starters -----------------------------------------------------------------------------------


def test_starters_need_an_empathy_reply(scenario_dir: Path) -> None:
    """Must each statement offer at least one empathic reply?"""
    text = STARTERS.format(name="s").replace("type: empathy", "type: sympathy")
    found = only_problem(write(scenario_dir, "s", text))
    assert found == (
        line(text, "- id: e"),
        "statements[0].replies",
        "at least one reply needs type: empathy",
    )


def test_starters_unknown_reply_type(scenario_dir: Path) -> None:
    """Is a reply type outside the four named ones reported on that reply's type?"""
    text = STARTERS.format(name="s").replace("type: fixing", "type: advice")
    line_no, field, _message = only_problem(write(scenario_dir, "s", text))
    assert (line_no, field) == (line(text, "type: advice"), "statements[0].replies[1].type")


def test_starters_duplicate_starter(scenario_dir: Path) -> None:
    """Are starter ids unique?"""
    text = STARTERS.format(name="s").replace("{id: thanks", "{id: sounds")
    found = only_problem(write(scenario_dir, "s", text))
    assert found == (line(text, "Thank you"), "starters[1].id", "duplicate starter id 'sounds'")


# -- plain_language -----------------------------------------------------------------------------


def test_plain_duplicate_term_ignores_case_for_words(scenario_dir: Path) -> None:
    """Is "Baseline" a duplicate of "baseline" (word terms match in any capitals)?"""
    text = PLAIN.format(name="p") + "  - term: Baseline\n    plain: again\n"
    found = only_problem(write(scenario_dir, "p", text))
    assert found == (
        line(text, "term: Baseline"),
        "terms[2].term",
        "'Baseline' is already listed at position 1",
    )


def test_plain_duplicate_through_also(scenario_dir: Path) -> None:
    """Is a spelling listed under `also` of one term and as another term a duplicate?"""
    text = PLAIN.format(name="p") + "  - term: baseline  data\n    plain: again\n"
    line_no, field, _message = only_problem(write(scenario_dir, "p", text))
    assert (line_no, field) == (line(text, "term: baseline  data"), "terms[2].term")


def test_plain_acronym_and_word_may_share_letters(scenario_dir: Path) -> None:
    """May "IDEA" (acronym, exact case) and "idea" (a word) both be listed?"""
    text = PLAIN.format(name="p") + (
        "  - {term: IDEA, plain: the law}\n  - {term: idea, plain: a thought, match_case: false}\n"
    )
    assert len(parse_file(write(scenario_dir, "p", text)).terms) == 4


def test_plain_term_must_be_text(scenario_dir: Path) -> None:
    """Is a missing `plain` reported at its term?"""
    text = PLAIN.format(name="p").replace("    plain: learning plan\n", "")
    line_no, field, message = only_problem(write(scenario_dir, "p", text))
    assert (line_no, field, message) == (
        line(text, "term: IEP"),
        "terms[0].plain",
        "required field is missing",
    )


# -- the course's own files -------------------------------------------------------------------


def test_course_practice_files_load() -> None:
    """Do all nine practice scenario files of the course load without a problem?"""
    root = course_root()
    assert root is not None
    found, problems = load_all(root / "scenarios")
    names = {
        "02-principles/ladder-unanswered-email",
        "02-principles/ladder-missed-meeting",
        "02-principles/ladder-upset-call",
        "02-principles/starters-everyday-worries",
        "02-principles/starters-hard-moments",
        "02-principles/branching-scheduling-iep",
        "02-principles/branching-positive-call",
        "02-principles/plain-language-check",
        "03-continuum/branching-student-led-iep",
    }
    mine = [p for p in problems if any(n in p.file.as_posix() for n in names)]
    assert not mine, "\n".join(str(p) for p in mine)
    assert names <= set(found)
