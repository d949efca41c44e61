"""The scoring functions the autograder test cells call."""

from __future__ import annotations

from partnership_course.grading.checks import (
    check_reflection,
    find_phrase,
    score_choice,
    score_sort,
)


def test_choice(capsys):
    """Does a keyed option earn all points and anything else none?"""
    assert score_choice({"choice": "b"}, ["b"], 2.0) == 2.0
    assert score_choice({"choice": "a"}, ["b"], 2.0) == 0.0
    assert score_choice(None, ["b"], 2.0) == 0.0
    assert score_choice({"choice": None}, ["b"], 2.0) == 0.0
    assert "No answer" in capsys.readouterr().out


def test_sort_partial_credit():
    """Are sort points proportional to matched cards, rounded to 0.01?"""
    key = {"a": "x", "b": "y", "c": "x"}
    assert score_sort({"placements": {"a": "x", "b": "y", "c": "x"}}, key, 2.0) == 2.0
    assert score_sort({"placements": {"a": "x", "b": "x"}}, key, 2.0) == 0.67
    assert score_sort({"placements": {}}, key, 2.0) == 0.0
    assert score_sort(None, key, 2.0) == 0.0


def test_reflection_checks(capsys):
    """Are the machine-checkable criteria all-or-nothing and is empty text 'missing'?"""
    text = {"text": "I'll call the family tomorrow; trust comes first."}
    assert check_reflection(text, "answered", label="A", check="answered", points=1) == 1.0
    assert check_reflection(text, "len", label="L", check="length", points=1, min_words=5) == 1.0
    assert check_reflection(text, "len", label="L", check="length", points=1, min_words=50) == 0
    assert (
        check_reflection(text, "p", label="P", check="phrases", points=0.3, phrases=["trust"])
        == 0.3
    )
    assert check_reflection({"text": "  \n"}, "a", label="A", check="answered", points=1) == 0
    assert "missing" in capsys.readouterr().out


def test_phrases_match_whole_words_any_case():
    """Does 'trust' match 'Trust,' but not 'distrustful'; do curly apostrophes match?"""
    assert find_phrase("Trust, first.", ["trust"]) == "trust"
    assert find_phrase("a distrustful tone", ["trust"]) is None
    assert find_phrase("I\u2019ll call", ["I'll"]) == "I'll"
    assert find_phrase("Voy a llamar mañana", ["mañana"]) == "mañana"
