"""Answers written into submissions as Python literals must come back byte for byte."""

from __future__ import annotations

import pytest

from partnership_course.grading.literal import answer_source, python_literal, read_answer

TRICKY = [
    "",
    "plain",
    'quotes " and \' and """ and \\ backslashes \\n not a newline',
    "<script>alert('x')</script>",
    "line one\nline two\r\nwindows\rmac\n\n",
    "tabs\tand\x00nul\x7fdel\x1b[31mansi",
    "Hola, ¿qué tal? 你好 مرحبا emoji 👩‍👧‍👦 \u200f rtl mark",
    "separators \u2028 \u2029 \x85 bom \ufeff",
    "lone surrogate \ud800 here",
    "word " * 500,
    "x" * 300,
]


@pytest.mark.parametrize("text", TRICKY, ids=range(len(TRICKY)))
def test_text_round_trips(text):
    """Does every tricky text survive `answer_source` -> `read_answer` unchanged?"""
    value = {"text": text, "words": len(text.split())}
    source = answer_source("why", value)
    assert read_answer(source) == ("why", value)
    source.encode("utf-8")  # always writable to a notebook file


def test_megabyte_text_round_trips():
    """Does a 1 MB reflection survive exactly, and stay readable (short lines)?"""
    text = ('Una línea con <b>marcado</b> y "comillas". ' * 25 + "\n") * 1000
    assert len(text) > 1_000_000
    source = answer_source("big", {"text": text})
    assert read_answer(source) == ("big", {"text": text})
    assert max(len(line) for line in source.splitlines()) < 120


def test_nested_values_round_trip():
    """Do sort placements, attempts, numbers, booleans and None survive?"""
    value = {
        "placements": {"i1": "a", "i2": "b"},
        "attempts": ["a", "b"],
        "score": 2,
        "ratio": 0.5,
        "checked": True,
        "note": None,
        "empty": {},
        "none": [],
    }
    assert read_answer(answer_source("s", value)) == ("s", value)


def test_non_finite_numbers_are_refused():
    """Is a value that cannot be a literal refused rather than silently changed?"""
    with pytest.raises(ValueError, match="literal"):
        python_literal(float("nan"))


def test_read_answer_ignores_other_code():
    """Is a cell that is not an answered activity call read as no answer?"""
    assert read_answer('course.activity("x")') is None
    assert read_answer("import os") is None
    assert read_answer("not python (") is None
