"""The cohort report's numbers (`grading.report.summarize`), on a gradebook frame small enough
to work out by hand: before, they were only reached through a real gradebook (slow paths)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from partnership_course.grading.report import summarize


def row(learner: str, activity: str, status: str, score: float, max_score: float) -> dict:
    return dict(
        learner=learner,
        module="m1",
        notebook="m1.ipynb",
        activity=activity,
        status=status,
        score=score,
        max_score=max_score,
    )


@pytest.fixture
def frame() -> pd.DataFrame:
    """ana finished (3 of 5 points); ben has a reflection to grade and one answer missing;
    cy never submitted."""
    return pd.DataFrame(
        [
            row("ana", "a1", "graded", 2, 2),
            row("ana", "a2", "graded", 1, 3),
            row("ben", "a1", "to grade", 0, 2),
            row("ben", "a2", "missing", 0, 3),
            row("cy", "a1", "not submitted", 0, 2),
            row("cy", "a2", "not submitted", 0, 3),
        ]
    )


def test_who_started_and_what_waits(frame: pd.DataFrame) -> None:
    """Are the learners counted, the one who never submitted named, and the answers to grade
    and the missing ones listed by learner and activity?"""
    s = summarize(frame)
    assert s.learners == 3 and s.not_started == ["cy"]
    assert s.to_grade.values.tolist() == [["ben", "m1", "a1"]]
    assert s.missing.values.tolist() == [["ben", "m1", "a2"]]


def test_module_figures(frame: pd.DataFrame) -> None:
    """Is only a learner with nothing missing or waiting complete, and is the mean score the
    mean of the submitted learners' shares (3/5 and 0/5), not of everyone's?"""
    (module,) = summarize(frame).modules.to_dict("records")
    assert module == dict(
        module="m1",
        learners=3,
        submitted=2,
        completed=1,
        to_grade=1,
        missing=1,
        mean_score_pct=30.0,
    )


def test_activity_figures(frame: pd.DataFrame) -> None:
    """Per activity: submitted, answered (missing is not), waiting, mean score of submitted."""
    rows = {r["activity"]: r for r in summarize(frame).activities.to_dict("records")}
    assert rows["a1"] == dict(
        module="m1",
        activity="a1",
        submitted=2,
        answered=2,
        to_grade=1,
        mean_score=1.0,
        max_score=2.0,
    )
    assert rows["a2"] == dict(
        module="m1",
        activity="a2",
        submitted=2,
        answered=1,
        to_grade=0,
        mean_score=0.5,
        max_score=3.0,
    )


def test_nobody_submitted_has_no_mean(frame: pd.DataFrame) -> None:
    """With no submission the module has no mean score (NaN, shown as none), not 0 %."""
    (module,) = summarize(frame[frame["learner"] == "cy"]).modules.to_dict("records")
    assert module["submitted"] == 0 and module["completed"] == 0
    assert math.isnan(module["mean_score_pct"])


def test_the_csv_never_hands_a_spreadsheet_a_formula(frame: pd.DataFrame, tmp_path) -> None:
    """Does a learner id a spreadsheet would run (`=HYPERLINK(...)`, `@SUM`, `-2+3`) reach
    report.csv whole behind an apostrophe, while numbers and ordinary ids stay as they are?"""
    import csv

    from partnership_course.grading.report import write_report

    hostile = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "-2+3"]
    frame = frame.copy()
    frame.loc[[0, 1, 2], "learner"] = hostile
    csv_path, _html = write_report(frame, tmp_path)
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["learner"] for r in rows[:3]] == ["'" + h for h in hostile]
    assert [r["learner"] for r in rows[3:]] == ["ben", "cy", "cy"]
    assert [r["score"] for r in rows[:2]] == ["2", "1"]
    assert frame["learner"].tolist()[:3] == hostile  # the caller's frame is not changed
