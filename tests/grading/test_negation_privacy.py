"""Rubric phrase matching that reads negation, and the privacy flag (issue 10).

"She didn't call" must not earn the next-step point that "call" earns; a reflection that names a
student or family by name is flagged for the coach (a point only if the rubric has a `privacy`
criterion).
"""

from __future__ import annotations

import pytest

from partnership_course.grading.checks import check_reflection, find_phrase, possible_names

NEXT = ["I will", "I'll", "call", "llamar", "voy a", "tomorrow", "mañana"]
PRINCIPLE = ["respect*", "respet*", "trust*", "confianza", "empath*", "empatia"]


@pytest.mark.parametrize(
    "text",
    [
        "She didn't call.",
        "She did not call back",
        "I never call home on Fridays.",
        "I will not call her",
        "I won't call again",
        "Nobody called and I didnt call either",  # an apostrophe left out
        "No la voy a llamar.",
        "Nunca la llamé.",
        "No quiero llamar sin saber más.",
        "Ella no llamó.",
    ],
)
def test_a_negated_next_step_earns_nothing(text: str) -> None:
    assert find_phrase(text, NEXT) is None, text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("She didn't call, but I will call tomorrow.", "I will"),
        ("I did not call. Tomorrow I'll call her.", "I'll"),  # a new sentence starts afresh
        ("Voy a llamar a la madre.", "llamar"),
        ("No contestó, pero mañana voy a llamar.", "llamar"),
        ("Not only respect but trust.", "respect*"),  # "not only" does not negate
        ("No solo respeto: también confianza.", "respet*"),
        ("I was not sure at first, and now I respect her view.", "respect*"),  # far away
    ],
)
def test_a_phrase_outside_a_negation_still_counts(text: str, found: str) -> None:
    assert find_phrase(text, [*NEXT, *PRINCIPLE]) == found


def test_negation_is_read_in_the_grader_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    """The check cell's sentence says no phrase was found for a negated one."""
    answer = {"text": "She doesn't trust us and I didn't call."}
    got = check_reflection(
        answer, "principle", label="Principle", check="phrases", points=1, phrases=PRINCIPLE
    )
    assert got == 0.0 and "none of the phrases" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Yesterday her son Marco cried at pickup.", ["Marco"]),
        ("I met Mrs. Rivera and la Sra. Díaz on Monday.", ["Rivera", "Díaz"]),
        ("Sra. Díaz told me. Then I called.", ["Díaz"]),  # a title even at a sentence start
        ("Ayer hablé con Lucía y con su abuela Carmen.", ["Lucía", "Carmen"]),
        ("When Keanu's mother called, we talked.", ["Keanu"]),
    ],
)
def test_capitalised_names_are_flagged(text: str, names: list[str]) -> None:
    assert possible_names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "The mother called on Monday. She speaks Spanish and Vietnamese at home.",
        "I used the Ladder of Inference, and Trust grew. I will call in January.",
        "El lunes llamé a la familia. Hablamos en español sobre la Confianza.",
        "I WILL CALL. IEP meetings start at 3.",
        "",
    ],
)
def test_ordinary_capitals_are_not_names(text: str) -> None:
    assert possible_names(text) == []


def test_privacy_costs_a_point_only_as_a_rubric_criterion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A `check: privacy` criterion scores the flag, and its sentence names what it found."""
    named = {"text": "Today I called her dad, Omar, to plan the meeting."}
    assert check_reflection(named, "privacy", label="P", check="privacy", points=1) == 0.0
    assert "Omar" in capsys.readouterr().out
    unnamed = {"text": "Today I called her dad to plan the meeting."}
    assert check_reflection(unnamed, "privacy", label="P", check="privacy", points=1) == 1.0
