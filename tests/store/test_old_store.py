"""Do answers saved by the widgets of a37b194 (before revisions and anywidgets) come back?

`fixtures/store-a37b194.db` was written by that version (`make_old_store.py`), one answer of every
kind, with the scenario files of that version beside it so content edits never move this test.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from partnership_course.content.kinds import KINDS
from partnership_course.course import Course
from partnership_course.store import ResponseStore

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LEARNER = "old-ana"
NEWER = {"toolkit"}  # kinds added after a37b194: no old answer of theirs can exist
OLD_KINDS = sorted(set(KINDS) - NEWER)


@pytest.fixture
def old_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ResponseStore:
    """A copy of the old store (opening it adds the history table; the original stays as is)."""
    shutil.copy(FIXTURES / "store-a37b194.db", tmp_path / "old.db")
    monkeypatch.setenv("PARTNERSHIP_COURSE_SCENARIOS", str(FIXTURES / "scenarios"))
    return ResponseStore(f"sqlite:///{tmp_path / 'old.db'}")


def test_the_fixture_holds_every_kind(old_store: ResponseStore) -> None:
    """Is there an old answer of every kind the table knows?"""
    assert {r.kind for r in old_store.query(learner=LEARNER)} == set(OLD_KINDS)


@pytest.mark.parametrize("kind", OLD_KINDS)
def test_old_answer_restores_unchanged(kind: str, old_store: ResponseStore) -> None:
    """Does today's widget show the old answer and report exactly the old state?"""
    saved = next(r for r in old_store.query(learner=LEARNER) if r.kind == kind)
    name = saved.activity.split("/", 1)[1]
    course = Course(saved.module, learner=LEARNER, store=old_store, lang="en")
    widget = course.activity(name)
    assert widget.state() == saved.value
    assert widget.revision == saved.revision


def old_widget(kind: str, old_store: ResponseStore) -> tuple[dict, Any]:
    saved = next(r for r in old_store.query(learner=LEARNER) if r.kind == kind)
    course = Course(saved.module, learner=LEARNER, store=old_store, lang="en")
    return saved.value, course.activity(saved.activity.split("/", 1)[1])


def test_old_sort_reaches_the_anywidget_page(old_store: ResponseStore) -> None:
    """Does a sort saved by the stock-ipywidgets widget show on the anywidget page: every card
    in its saved category, and the check's feedback?"""
    value, widget = old_widget("sort", old_store)
    assert value["checked"] is True and value["placements"]
    assert widget.response == {"placements": value["placements"], "checked": True}
    feedback = widget.feedback
    assert feedback["score"] == value["score"] and feedback["total"] == value["total"]
    assert len(feedback["notes"]) == value["total"] - value["score"]


def test_old_conversation_reaches_the_anywidget_page(old_store: ResponseStore) -> None:
    """Does a conversation saved by the stock-ipywidgets widget show on the anywidget page: the
    path taken, where it stands, and the ending's outcome?"""
    value, widget = old_widget("branching", old_store)
    attempt = value["attempts"][-1]
    assert attempt["path"]
    assert widget.response["path"] == attempt["path"]
    assert widget.response["ending"] == value["ending"]
    assert widget.response["node"] == (None if value["ending"] else value["position"])
    if value["ending"]:
        outcome = widget.scenario.ending(value["ending"]).outcome
        assert widget.feedback["outcome"] == outcome


def test_old_ladder_reaches_the_anywidget_page(old_store: ResponseStore) -> None:
    """Does a ladder saved by the stock-ipywidgets widget show on the anywidget page: every
    mark, rung and question, with the feedback on each?"""
    value, widget = old_widget("ladder", old_store)
    assert value["marks"] and value["climbed"] is True and value["asks"]
    assert widget.response == {
        "marks": value["marks"],
        "climb": value["climb"],
        "asks": value["asks"],
        "climbed": True,
        "explanation": "",  # saved before the learner wrote an explanation of their own
        "explained": False,
    }
    assert set(widget.feedback["marks"]) == set(value["marks"])
    assert set(widget.feedback["asks"]) == set(value["asks"])
    assert len(widget.feedback["summary"]) == len(value["climb"])
    assert widget.feedback["loop"]["next_time"]


@pytest.fixture
def planner_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ResponseStore:
    """A copy of the plans saved by the last stock-ipywidgets planner (`make_planner_store.py`)."""
    shutil.copy(FIXTURES / "store-c5cd69f-planner.db", tmp_path / "planner.db")
    monkeypatch.setenv("PARTNERSHIP_COURSE_SCENARIOS", str(FIXTURES / "scenarios"))
    return ResponseStore(f"sqlite:///{tmp_path / 'planner.db'}")


@pytest.mark.parametrize("which", ["a37b194", "c5cd69f"])
def test_old_plan_reaches_the_anywidget_page(
    which: str, old_store: ResponseStore, planner_store: ResponseStore
) -> None:
    """Does a plan saved by the stock-ipywidgets planner show on the anywidget page: every
    family, the rhythm (a changed one too), the plan and its download, and save on unchanged?"""
    store = old_store if which == "a37b194" else planner_store
    value, widget = old_widget("contact_planner", store)
    assert len(value["families"]) >= 2
    assert widget.state() == value
    assert widget.response["families"] == value["families"]
    for key in ("per_week", "weeks", "start"):
        assert widget.response[key] == value[key]
    rows = widget.feedback["plan"]["rows"]
    assert {row[2] for row in rows} == {f["code"] for f in value["families"]}
    assert widget.feedback["download"]["filename"] == "contact-plan.csv"
    before = widget.revision
    widget.set_rhythm(per_week=value["per_week"] + 1)  # the next save is based on it: accepted
    assert widget.revision == before + 1
    saved = store.load(LEARNER, "03-continuum", "03-continuum/weekly-contacts").value
    assert saved["families"] == value["families"] and saved["per_week"] == value["per_week"] + 1


def test_old_sort_and_conversation_score_what_they_hold(old_store: ResponseStore) -> None:
    """Saved before first-try scoring (no `checks`; attempts without an ending), do they score
    sensibly: the sort its placements as its page showed them, the unfinished talk nothing?"""
    from partnership_course.content import scoring

    value, widget = old_widget("sort", old_store)
    key = scoring.sort_key(widget.scenario)["key"]
    score = scoring.score_sort(value, key, 10.0)
    assert score.done == value["score"] and score.counts["later"] is False
    value, widget = old_widget("branching", old_store)
    endings = scoring.branching_key(widget.scenario)["endings"]
    assert scoring.score_branching(value, endings, 2.0).counts["first"] is None


@pytest.fixture
def tries_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ResponseStore:
    """Answers saved just before first-try scoring (`make_first_try_store.py`, ab11b31)."""
    shutil.copy(FIXTURES / "store-ab11b31-tries.db", tmp_path / "tries.db")
    monkeypatch.setenv("PARTNERSHIP_COURSE_SCENARIOS", str(FIXTURES / "scenarios"))
    return ResponseStore(f"sqlite:///{tmp_path / 'tries.db'}")


def test_answers_from_before_first_try_scoring_restore_and_score(
    tries_store: ResponseStore,
) -> None:
    """A sort checked twice, a conversation with a weak then a strong ending, a ladder with no
    explanation: each restores unchanged, and today's rules score what the answer can show
    (the sort kept no first check, so its placements; the conversation its first ending)."""
    from partnership_course.content import scoring

    saved = {r.kind: r for r in tries_store.query(learner="tries-ana")}
    assert set(saved) == {"sort", "branching", "ladder"}
    widgets = {}
    for kind, row in saved.items():
        course = Course(row.module, learner="tries-ana", store=tries_store, lang="en")
        widgets[kind] = course.activity(row.activity.split("/", 1)[1])
        assert widgets[kind].state() == row.value, kind
    sort = saved["sort"].value
    assert "checks" not in sort and sort["score"] == sort["total"]
    key = scoring.sort_key(widgets["sort"].scenario)["key"]
    assert scoring.score_sort(sort, key, 2.0).earned == 2.0
    talk = saved["branching"].value
    endings = scoring.branching_key(widgets["branching"].scenario)["endings"]
    assert [endings[a["ending"]] for a in talk["attempts"]] == ["weak", "strong"]
    assert talk["best"] == "strong"  # what the old rule scored
    scored = scoring.score_branching(talk, endings, 2.0)
    assert scored.earned == 0.0 and scored.counts["best"] == "strong"
    ladder = widgets["ladder"]
    assert "explanation" not in saved["ladder"].value
    assert ladder.response["explained"] is False and ladder.climbed
