"""Certificates: who gets one, and what it says."""

from __future__ import annotations

from datetime import date

import pandas as pd
from support.html import parse, texts

from partnership_course.grading.certificate import (
    CourseInfo,
    certificate_html,
    completed_learners,
    write_certificates,
)

INFO = CourseInfo(
    "Partnering <with> families", "Coach team", {"m1": ("One", 1.5), "m2": ("Two", 2.0)}
)


def _frame():
    rows = []
    for learner, statuses in {
        "done": ["graded", "answered", "graded", "graded"],
        "waiting": ["graded", "to grade", "graded", "graded"],
        "gap": ["graded", "missing", "graded", "graded"],
        "half": ["graded", "graded", "not submitted", "not submitted"],
    }.items():
        for i, status in enumerate(statuses):
            rows.append(
                dict(
                    learner=learner,
                    module="m1" if i < 2 else "m2",
                    activity=f"a{i}",
                    status=status,
                    score=1.0,
                    max_score=2.0,
                )
            )
    return pd.DataFrame(rows)


def test_only_learners_who_finished_every_module():
    """Do waiting reflections, missing answers and missing modules each block a certificate?"""
    assert completed_learners(_frame(), ["m1", "m2"]) == ["done"]
    assert completed_learners(_frame(), ["m1", "m2"], min_score_pct=60) == []


def test_certificate_lists_learner_modules_hours_date_escaped():
    """Does the page show name, modules, total hours and date, all escaped?"""
    page = certificate_html("Zoë <b>O'Neil</b> 李", INFO, date(2026, 11, 30))
    assert texts(page, ".pc-name") == ["Zoë <b>O'Neil</b> 李"]
    assert parse(page).find("b") is None
    assert texts(page, "em") == ["Partnering <with> families"]
    assert "3.5" in page and "2026-11-30" in page


def test_pdf_written_next_to_the_html(tmp_path):
    """Is the PDF of the same page written next to the HTML, for exactly those who finished?"""
    written = write_certificates(_frame(), INFO, tmp_path, date(2026, 11, 30), {"done": "Zoë 李"})
    assert sorted(p.name for p in written) == ["done.html", "done.pdf"]
    assert (tmp_path / "done.pdf").read_bytes().startswith(b"%PDF")
