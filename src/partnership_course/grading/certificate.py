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

from .checks import gettext, resolve_lang


@dataclass
class CourseInfo:
    """What a certificate says about the course."""

    course: str
    issuer: str
    modules: dict[str, tuple[str, float]]  # module id -> (title, hours)


def _in(value: Any, lang: str, fallback: str) -> str:
    """A course.yaml text: a string, or one string per language (`{en: ..., es: ...}`)."""
    if isinstance(value, dict):
        value = value.get(lang) or value.get("en") or next(iter(value.values()), None)
    return fallback if value is None else str(value)


def load_course_info(
    path: Path | None = None, modules: list[str] | None = None, lang: str = "en"
) -> CourseInfo:
    """Read `grader/course.yaml` (or `path`); modules not listed get their id and 0 hours.

    `course`, `issuer` and each module's `title` may be one text per language
    (`title: {en: "...", es: "..."}`); `lang` picks one, falling back on English.
    """
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
            _in((listed.get(m) or {}).get("title"), lang, m),
            float((listed.get(m) or {}).get("hours", 0)),
        )
        for m in names
    }
    return CourseInfo(
        _in(data.get("course"), lang, "Course"), _in(data.get("issuer"), lang, ""), info
    )


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


def certificate_html(name: str, info: CourseInfo, when: date, lang: str | None = None) -> str:
    """One certificate page in `lang` (default: PARTNERSHIP_COURSE_LANG, else English); every
    string escaped."""
    lang = resolve_lang(lang)
    rows = "".join(
        f"<tr><td>{_e(title)}</td><td>{hours:g}</td></tr>" for title, hours in info.modules.values()
    )
    total = sum(h for _, h in info.modules.values())
    completed = _e(gettext("completed {course}:", lang)).format(
        course=f"<em>{_e(info.course)}</em>"
    )
    return (
        f"<!DOCTYPE html><html lang='{_e(lang)}'><head><meta charset='utf-8'>"
        f"<title>{_e(gettext('Certificate: {name}', lang).format(name=name))}</title><style>"
        "body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;text-align:center;"
        "color:#1b1b1b}table{margin:1rem auto;border-collapse:collapse}"
        "td,th{border:1px solid #8a97a3;padding:0.3rem 0.8rem;text-align:left}"
        f"</style></head><body><h1>{_e(gettext('Certificate of completion', lang))}</h1>"
        f"<p>{_e(gettext('This certifies that', lang))}</p>"
        f"<p style='font-size:1.6em'><strong>{_e(name)}</strong></p>"
        f"<p>{completed}</p>"
        f"<table><tr><th scope='col'>{_e(gettext('Module', lang))}</th>"
        f"<th scope='col'>{_e(gettext('Hours', lang))}</th></tr>{rows}"
        f"<tr><th scope='row'>{_e(gettext('Total', lang))}</th><th>{total:g}</th></tr></table>"
        f"<p>{_e(gettext('Date: {date}', lang).format(date=when.isoformat()))}</p>"
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


def certificate_pdf(
    name: str, info: CourseInfo, when: date, path: Path, lang: str | None = None
) -> Path:
    """Write the certificate as a one-page PDF (needs fpdf2), in `lang`."""
    from fpdf import FPDF

    lang = resolve_lang(lang)
    heading = gettext("Certificate of completion", lang)
    certifies = gettext("This certifies that", lang)
    completed = gettext("completed {course}:", lang).format(course=info.course)
    line = gettext("{title}: {hours} hours", lang)
    closing = gettext("Total: {hours} hours. Date: {date}", lang)

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

        heading, certifies, completed = latin(heading), latin(certifies), latin(completed)
        line, closing = latin(line), latin(closing)
        name, info = (
            latin(name),
            CourseInfo(
                latin(info.course),
                latin(info.issuer),
                {k: (latin(t), h) for k, (t, h) in info.modules.items()},
            ),
        )
    pdf.set_font(family, size=28)
    pdf.cell(0, 20, heading, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=14)
    pdf.cell(0, 10, certifies, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=22)
    pdf.cell(0, 14, name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=14)
    pdf.multi_cell(0, 9, completed, align="C", new_x="LMARGIN", new_y="NEXT")
    for title, hours in info.modules.values():
        text = line.format(title=title, hours=f"{hours:g}")
        pdf.cell(0, 8, text, align="C", new_x="LMARGIN", new_y="NEXT")
    total = sum(h for _, h in info.modules.values())
    pdf.cell(
        0,
        10,
        closing.format(hours=f"{total:g}", date=when.isoformat()),
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
    lang: str | None = None,
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
        page.write_text(certificate_html(name, info, when, lang), encoding="utf-8")
        written.append(page)
        if pdf and pdf_available():
            written.append(certificate_pdf(name, info, when, stem.with_suffix(".pdf"), lang))
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
