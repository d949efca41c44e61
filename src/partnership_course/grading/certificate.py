"""Completion certificates for learners who completed every module in the gradebook.

A module counts as completed when the learner's submission is in the gradebook, every activity
has an answer, and no reflection is still waiting for the coach (optionally, with at least
`min_score_pct` of the points). What a certificate says, and its HTML and PDF, are the document
in `documents/certificate.py`; this module decides who gets one and writes the files.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from ..documents.certificate import CourseInfo, certificate_html, certificate_pdf, load_course_info
from .checks import resolve_lang

__all__ = [
    "CourseInfo",
    "certificate_html",
    "certificate_pdf",
    "completed_learners",
    "learner_names",
    "load_course_info",
    "safe_filename",
    "write_certificates",
]


def completed_learners(frame: Any, modules: list[str], min_score_pct: float = 0.0) -> list[str]:
    """Learners who completed every one of `modules` (see module docstring)."""
    done = []
    for learner, rows in frame.groupby("learner", sort=True):
        ok = True
        for module in modules:
            mine = rows[rows["module"] == module]
            if not len(mine) or mine["status"].isin(["not submitted", "missing", "to grade"]).any():
                ok = False
                break
            maximum = float(mine["max_score"].fillna(0).sum())
            if maximum and float(mine["score"].sum()) / maximum * 100 < min_score_pct:
                ok = False
                break
        if ok:
            done.append(str(learner))
    return done


def safe_filename(learner: str) -> str:
    """A file name for a learner id."""
    return re.sub(r"[^A-Za-z0-9._@+-]", "_", learner) or "learner"


def write_certificates(
    frame: Any,
    info: CourseInfo,
    out_dir: Path,
    when: date | None = None,
    names: dict[str, str] | None = None,
    min_score_pct: float = 0.0,
    pdf: bool = True,
    lang: str | None = None,
) -> list[Path]:
    """Write a certificate per learner who completed every module (HTML, and the PDF of that
    same page unless `pdf` is False); return the files written."""
    when = when or date.today()
    lang = resolve_lang(lang)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for learner in completed_learners(frame, list(info.modules), min_score_pct):
        name = (names or {}).get(learner) or learner
        stem = out_dir / safe_filename(learner)
        page = stem.with_suffix(".html")
        page.write_text(certificate_html(name, info, when, lang), encoding="utf-8")
        written.append(page)
        if pdf:
            document = stem.with_suffix(".pdf")
            document.write_bytes(certificate_pdf(name, info, when, lang))
            written.append(document)
    return written


def learner_names(db_url: str, course_id: str = "default_course") -> dict[str, str]:
    """Learner id -> "First Last" from the gradebook, where the coach entered names."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id) as gb:
        return {
            s.id: " ".join(p for p in (s.first_name, s.last_name) if p)
            for s in gb.students
            if s.first_name or s.last_name
        }
