"""The completion certificate: what it says, as a printable page and as a PDF of that page.

Who earns one is decided elsewhere (the gradebook for coaches, `grading.certificate`; the saved
answers for workshop participants, `workshop.report.completed`); this module only says what a
certificate shows: the learner's name exactly as given (escaped, any script), the course, each
module with its hours, the total, the date and the issuer. Course title, module titles and
hours come from `grader/course.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..content.model import text_in
from ..i18n import DEFAULT, gettext
from ..rendering import render
from . import pdf_from_html

TEMPLATE = "documents/certificate.html.j2"


@dataclass
class CourseInfo:
    """What a certificate says about the course."""

    course: str
    issuer: str
    modules: dict[str, tuple[str, float]]  # module id -> (title, hours)


def _in(value: Any, lang: str, fallback: str) -> str:
    """A course.yaml text: a string, or one string per language (`{en: ..., es: ...}`)."""
    if isinstance(value, dict):
        value = {str(k): str(v) for k, v in value.items()}
        return text_in(value, lang) if value else fallback
    return fallback if value is None else str(value)


def load_course_info(
    path: Path | None = None, modules: list[str] | None = None, lang: str = DEFAULT
) -> CourseInfo:
    """Read `grader/course.yaml` (or `path`); modules not listed get their id and 0 hours.

    `course`, `issuer` and each module's `title` may be one text per language
    (`title: {en: "...", es: "..."}`); `lang` picks one, falling back on English.
    """
    import yaml

    data: dict[str, Any] = {}
    if path is None:
        from ..content.paths import grader_dir

        candidate = grader_dir() / "course.yaml"
        path = candidate if candidate.is_file() else None
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


def certificate_html(
    name: str, info: CourseInfo, when: date, lang: str = DEFAULT, paper: str = "letter"
) -> str:
    """The certificate as a self-contained printable page in `lang`; every text escaped."""
    return render(
        TEMPLATE,
        lang=lang,
        title=gettext("Certificate: {name}", lang).format(name=name),
        paper=paper,
        name=name,
        info=info,
        total=sum(hours for _title, hours in info.modules.values()),
        when=when,
    )


def certificate_pdf(
    name: str, info: CourseInfo, when: date, lang: str = DEFAULT, paper: str = "letter"
) -> bytes:
    """The same certificate as a tagged PDF (bytes), made from `certificate_html`."""
    return pdf_from_html(certificate_html(name, info, when, lang, paper))
