"""The keyed-is-longest lint: measured on small libraries built here, and on the real course."""

from __future__ import annotations

from partnership_course.content.cues import course_items, summary, too_often_longest
from partnership_course.content.model import Choice
from partnership_course.content.practice import Branching, Starters
from partnership_course.validate import collect_problems


def choice(n: int, keyed: str, other: str) -> Choice:
    return Choice.model_validate(
        {
            "schema_version": 1,
            "id": f"c{n}",
            "title": "t",
            "question": "q",
            "options": [
                {"id": "a", "text": keyed, "correct": True, "feedback": "f"},
                {"id": "b", "text": other, "feedback": "f"},
                {"id": "c", "text": "mid length option", "feedback": "f"},
            ],
        }
    )


def test_keyed_longest_in_most_items_is_refused() -> None:
    library = {f"c{n}": choice(n, "a long and careful keyed answer", "short") for n in range(3)}
    items = course_items(library)  # type: ignore[arg-type]
    assert summary(items)["choice"] == (3, 3)
    (message,) = too_often_longest(items)
    assert "3 of 3 choice items" in message and "c0:question" in message


def test_a_third_is_allowed_and_ties_count_as_longest() -> None:
    library = {
        "c0": choice(0, "a long and careful keyed answer", "short"),
        "c1": choice(1, "short", "a long and careful distractor"),
        "c2": choice(2, "mid length option", "short"),  # ties with option c: still a cue
    }
    items = course_items(library)  # type: ignore[arg-type]
    assert summary(items)["choice"] == (2, 3)
    assert too_often_longest(items)
    library["c2"] = choice(2, "tiny", "a long and careful distractor")
    assert too_often_longest(course_items(library)) == []  # type: ignore[arg-type]


def test_starters_key_the_empathy_reply() -> None:
    starters = Starters.model_validate(
        {
            "schema_version": 1,
            "id": "s",
            "title": "t",
            "starters": [{"id": "a", "text": "It sounds"}, {"id": "b", "text": "I hear"}],
            "statements": [
                {
                    "id": "st",
                    "speaker": "P",
                    "text": "x",
                    "replies": [
                        {
                            "id": "e",
                            "text": "a short empathic reply",
                            "type": "empathy",
                            "feedback": "f",
                        },
                        {
                            "id": "f",
                            "text": "a much longer reply that fixes it",
                            "type": "fixing",
                            "feedback": "f",
                        },
                    ],
                }
            ],
        }
    )
    assert summary(course_items({"s": starters}))["starters"] == (0, 1)  # type: ignore[dict-item]


def test_branching_strong_choice_is_the_shortest_way_to_the_best_ending() -> None:
    graph = Branching.model_validate(
        {
            "schema_version": 1,
            "id": "b",
            "title": "t",
            "start": "n1",
            "nodes": [
                {
                    "id": "n1",
                    "text": "x",
                    "choices": [
                        {"id": "good", "text": "brief", "next": "win"},
                        {"id": "detour", "text": "a long way round to a repair", "next": "n2"},
                        {"id": "bad", "text": "no", "next": "lose"},
                    ],
                },
                {"id": "n2", "text": "y", "choices": [{"id": "fix", "text": "ok", "next": "win"}]},
            ],
            "endings": [
                {"id": "win", "title": "w", "debrief": "d", "outcome": "strong"},
                {"id": "lose", "title": "l", "debrief": "d", "outcome": "weak"},
            ],
        }
    )
    items = course_items({"b": graph})  # type: ignore[dict-item]
    # the repair also reaches the strong ending, but one step later; one-choice nodes do not count
    assert [(i.item, i.keyed_longest) for i in items] == [("n1", False)]


def test_the_course_passes_the_rule(tmp_path) -> None:
    from partnership_course.content.paths import modules_dir, scenarios_dir

    _, _, problems = collect_problems(scenarios_dir(), modules_dir())
    assert [p for p in problems if "longest" in p.message] == []
