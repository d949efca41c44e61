"""The shipped anchor answers: every graded reflection has a strong and an adequate one in every
course language, and a strong anchor earns every automatic point of the rubric in its own
language's phrases (an anchor that the autograder marks down would teach coaches the wrong
level)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from partnership_course.content.loader import load_all
from partnership_course.grading.anchors import anchor_problems, graded_reflections, load_anchors
from partnership_course.grading.checks import find_phrase
from partnership_course.grading.rubric import parse_rubric
from partnership_course.i18n import SUPPORTED
from partnership_course.words import word_count

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = [lang for lang in SUPPORTED if lang != "en"]
SCENARIOS, _ = load_all()
GRADED = graded_reflections(SCENARIOS)


def own_rubric(lang: str):
    """The rubric with only `lang`'s own phrases (load_rubric merges every language's)."""
    path = REPO / "grader" / "rubric.yaml"
    if lang != "en":
        path = REPO / "translations" / lang / "grader" / "rubric.yaml"
    return parse_rubric(yaml.safe_load(path.read_text(encoding="utf-8")), path, lang)


def test_every_graded_reflection_has_anchors_in_every_language():
    """Does each of the course's graded reflections have anchors in English and Spanish, and
    no anchor file belongs to anything else?"""
    assert len(GRADED) == 6
    problems, missing = anchor_problems(SCENARIOS, REPO / "grader", LANGUAGES)
    assert problems == [] and missing == []
    for activity in GRADED:
        for lang in ["en", *LANGUAGES]:
            anchors = load_anchors(activity, lang, REPO / "grader")
            assert anchors is not None and anchors.lang == lang, (activity, lang)
            assert anchors.strong.strip() != anchors.adequate.strip()


@pytest.mark.parametrize("lang", ["en", *LANGUAGES])
@pytest.mark.parametrize("activity", GRADED)
def test_strong_anchor_earns_every_automatic_point(activity, lang):
    """Is a strong anchor long enough and does it name a next step and a principle in its own
    language's phrases; is the adequate one at least long enough to show thinking?"""
    scenario = SCENARIOS[activity]
    anchors = load_anchors(activity, lang, REPO / "grader")
    for criterion in own_rubric(lang).for_reflection(scenario.points, scenario.min_words or 0):
        if criterion.check == "length":
            assert word_count(anchors.strong) >= criterion.min_words, criterion.id
            assert word_count(anchors.adequate) >= criterion.min_words, criterion.id
        elif criterion.check == "phrases":
            assert find_phrase(anchors.strong, criterion.phrases), (criterion.id, anchors.strong)
