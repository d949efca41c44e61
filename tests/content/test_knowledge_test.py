"""The knowledge pre/post test: ten items asked before module 01 and after module 03, the rule
that keeps the two copies the same test, the gain from first answers, and what the learner sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partnership_course.content.knowledge_test import cohort_items, learner_items, pairs
from partnership_course.content.loader import load_all
from partnership_course.content.paths import modules_dir, scenarios_dir
from partnership_course.knowledge_view import course_test, learner_view
from partnership_course.notebooks import activity_refs, module_notebooks
from partnership_course.store import open_store
from partnership_course.validate import collect_problems

SCENARIOS, _ = load_all()
TEST = pairs(SCENARIOS)


def keyed(pair) -> str:
    return next(o.id for o in pair.scenario.options if o.correct)


def unkeyed(pair) -> str:
    return next(o.id for o in pair.scenario.options if not o.correct)


def test_the_course_has_ten_items_before_and_after():
    """Ten items, each before in module 01 and after in module 03, worth no points, with
    feedback on every option, and the after copy asked in another order?"""
    assert len(TEST) == 10
    for pair in TEST:
        assert pair.before.startswith("01-dual-capacity/")
        assert pair.after.startswith("03-continuum/")
        before, after = SCENARIOS[pair.before], SCENARIOS[pair.after]
        assert before.points == after.points == 0
        assert all(o.feedback for o in before.options) and len(before.options) == 4
    asked = [r.scenario_id for nb in module_notebooks(modules_dir()) for r in activity_refs(nb)[1]]
    before = [SCENARIOS[a].knowledge_test.item for a in asked if "/before-" in a]
    after = [SCENARIOS[a].knowledge_test.item for a in asked if "/after-" in a]
    assert sorted(before) == sorted(after) == sorted(p.item for p in TEST)
    assert before != after  # shuffled


@pytest.fixture
def library(tmp_path: Path) -> Path:
    copy = tmp_path / "scenarios"
    shutil.copytree(scenarios_dir(), copy)
    return copy


def test_validate_refuses_copies_that_drift_apart(library: Path, tmp_path: Path):
    """Does `validate` name the after copy whose key moved, and an item with no twin?"""
    modules = tmp_path / "no-modules"
    modules.mkdir()
    after = library / "03-continuum" / "after-time.yaml"
    text = after.read_text()
    after.write_text(
        text.replace("    correct: true\n", "", 1).replace(
            "  - id: staff-date\n", "  - id: staff-date\n    correct: true\n", 1
        )
    )
    (library / "03-continuum" / "after-equity.yaml").unlink()
    messages = [str(p) for p in collect_problems(library, modules)[2]]
    assert any("after-time.yaml" in m and "options" in m and "before-time" in m for m in messages)
    assert any("before-equity.yaml" in m and "no after copy of 'equity'" in m for m in messages)


def test_gain_counts_first_answers_of_the_same_learners():
    """Is a later right try ignored, and a learner who skipped one copy left out of that item?"""
    first, second = TEST[0], TEST[1]
    ana = {
        first.before: {"choice": keyed(first), "attempts": [unkeyed(first), keyed(first)]},
        first.after: {"choice": keyed(first), "attempts": [keyed(first)]},
        second.before: {"choice": keyed(second), "attempts": [keyed(second)]},
    }
    ben = {
        first.before: {"choice": keyed(first), "attempts": [keyed(first)]},
        first.after: {"choice": unkeyed(first), "attempts": [unkeyed(first)]},
    }
    results = learner_items(TEST, ana)
    assert (results[0].before, results[0].after) == (False, True)
    assert (results[1].before, results[1].after) == (True, None)
    items = cohort_items(TEST, [ana, ben])
    assert (items[0].paired, items[0].right_before, items[0].right_after) == (2, 1, 1)
    assert items[0].gain == 0.0 and items[0].before_pct == 50.0
    assert items[1].paired == 0 and items[1].gain is None


def test_learner_sees_both_side_by_side(tmp_path: Path):
    """Does the learner's view give the totals as a chart with its table, each question with
    both results, in Spanish too?"""
    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    pair = course_test("en")[0]
    store.save(
        "ana",
        "01-dual-capacity",
        pair.before,
        "choice",
        {"choice": keyed(pair), "attempts": [unkeyed(pair), keyed(pair)]},
    )
    store.save(
        "ana",
        "03-continuum",
        pair.after,
        "choice",
        {"choice": keyed(pair), "attempts": [keyed(pair)]},
    )
    shown = learner_view(store, "ana", "en")
    assert (shown.right_before, shown.right_after, shown.items) == (0, 1, 10)
    assert "<svg" in shown.html and 'id="knowledge-gain-table"' in shown.html
    assert "Each question, before and after" in shown.html
    assert "9 question(s) were not answered both times" in shown.html
    spanish = learner_view(store, "ana", "es").html
    assert "Cada pregunta, antes y después" in spanish and "acertada" in spanish


def test_coach_report_shows_gain_per_question(tmp_path: Path):
    """Does the report's section chart before and after per question with the gain in its
    table, for the cohort's learners only (someone else in the store is left out)?"""
    import pandas as pd

    from partnership_course.grading.report import COLUMNS, report_html
    from partnership_course.knowledge_view import cohort_context

    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    pair = course_test("en")[0]
    for who, before, after in (
        ("ana", unkeyed(pair), keyed(pair)),
        ("ben", keyed(pair), keyed(pair)),
        ("zoe", unkeyed(pair), unkeyed(pair)),
    ):
        store.save(who, "01-dual-capacity", pair.before, "choice", {"attempts": [before]})
        store.save(who, "03-continuum", pair.after, "choice", {"attempts": [after]})
    knowledge = cohort_context(store, "en", ["ana", "ben"])
    assert knowledge["paired"] == 2
    before_row, after_row = knowledge["rows"][:2]
    assert (before_row["value"], after_row["value"]) == (50.0, 100.0)
    assert after_row["extra"] == [2, "+50"]
    page = report_html(pd.DataFrame([], columns=COLUMNS), lang="en", knowledge=knowledge)
    assert "Knowledge test: before and after" in page and 'id="knowledge-table"' in page
    assert "<td>+50</td>" in page
    empty = report_html(pd.DataFrame([], columns=COLUMNS), lang="es", knowledge=None)
    assert "Todavía ningún participante ha respondido la prueba" in empty


def test_the_notebook_panel_redraws_after_a_late_answer(tmp_path: Path):
    """Does `course.knowledge_gain()` show the comparison, and pick up an answer saved after the
    page opened when the learner asks for it again?"""
    from partnership_course.course import Course

    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    pair = course_test("en")[0]
    store.save("ana", "01-dual-capacity", pair.before, "choice", {"attempts": [keyed(pair)]})
    from ipywidgets.widgets.widget import _instances

    before = set(_instances)
    panel = Course("03-continuum", learner="ana", store=store, lang="en").knowledge_gain()
    assert (panel.shown.right_before, panel.shown.right_after) == (1, 0)
    assert panel.label == "Show my comparison again"
    chart = panel.view["parts"][0]["chart"]  # the chart macro's figures as data, not markup
    assert [bar["shown"] for bar in chart["bars"]] == ["1", "0"]
    assert panel.view["parts"][0]["table"]["rows"][0][1:] == ["1"]
    assert len(set(_instances) - before) == 1  # one model: the chart, its table, the button
    store.save("ana", "03-continuum", pair.after, "choice", {"attempts": [keyed(pair)]})
    panel._handle_custom_msg({"event": "redraw"}, [])  # what the page's button sends
    assert panel.shown.right_after == 1


def test_facilitator_view_shows_the_rooms_gain(tmp_path: Path):
    """Does the facilitator view's live part chart the room's gain per question from the
    room's answers, and leave the section out until someone answered both times?"""
    from partnership_course.knowledge_view import responses_context
    from partnership_course.workshop import pages
    from partnership_course.workshop.outline import outline

    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    pair = course_test("en")[0]
    store.save("p1", "01-dual-capacity", pair.before, "choice", {"attempts": [unkeyed(pair)]})
    store.save("p1", "03-continuum", pair.after, "choice", {"attempts": [keyed(pair)]})
    answers = store.query()
    knowledge = responses_context(answers, "en")
    page = pages.dashboard_fragment(outline(), [], {}, [], "en", knowledge=knowledge)
    assert 'id="knowledge"' in page and 'id="room-knowledge-table"' in page
    assert "<td>+100</td>" in page
    alone = responses_context(answers[:1], "en")
    assert 'id="knowledge"' not in pages.dashboard_fragment(outline(), [], {}, [], knowledge=alone)
