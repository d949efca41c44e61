"""After the coach's grading: `grade` posts what nbgrader's gradebook says, manual scores included.

Real nbgrader over module 01 (release, inject from the store, autograde), run through the
`partnership-course grade` command with an LTI registration set, as a coach runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from lms import SCOPES, Platform
from ltitools import MODULE, REPO, answer_module_01, write_registration

from partnership_course.lti.passback import passback
from partnership_course.lti.records import Launch, Records, now
from partnership_course.lti.settings import load_settings
from partnership_course.store import ResponseStore


def _grade(course: Path, store: str, lti: Path, *step: str) -> str:
    env = {**os.environ, "PARTNERSHIP_COURSE_LTI": str(lti), "PARTNERSHIP_COURSE_STORE": store}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "partnership_course.cli",
            "grade",
            *step,
            "--course-dir",
            str(course),
            "--modules",
            MODULE,
            "--responses",
            store,
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.kernel
def test_grade_posts_the_gradebook_score_and_then_the_coachs_manual_scores(
    platform: Platform, tmp_path: Path, store: ResponseStore
) -> None:
    from nbgrader.api import Gradebook

    from partnership_course.content.paths import modules_dir
    from partnership_course.grading.nbg import db_url, generate_release, write_config
    from partnership_course.grading.rubric import load_rubric
    from partnership_course.grading.source import build_source

    course = tmp_path / "grader"
    write_config(course)
    (built,) = build_source(
        modules_dir(), course, [MODULE], load_rubric(REPO / "grader" / "rubric.yaml")
    )
    assert generate_release(course, [MODULE]) == {MODULE: []}
    lti = write_registration(tmp_path, platform, "http://127.0.0.1:1", course)
    settings = load_settings(lti)
    platform.tool_jwks = settings.jwks()
    learner = platform.people["learner"]
    Records(store).save_launch(
        Launch(
            user="teacher-7",
            course="family-partnership",
            issuer=platform.issuer,
            client_id=platform.client_id,
            deployment_id=platform.deployment_id,
            subject=learner.sub,
            context=platform.context_id,
            lineitems_url=platform.lineitems_url(),
            scopes=SCOPES,
            coach=False,
            launched_at=now(),
        )
    )
    expected = answer_module_01(store, "teacher-7")

    # completion: the automatic score, posted before any grading
    assert len(passback(settings, store, modules=[MODULE]).posted) == 1
    assert platform.scores_for(learner.sub)[-1]["body"]["scoreGiven"] == pytest.approx(expected)

    # nbgrader's autograde gives the same points, so `grade` has nothing new to post
    out = _grade(course, store.url, lti, "all")
    assert "LMS passback" not in out
    assert len(platform.scores_for(learner.sub)) == 1

    # the coach scores every reflection in formgrader (written to the gradebook as its API
    # does: the manual score, and the grade no longer waiting for a grader)
    manual = 0.0
    with Gradebook(db_url(course), "family-partnership") as gb:
        for activity in built.activities:
            for gid in activity.manual_ids:  # one task cell per coach criterion
                grade = gb.find_grade(gid, activity.notebook, MODULE, "teacher-7")
                grade.manual_score = grade.max_score / 2
                grade.needs_manual_grade = False
                manual += grade.max_score / 2
        gb.db.commit()
    out = _grade(course, store.url, lti, "passback")
    assert "1 posted" in out
    body = platform.scores_for(learner.sub)[-1]["body"]
    assert body["scoreGiven"] == pytest.approx(expected + manual)
    assert (body["activityProgress"], body["gradingProgress"]) == ("Completed", "FullyGraded")
    again = passback(
        settings, store, modules=[MODULE], gradebook=(db_url(course), "family-partnership")
    )
    assert (len(again.posted), again.unchanged) == (0, 1)
    assert len(platform.scores_for(learner.sub)) == 2
    details = [row["detail"] for row in Records(store).audit(user="teacher-7")]
    assert details == ["automatic score", "gradebook score"]
