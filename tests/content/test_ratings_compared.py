"""The ten-principle self-ratings from the start and the end of module 02, side by side: what the
learner sees (one chart with its table, English and Spanish), the cohort's means in the coach's
report and the room's in the facilitator view, and the notebook cell that shows it."""

from __future__ import annotations

import json

from partnership_course import ratings_view
from partnership_course.content import load_scenario
from partnership_course.content.paths import modules_dir
from partnership_course.knowledge_view import cohort_context, responses_context

MODULE = ratings_view.MODULE


def rate(store, who: str, before: dict[str, int] | None, after: dict[str, int] | None) -> None:
    if before is not None:
        store.save(who, MODULE, ratings_view.BEFORE, "self_assessment", {"ratings": before})
    if after is not None:
        store.save(who, MODULE, ratings_view.AFTER, "self_assessment", {"ratings": after})


def test_both_activities_rate_the_same_ten_principles_on_the_same_scale():
    """The comparison pairs items by id: do the two activities share items and scale?"""
    before, after = load_scenario(ratings_view.BEFORE), load_scenario(ratings_view.AFTER)
    assert [i.id for i in before.items] == [i.id for i in after.items]
    assert len(before.items) == 10
    assert [lv.value for lv in before.scale] == [lv.value for lv in after.scale]


def test_learner_sees_both_ratings_of_each_principle_with_the_change(store):
    """Two bars per principle (start, end), the meaning and the change in the chart's table,
    unrated principles said so, and nothing from another learner."""
    rate(store, "ana", {"communication": 2, "empathy": 4}, {"communication": 3, "empathy": 2})
    rate(store, "ben", {"respect": 1}, {"respect": 4})
    shown = ratings_view.learner_view(store, "ana", "en")
    assert shown.before == {"communication": 2, "empathy": 4}
    assert shown.after == {"communication": 3, "empathy": 2}
    html = shown.html
    assert html.count('<svg role="img"') == 1 and 'id="ratings-compared-table"' in html
    assert "(the same figures are in the table below)</title>" in html
    assert (
        '<tr><th scope="row">Communication: at the end of Module 2</th><td class="num">3</td>'
        "<td>Usually</td><td>+1</td></tr>"
    ) in html
    assert (
        '<tr><th scope="row">Empathy: at the end of Module 2</th><td class="num">2</td>'
        "<td>Sometimes</td><td>-2</td></tr>"
    ) in html
    assert (
        '<tr><th scope="row">Respect: at the start of Module 2</th><td class="num">-</td>'
        "<td>not rated</td>"
    ) in html
    assert "8 principle(s) were not rated both times" in html
    assert html.count('<tr><th scope="row">') == 20


def test_the_comparison_speaks_spanish(store):
    rate(store, "ana", {"goodwill": 1}, {"goodwill": 3})
    html = ratings_view.learner_view(store, "ana", "es").html
    assert "Mis calificaciones de los diez principios" in html
    assert (
        '<th scope="row">Suponer buena voluntad: al final del Módulo 2</th><td class="num">3</td>'
        "<td>Casi siempre</td><td>+2</td>"
    ) in html
    assert "Principio y momento" in html and "not rated" not in html


def test_cohort_means_count_only_people_who_rated_a_principle_both_times(store):
    """Means per principle over the cohort's learners who rated it twice: someone outside the
    cohort, and someone who rated only once, change nothing."""
    rate(store, "ana", {"time": 2}, {"time": 4})
    rate(store, "ben", {"time": 3}, {"time": 3})
    rate(store, "cy", {"time": 1}, None)  # rated once: left out
    rate(store, "zoe", {"time": 1}, {"time": 1})  # not in the cohort
    ratings = cohort_context(store, "en", ["ana", "ben", "cy"])["ratings"]
    assert ratings["paired"] == 2 and ratings["maximum"] == 4
    rows = {r["label"]: r for r in ratings["rows"]}
    start, end = rows["Time: at the start of Module 2"], rows["Time: at the end of Module 2"]
    assert (start["value"], end["value"]) == (2.5, 3.5)
    assert end["extra"] == [2, "+1"]
    assert rows["Equity: at the end of Module 2"]["value"] is None


def test_report_shows_the_cohorts_ratings_and_says_when_there_are_none(store):
    import pandas as pd

    from partnership_course.grading.report import COLUMNS, report_html

    empty_frame = pd.DataFrame([], columns=COLUMNS)
    rate(store, "ana", {"curiosity": 2}, {"curiosity": 3})
    page = report_html(empty_frame, lang="en", knowledge=cohort_context(store, "en"))
    assert "Self-ratings on the ten principles: before and after Module 2" in page
    assert 'id="ratings-table"' in page
    assert '<th scope="row">Curiosity: at the end of Module 2</th><td class="num">3</td>' in page
    nobody = report_html(empty_frame, lang="es", knowledge=cohort_context(store, "es", []))
    assert "Todavía ningún participante ha calificado los diez principios" in nobody


def test_facilitator_view_shows_the_rooms_ratings_once_someone_rated_twice(store):
    from partnership_course.workshop import pages
    from partnership_course.workshop.outline import outline

    rate(store, "p1", {"equity": 1}, None)
    alone = pages.dashboard_fragment(
        outline(), [], {}, [], knowledge=responses_context(store.query(), "en")
    )
    assert 'id="ratings"' not in alone
    rate(store, "p1", None, {"equity": 3})
    page = pages.dashboard_fragment(
        outline(), [], {}, [], "en", knowledge=responses_context(store.query(), "en")
    )
    assert 'id="ratings"' in page and 'id="room-ratings-table"' in page
    assert "<td>+2</td>" in page


def test_the_notebook_cell_shows_the_comparison_and_redraws(store):
    """The cell after the second rating calls `course.ratings_compared()`; does its panel pick
    up a rating saved after the page opened?"""
    from partnership_course.course import Course

    notebook = modules_dir() / "02-principles" / "04-opportunity-and-curiosity.ipynb"
    sources = ["".join(c["source"]) for c in json.loads(notebook.read_text())["cells"]]
    at = sources.index('course.activity("rate-ten-principles-again")')
    assert sources[at + 2] == "course.ratings_compared()"
    rate(store, "ana", {"flexibility": 2}, None)
    panel = Course(MODULE, learner="ana", store=store, lang="en").ratings_compared()
    rows = panel.view["parts"][0]["table"]["rows"]  # the chart's table, as data
    assert panel.shown.after == {} and any(row[1] == "2" for row in rows), rows
    rate(store, "ana", None, {"flexibility": 4})
    panel._handle_custom_msg({"event": "redraw"}, [])  # what the page's button sends
    assert panel.shown.after == {"flexibility": 4}
    rows = panel.view["parts"][0]["table"]["rows"]
    assert any(row[1] == "4" and row[-1] == "+2" for row in rows), rows


def test_a_course_without_module_02_gets_no_ratings_section(monkeypatch, tmp_path):
    """A district's course of other modules: the report and the facilitator view leave the
    ratings section out instead of failing on the missing scenario."""
    from partnership_course import ratings_view

    (tmp_path / "01-dual-capacity").mkdir()
    monkeypatch.setenv("PARTNERSHIP_COURSE_SCENARIOS", str(tmp_path))
    assert ratings_view.responses_context([], "en") == {"rows": [], "paired": 0, "maximum": 0}
