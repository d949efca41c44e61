"""Scoring in one place: do the widgets' numbers and the grader's points come from the same
functions, and does a scored knowledge check score the first answer?"""

from __future__ import annotations

from partnership_course.content import scoring
from partnership_course.grading import checks


def test_first_choice_is_scored_later_tries_kept(capsys) -> None:
    """Wrong first, right second: 0 points, and the sentence says the later try is kept."""
    answer = {"choice": "b", "attempts": ["a", "b"]}
    assert scoring.scored_choice(answer) == "a"
    assert checks.score_choice(answer, ["b"], 2.0) == 0.0
    out = capsys.readouterr().out
    assert "(a)" in out and "first answer" in out and "(b)" in out
    assert checks.score_choice({"choice": "a", "attempts": ["b", "a"]}, ["b"], 2.0) == 2.0


def test_answers_saved_before_attempts_score_their_choice() -> None:
    """An answer with no attempts list (older versions) scores its `choice`."""
    assert scoring.scored_choice({"choice": "b"}) == "b"
    assert scoring.scored_choice({"choice": None, "attempts": []}) is None
    assert scoring.score_choice({"attempts": [3, None]}, ["b"], 1.0).saved is False


def test_sort_widget_and_grader_agree() -> None:
    """Does the model's count match the grader's points on the same placements?"""
    from partnership_course.content.model import Sort

    sort = Sort.model_validate(
        {
            "schema_version": 1,
            "id": "s",
            "title": "t",
            "categories": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}],
            "items": [
                {"id": "a", "text": "A", "category": "x", "feedback": "f"},
                {"id": "b", "text": "B", "category": "y", "feedback": "f"},
                {"id": "c", "text": "C", "category": "x", "feedback": "f"},
            ],
        }
    )
    placements = {"a": "x", "b": "x", "c": "x"}
    key = scoring.sort_key(sort)["key"]
    assert sort.score(placements) == 2
    assert scoring.score_sort({"placements": placements}, key, 3.0).earned == 2.0
    assert checks.score_sort({"placements": placements}, key, 3.0) == 2.0


def test_scores_never_raise_on_odd_shapes() -> None:
    """Hand-edited or half-written answers score 0 rather than crash the autograder."""
    odd = [None, [], "text", {"placements": "x"}, {"statements": ["a"]}, {"families": "x"}]
    for answer in odd:
        assert scoring.score_sort(answer, {"a": "x"}, 1.0).earned == 0.0
        assert scoring.score_starters(answer, {"s": ["r"]}, 1.0).earned == 0.0
        assert scoring.score_contact_planner(answer, 1.0).earned == 0.0
        assert scoring.score_action_plan(answer, ["goal"], 1.0).earned == 0.0
        assert scoring.score_ladder(answer, {"s": True}, {"a": ["q"]}, ["r"], 1.0).earned == 0.0
        assert scoring.score_branching(answer, {"e": "strong"}, 1.0).earned == 0.0


def test_a_card_right_in_two_categories_matches_in_either() -> None:
    """A card with `also` matches the key in any of its categories, in the model, the
    widgets' count and the grader alike; elsewhere it does not."""
    from partnership_course.content.model import Sort

    sort = Sort.model_validate(
        {
            "schema_version": 1,
            "id": "s",
            "title": "t",
            "categories": [{"id": c, "label": c.upper()} for c in ("x", "y", "z")],
            "items": [
                {"id": "a", "text": "A", "category": "x", "also": ["y"], "feedback": "f"},
                {"id": "b", "text": "B", "category": "z", "feedback": "f"},
            ],
        }
    )
    key = scoring.sort_key(sort)["key"]
    assert key == {"a": ["x", "y"], "b": "z"}  # a one-category card keeps the old shape
    for placed, matched in (("x", 2), ("y", 2), ("z", 1)):
        placements = {"a": placed, "b": "z"}
        assert sort.score(placements) == matched
        assert checks.score_sort({"placements": placements}, key, 2.0) == matched
