"""Completion certificates for learners who completed every module (HTML, and PDF with fpdf2).

A module counts as completed when the learner's submission is in the gradebook, every activity
has an answer, and no reflection is still waiting for the coach (optionally, with at least
`min_score_pct` of the points). Course title, module titles and hours come from
`grader/course.yaml`. The PDF is written only when the maintained pure-Python library fpdf2 is
installed; it uses the DejaVu font when one is found, so names in any script print correctly.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any


@dataclass
class CourseInfo:
    """What a certificate says about the course."""

    course: str
    issuer: str
    modules: dict[str, tuple[str, float]]  # module id -> (title, hours)


def load_course_info(path: Path | None = None, modules: list[str] | None = None) -> CourseInfo:
    """Read `grader/course.yaml` (or `path`); modules not listed get their id and 0 hours."""
    import yaml

    data: dict[str, Any] = {}
    if path is None:
        from ..content.paths import course_root

        root = course_root()
        candidate = root / "grader" / "course.yaml" if root else None
        path = candidate if candidate and candidate.is_file() else None
    if path is not None:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    listed = data.get("modules") or {}
    names = modules or list(listed)
    info = {
        m: (
            str((listed.get(m) or {}).get("title", m)),
            float((listed.get(m) or {}).get("hours", 0)),
        )
        for m in names
    }
    return CourseInfo(str(data.get("course", "Course")), str(data.get("issuer", "")), info)


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


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def certificate_html(name: str, info: CourseInfo, when: date) -> str:
    """One certificate page; every string escaped."""
    rows = "".join(
        f"<tr><td>{_e(title)}</td><td>{hours:g}</td></tr>" for title, hours in info.modules.values()
    )
    total = sum(h for _, h in info.modules.values())
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Certificate: {_e(name)}</title><style>"
        "body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;text-align:center;"
        "color:#1b1b1b}table{margin:1rem auto;border-collapse:collapse}"
        "td,th{border:1px solid #8a97a3;padding:0.3rem 0.8rem;text-align:left}"
        "</style></head><body><h1>Certificate of completion</h1>"
        f"<p>This certifies that</p><p style='font-size:1.6em'><strong>{_e(name)}</strong></p>"
        f"<p>completed <em>{_e(info.course)}</em>:</p>"
        f"<table><tr><th scope='col'>Module</th><th scope='col'>Hours</th></tr>{rows}"
        f"<tr><th scope='row'>Total</th><th>{total:g}</th></tr></table>"
        f"<p>Date: {_e(when.isoformat())}</p>"
        + (f"<p>{_e(info.issuer)}</p>" if info.issuer else "")
        + "</body></html>"
    )


def pdf_available() -> bool:
    """Whether fpdf2 is installed."""
    try:
        import fpdf  # noqa: F401
    except ImportError:
        return False
    return True


def _font() -> Path | None:
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    try:
        import matplotlib

        candidates.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    except ImportError:
        pass
    return next((p for p in candidates if p.is_file()), None)


def certificate_pdf(name: str, info: CourseInfo, when: date, path: Path) -> Path:
    """Write the certificate as a one-page PDF (needs fpdf2)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.add_page()
    font = _font()
    if font is not None:
        pdf.add_font("DejaVu", "", str(font))
        family = "DejaVu"
    else:
        family = "Helvetica"

        def latin(text: str) -> str:
            return text.encode("latin-1", "replace").decode("latin-1")

        name, info = (
            latin(name),
            CourseInfo(
                latin(info.course),
                latin(info.issuer),
                {k: (latin(t), h) for k, (t, h) in info.modules.items()},
            ),
        )
    pdf.set_font(family, size=28)
    pdf.cell(0, 20, "Certificate of completion", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=14)
    pdf.cell(0, 10, "This certifies that", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=22)
    pdf.cell(0, 14, name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=14)
    pdf.multi_cell(0, 9, f"completed {info.course}:", align="C", new_x="LMARGIN", new_y="NEXT")
    for title, hours in info.modules.values():
        pdf.cell(0, 8, f"{title}: {hours:g} hours", align="C", new_x="LMARGIN", new_y="NEXT")
    total = sum(h for _, h in info.modules.values())
    pdf.cell(
        0,
        10,
        f"Total: {total:g} hours. Date: {when.isoformat()}",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if info.issuer:
        pdf.cell(0, 8, info.issuer, align="C")
    pdf.output(str(path))
    return path


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
) -> list[Path]:
    """Write a certificate per learner who completed every module; return the files written."""
    when = when or date.today()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for learner in completed_learners(frame, list(info.modules), min_score_pct):
        name = (names or {}).get(learner) or learner
        stem = out_dir / safe_filename(learner)
        page = stem.with_suffix(".html")
        page.write_text(certificate_html(name, info, when), encoding="utf-8")
        written.append(page)
        if pdf and pdf_available():
            written.append(certificate_pdf(name, info, when, stem.with_suffix(".pdf")))
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
