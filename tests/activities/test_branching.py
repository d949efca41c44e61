"""Branching conversation: choose a path, reach an ending, start again; every attempt is kept."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.answers import stored
from support.library import activities_of_kind, course_scenarios

from partnership_course.content.practice import Branching
from partnership_course.course import Course
from partnership_course.store import ResponseStore

GRAPH = """\
schema_version: 1
kind: branching
id: talk
title: A call
start: hello
nodes:
  - id: hello
    speaker: Parent
    text: Is something wrong?
    choices:
      - {id: warm, text: Nothing is wrong <b>at all</b>., next: times, feedback: Good start.}
      - {id: cold, text: The meeting is on the 14th., next: told}
  - id: times
    text: I work nights.
    choices:
      - {id: ask, text: "What times work for you?", next: agreed}
      - {id: back, text: Let me start over., next: hello}
endings:
  - {id: agreed, title: Agreed together, outcome: strong, debrief: You asked first.}
  - {id: told, title: Told, outcome: weak, debrief: You announced a date.}
"""


SCENARIOS = {"talk": GRAPH}  # written by the shared `course` fixture


def test_choose_walks_to_an_ending(course: Course, store: ResponseStore) -> None:
    """Does each choice move on, add to the path the page shows and end with the outcome?"""
    widget = course.activity("talk")
    assert widget.response["node"] == "hello" and widget.response["path"] == []
    assert widget.choose("warm") == "times"
    assert widget.feedback == {"text": "Good start."}
    assert widget.response["path"] == [{"node": "hello", "choice": "warm"}]
    assert widget.response["node"] == "times" and widget.response["ending"] is None
    assert stored(store, "talk")["position"] == "times"
    assert widget.choose("ask") == "agreed"
    assert widget.response["node"] is None and widget.response["ending"] == "agreed"
    assert widget.feedback == {"outcome": "strong", "outcome_label": "A strong outcome"}
    value = stored(store, "talk")
    assert value["attempts"] == [
        {
            "path": [{"node": "hello", "choice": "warm"}, {"node": "times", "choice": "ask"}],
            "ending": "agreed",
        }
    ]
    assert value["ending"] == "agreed"
    assert value["best"] == "strong"
    with pytest.raises(ValueError, match="ended"):
        widget.choose("warm")


def test_the_page_gets_no_map_of_the_conversation(course: Course) -> None:
    """Does the browser get the texts but not where a choice leads, its feedback or an
    ending's outcome (only the outcome of the ending reached, once reached)?"""
    widget = course.activity("talk")
    for node in widget.content["nodes"]:
        for choice in node["choices"]:
            assert set(choice) == {"id", "text"}, choice
    assert all("outcome" not in e for e in widget.content["endings"])
    assert "Good start." not in str(widget.get_state())
    # learner-facing text stays text: the front end draws it with text nodes
    assert widget.content["nodes"][0]["choices"][0]["text"] == "Nothing is wrong <b>at all</b>."


def test_restart_keeps_every_attempt(course: Course, store: ResponseStore) -> None:
    """Does Start again open a new attempt while the old paths stay in the store?"""
    widget = course.activity("talk")
    widget.choose("cold")
    widget._handle_custom_msg({"event": "restart"}, [])  # the page's Start again
    widget.restart()  # a second restart on an empty attempt adds nothing
    assert widget.response["node"] == "hello"
    assert widget.response["attempt"] == 2 and widget.response["earlier"] == ["told"]
    widget.choose("warm")
    widget.choose("back")
    widget.choose("warm")
    widget.choose("ask")
    value = stored(store, "talk")
    assert [a["ending"] for a in value["attempts"]] == ["told", "agreed"]
    assert len(value["attempts"][1]["path"]) == 4
    assert value["outcomes"] == ["weak", "strong"]
    assert value["best"] == "strong"


def test_choices_are_checked(course: Course, store: ResponseStore) -> None:
    """Is a choice from another node an error, not a silent jump (a plain sentence on the
    page)?"""
    widget = course.activity("talk")
    with pytest.raises(ValueError, match="not a choice"):
        widget.choose("ask")
    widget._handle_custom_msg({"event": "choose", "choice_id": "ask"}, [])
    assert widget.status["alert"] is True
    assert store.load("ana", "m", "m/talk") is None


def test_continue_event_path(course: Course, store: ResponseStore) -> None:
    """Does the page's Continue (the front end's message) choose, as choose() does?"""
    widget = course.activity("talk")
    widget._handle_custom_msg({"event": "choose", "choice_id": "warm"}, [])
    assert stored(store, "talk")["position"] == "times"
    assert widget.response["node"] == "times"


def test_rebuild_restores_mid_conversation(course: Course, store: ResponseStore) -> None:
    """Does a reopened notebook continue where the learner was, with earlier attempts?"""
    widget = course.activity("talk")
    widget.choose("cold")
    widget.restart()
    widget.choose("warm")
    before = store.load("ana", "m", "m/talk")
    again = course.activity("talk")
    assert again.state() == widget.state()
    assert again.position == "times"
    assert again.response == widget.response
    assert again.response["earlier"] == ["told"]
    assert again.choose("ask") == "agreed"
    after = store.load("ana", "m", "m/talk")
    assert before is not None and after is not None
    assert after.revision == before.revision + 1  # only the new choice wrote


def test_restore_survives_changed_content(course: Course, store: ResponseStore) -> None:
    """If a stored path no longer fits the graph, does replay stop where it stops fitting?"""
    store.save(
        "ana",
        "m",
        "m/talk",
        "branching",
        {
            "attempts": [
                {
                    "path": [
                        {"node": "hello", "choice": "warm"},
                        {"node": "times", "choice": "gone"},
                    ],
                    "ending": None,
                }
            ]
        },
    )
    widget = course.activity("talk")
    assert widget.position == "times"
    assert widget.attempts == [{"path": [{"node": "hello", "choice": "warm"}], "ending": None}]
    assert widget.response["path"] == [{"node": "hello", "choice": "warm"}]


def test_labels_in_english_and_spanish(course: Course, make_course: Callable[..., Course]) -> None:
    """Do the radio group and both buttons carry labels, in both languages?"""
    english = course.activity("talk").labels
    assert english["response"] == "Your response"
    assert english["continue"] == "Continue" and english["restart"] == "Start again"
    spanish = make_course(module="m", lang="es").activity("talk").labels
    assert spanish["continue"] == "Continuar" and spanish["restart"] == "Empezar de nuevo"
    assert spanish["choose_first"] == "Primero elija una respuesta."
    assert "first conversation you take to an ending is the one scored" in english["first_counts"]
    assert spanish["first_counts"].startswith("Se puntúa la primera conversación")


def _paths_to_endings(scenario: Branching) -> dict[str, list[str]]:
    """Shortest list of choice ids from start to each ending (breadth first)."""
    found: dict[str, list[str]] = {}
    queue: list[tuple[str, list[str]]] = [(scenario.start, [])]
    seen = {scenario.start}
    while queue:
        here, path = queue.pop(0)
        node = scenario.node(here)
        if node is None:
            found.setdefault(here, path)
            continue
        for choice in node.choices:
            if choice.next not in seen:
                seen.add(choice.next)
                queue.append((choice.next, [*path, choice.id]))
    return found


@pytest.mark.parametrize("activity", activities_of_kind("branching"))
def test_course_conversations_reach_every_ending(
    activity: str,
    monkeypatch: pytest.MonkeyPatch,
    make_course: Callable[..., Course],
    store: ResponseStore,
) -> None:
    """Can every ending of each course conversation be reached through the widget?"""
    monkeypatch.setenv("PARTNERSHIP_COURSE_SCENARIOS", str(course_scenarios()))
    module, name = activity.split("/")
    widget = make_course(module=module).activity(name)
    paths = _paths_to_endings(widget.scenario)
    assert set(paths) == {e.id for e in widget.scenario.endings}
    assert {e.outcome for e in widget.scenario.endings} == {"strong", "mixed", "weak"}
    for ending, path in paths.items():
        for choice in path:
            widget.choose(choice)
        assert widget.ending == ending
        widget.restart()
    value = store.load("ana", module, activity).value
    assert sorted(a["ending"] for a in value["attempts"] if a["ending"]) == sorted(paths)
