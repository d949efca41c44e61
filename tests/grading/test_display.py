"""What an activity cell shows during autograde (`grading.display.GradedAnswer`): the answer in
words, in the page's language, escaped, and something readable even when the scenario is gone."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from partnership_course.content import load_all
from partnership_course.content.model import plain, text_in
from partnership_course.grading.display import GradedAnswer
from partnership_course.grading.learner_feedback import scenario_in

LIBRARY, _problems = load_all()


def a_choice() -> tuple[str, Any]:
    name = next(n for n, s in sorted(LIBRARY.items()) if s.kind == "choice")
    return name, LIBRARY[name]


def test_a_choice_is_shown_by_its_words_not_its_id() -> None:
    """Does the coach read the option's text (the store keeps only its id) and the activity's
    title, in the cell's language?"""
    name, scenario = a_choice()
    option = scenario.options[-1]
    for lang in ("en", "es"):
        here = scenario_in(name, lang)  # the translated file, as the grading page reads it
        words = plain(text_in(next(o for o in here.options if o.id == option.id).text, lang))
        shown = GradedAnswer(name, {"choice": option.id, "attempts": [option.id]}, lang)
        page = BeautifulSoup(shown._repr_html_(), "html.parser").get_text(" ")
        assert plain(text_in(here.title, lang)) in page
        assert words in page and words in repr(shown)
    assert plain(text_in(scenario_in(name, "es").title, "es")) != plain(
        text_in(scenario.title, "en")
    )


def test_nothing_saved_says_so_in_the_cells_language() -> None:
    name, _scenario = a_choice()
    assert "No answer was saved" in repr(GradedAnswer(name, None, "en"))
    assert "No se guardó ninguna respuesta" in repr(GradedAnswer(name, None, "es"))


def test_an_answer_whose_scenario_is_gone_still_shows_the_learners_text_escaped() -> None:
    """Content removed since the answer was saved: is the learner's own text still shown
    (markup as text, never as HTML), under the activity's id?"""
    hostile = "<script>alert('x')</script> & más"
    shown = GradedAnswer("gone/removed", {"text": hostile}, "en")
    html = shown._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert BeautifulSoup(html, "html.parser").find(string=lambda s: hostile in s) is not None
    assert repr(shown) == f"gone/removed: {hostile}"
