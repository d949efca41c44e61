"""The coaches' gradebook in PostgreSQL, as on a hub with several coaches (nbgrader's FAQ: not
SQLite when several people grade at once): release, inject, parallel autograde merged into
PostgreSQL, a coach's manual grade, feedback and the report, all against one gradebook URL.

The answers come from a response store in PostgreSQL too, and every score must equal the same
grading on a SQLite gradebook (which tests/grading/test_roundtrip.py holds equal to plain
sequential nbgrader)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from support.demo import demo_answers, make_demo_course

from partnership_course.grading.nbg import GRADEBOOK_ENV

pytestmark = pytest.mark.kernel

M = "m1"
LEARNERS = [f"pg-learner-{i}" for i in range(4)]
COURSE_ID = "family-partnership"


@pytest.fixture(scope="module")
def graded(tmp_path_factory, postgres, rubric, request):
    from nbgrader.api import Gradebook

    from partnership_course.cli import main
    from partnership_course.grading.nbg import generate_release
    from partnership_course.grading.source import build_source
    from partnership_course.store import open_store

    root = tmp_path_factory.mktemp("pg-course")
    paths = make_demo_course(root, (M,))
    course_dir = paths["course"]
    gradebook = postgres.new_database("gradebook_roundtrip")
    store_url = postgres.new_database("store_roundtrip")
    mp = pytest.MonkeyPatch()
    request.addfinalizer(mp.undo)  # undone even when the set-up below fails
    mp.setenv("PARTNERSHIP_COURSE_SCENARIOS", str(paths["scenarios"]))
    # `--db` sets the variable for the rest of the process, as a command should; empty means
    # unset to nbgrader's settings, and `undo` restores what was there before
    mp.setenv(GRADEBOOK_ENV, "")
    shutil.copy(Path(__file__).resolve().parents[2] / "grader" / "course.yaml", course_dir)
    build_source(paths["modules"], course_dir, [M], rubric, paths["scenarios"])
    with mp.context() as release_env:  # a hub's formgrader gets the URL from its environment
        release_env.setenv(GRADEBOOK_ENV, gradebook)
        assert generate_release(course_dir, [M]) == {M: []}

    store = open_store(store_url)
    for number, learner in enumerate(LEARNERS):
        for activity, (kind, value) in demo_answers(number, M).items():
            store.save(learner, M, activity, kind, value)
    common = ["--course-dir", str(course_dir), "--db", gradebook]
    inject = ["grade", "inject", *common, "--responses", store_url, "--modules", M]
    assert main(inject) == 0
    sequential = root / "sequential"
    shutil.copytree(course_dir, sequential)
    mp.setenv(GRADEBOOK_ENV, "")  # the same grading on the folder's own SQLite gradebook
    assert generate_release(sequential, [M]) == {M: []}
    assert main(["grade", "--course-dir", str(sequential), "--workers", "2", "--quiet"]) == 0
    assert main(["grade", *common, "--workers", "2", "--quiet"]) == 0

    with Gradebook(gradebook, COURSE_ID) as gb:
        # the coach scores each criterion of the reflection (one task cell per criterion)
        notebook = gb.find_submission_notebook(M, M, LEARNERS[0])
        criteria = [g for g in notebook.grades if g.name.startswith("reflect--")]
        assert criteria
        for grade in criteria:
            grade.manual_score = 1
            grade.needs_manual_grade = False
        gb.find_comment("reflect--answer", M, M, LEARNERS[0]).manual_comment = "Well <b>done</b>"
        gb.db.commit()
    assert main(["grade", "feedback", *common, "--nbgrader-feedback"]) == 0
    assert main(["report", *common, "--quiet"]) == 0
    yield {"course": course_dir, "gradebook": gradebook, "sequential": sequential}
    mp.undo()


def test_autograde_into_postgresql_equals_sqlite(graded) -> None:
    from partnership_course.grading.parallel import snapshot

    ours = snapshot(graded["gradebook"], COURSE_ID)
    theirs = snapshot(f"sqlite:///{graded['sequential'] / 'gradebook.db'}", COURSE_ID)

    def auto_only(rows):
        return [
            (*row[:6], row[8]) if row[0] == "grade" else row[:6] if row[0] == "comment" else row
            for row in rows
        ]

    assert auto_only(ours) == auto_only(theirs)
    assert sorted(r[2] for r in ours if r[0] == "submission") == LEARNERS
    assert not (graded["course"] / "gradebook.db").exists()  # nothing went to SQLite


def test_gradebook_lives_in_postgresql(graded) -> None:
    engine = sa.create_engine(graded["gradebook"])
    try:
        with engine.connect() as conn:
            assert conn.dialect.name == "postgresql"
            submissions = conn.execute(sa.text("SELECT count(*) FROM submitted_assignment"))
            assert submissions.scalar() == len(LEARNERS)
    finally:
        engine.dispose()


def test_manual_grade_feedback_and_report_from_postgresql(graded) -> None:
    frame = pd.read_csv(graded["course"] / "reports" / "report.csv")
    status = {(r.learner, r.activity): r.status for r in frame.itertuples()}
    assert status[(LEARNERS[0], "reflect")] == "graded"
    assert {r.learner for r in frame.itertuples()} == set(LEARNERS)
    feedback = graded["course"] / "feedback" / LEARNERS[0] / M / f"{M}.html"
    page = feedback.read_text(encoding="utf-8")
    assert "Well &lt;b&gt;done&lt;/b&gt;" in page and "Well <b>done</b>" not in page
