"""`partnership-course lti audit --csv`: an administrator opens it in a spreadsheet, so a user
id or an LMS error message that starts like a formula must arrive as text."""

from __future__ import annotations

import argparse
import csv
import io

import pytest

from partnership_course.lti.commands import _print_audit
from partnership_course.lti.records import Records


def test_the_audit_csv_never_hands_a_spreadsheet_a_formula(
    isolated_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    records = Records(isolated_store)
    for user, detail in [("=cmd|'/c calc'!A1", "-1 retries left"), ("lti-ana", "auto score")]:
        records.record_post(
            user=user,
            course="c1",
            module="01-dual-capacity",
            lineitem="https://lms.example/li/1",
            score_given=2.0,
            score_maximum=4.0,
            activity_progress="Completed",
            grading_progress="FullyGraded",
            state_hash="h" * 64,
            status="posted",
            attempts=1,
            detail=detail,
        )
    args = argparse.Namespace(responses=isolated_store, course=None, user=None, csv=True)
    assert _print_audit(args) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["user"], r["detail"]) for r in rows] == [
        ("'=cmd|'/c calc'!A1", "'-1 retries left"),
        ("lti-ana", "auto score"),
    ]
    assert [r["score_given"] for r in rows] == ["2.0", "2.0"]
