"""Counting words, once: the count a learner sees under a reflection and the count the grader's
length criterion checks must never disagree. Pure Python, safe in autograding kernels."""

from __future__ import annotations


def word_count(text: str) -> int:
    """Words as a reader would count them (runs of non-space characters)."""
    return len(text.split())
