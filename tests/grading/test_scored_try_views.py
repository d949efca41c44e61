"""Do the coach's and learner's pages show which try was scored, for sorts and conversations?

`answers.answer_view` is what both pages render; the score comes from `content.scoring`, so the
view must put the scored try first and mark later ones as kept for learning.
"""

from __future__ import annotations

import yaml

from partnership_course.content.model import Sort
from partnership_course.content.practice import Branching
from partnership_course.grading.answers import answer_view

TALK = yaml.safe_load(
    """
schema_version: 1
id: talk
title: A call
points: 2
start: hello
nodes:
  - id: hello
    text: Is something wrong?
    choices:
      - {id: warm, text: Nothing is wrong at all., next: agreed}
      - {id: cold, text: The meeting is on the 14th., next: told}
endings:
  - {id: agreed, title: Agreed together, outcome: strong, debrief: You asked first.}
  - {id: told, title: Told, outcome: weak, debrief: You announced a date.}
"""
)

SORT = {
    "schema_version": 1,
    "id": "s",
    "title": "t",
    "points": 2,
    "categories": [{"id": "x", "label": "Ex"}, {"id": "y", "label": "Why"}],
    "items": [
        {"id": "a", "text": "Card A", "category": "x", "feedback": "f"},
        {"id": "b", "text": "Card B", "category": "y", "feedback": "f"},
    ],
}


def test_conversation_marks_the_first_ending_scored() -> None:
    """An abandoned try, a weak ending, then a strong one: only the weak one says scored."""
    talk = Branching.model_validate(TALK)
    answer = {
        "attempts": [
            {"path": [], "ending": None},
            {"path": [{"node": "hello", "choice": "cold"}], "ending": "told"},
            {"path": [{"node": "hello", "choice": "warm"}], "ending": "agreed"},
        ]
    }
    headings = [b.heading for b in answer_view(talk, answer)]
    assert headings == ["Conversation 2 (scored)", "Conversation 3 (not scored)"]
    spanish = [b.heading for b in answer_view(talk, answer, "es")]
    assert spanish == ["Conversación 2 (con puntaje)", "Conversación 3 (sin puntaje)"]


def test_sort_shows_the_first_check_then_the_later_sort() -> None:
    """The scored (first-check) placements come first, the re-sort after, marked not scored."""
    sort = Sort.model_validate(SORT)
    answer = {"placements": {"a": "x", "b": "y"}, "checks": [{"a": "y", "b": "y"}]}
    first, later = answer_view(sort, answer)
    assert first.pairs == [("Ex", "(none)"), ("Why", "Card A; Card B")]
    assert later.heading == "Your later sort (not scored)"
    assert later.pairs == [("Ex", "Card A"), ("Why", "Card B")]
    assert len(answer_view(sort, {"placements": {"a": "x"}, "checked": True})) == 1


def test_a_toolkit_answer_shows_its_documents_never_the_teachers_details() -> None:
    """During autograde the toolkit's cell shows what a coach may read: the documents the
    teacher made, by title and language, in the page's language. The contact details typed
    into them (kept for the teacher only) and the stored JSON never appear."""
    from partnership_course.content import load_all
    from partnership_course.grading.display import GradedAnswer

    library, _problems = load_all()
    activity = next(name for name, s in library.items() if s.kind == "toolkit")
    secret = "Ms. Private, 555-0100"
    answer = {
        "details": {"name": secret, "phone": secret},
        "documents": ["survey", "glossary"],
        "languages": {"survey": "es"},
        "paper": "letter",
        "made": ["survey", "glossary"],
    }
    shown = GradedAnswer(activity, answer, lang="en")
    page, text = shown._repr_html_(), repr(shown)
    for output in (page, text):
        assert secret not in output and '"details"' not in output and "555-0100" not in output
    assert "Documents made" in text and "(Español)" in text and "(English)" in text
    nothing = GradedAnswer(activity, {**answer, "made": []}, lang="es")
    assert "Todavía no se ha hecho ningún documento." in repr(nothing)
    assert secret not in repr(nothing) and secret not in nothing._repr_html_()
