"""Cohort report from the gradebook: completion and scores per module and activity.

`cohort_frame` reads nbgrader's gradebook into one pandas row per learner, module and activity,
with the status a coach needs: `graded`, `to grade` (a reflection waiting in formgrader),
`missing` (nothing was saved: nbgrader's "No response."), `answered` (unscored activity), or
`not submitted`. `write_report` turns it into a CSV and an HTML page whose charts are inline
SVG with the same numbers in a table next to them; every learner-supplied string is escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import N_
from .checks import gettext, resolve_lang
from .progress import Progress
from .source import split_grade_id

COLUMNS = [
    "learner",
    "module",
    "notebook",
    "activity",
    "status",
    "score",
    "max_score",
    "auto_score",
    "manual_score",
    "needs_manual_grade",
    "submitted_at",
]


def cohort_frame(
    db_url: str,
    course_id: str = "default_course",
    roster: list[str] | None = None,
    quiet: bool = True,
) -> Any:
    """One row per learner x module x activity (see module docstring)."""
    import pandas as pd
    from nbgrader.api import Gradebook

    rows: list[dict[str, Any]] = []
    with Gradebook(db_url, course_id) as gb:
        learners = sorted({s.id for s in gb.students} | set(roster or []))
        assignments = sorted(gb.assignments, key=lambda a: a.name)
        layout: dict[str, list[tuple[str, str]]] = {}
        for assignment in assignments:
            seen: list[tuple[str, str]] = []
            for notebook in assignment.notebooks:
                for cell in notebook.source_cells:
                    name, part = split_grade_id(cell.name)
                    if name and part == "answer" and (notebook.name, name) not in seen:
                        seen.append((notebook.name, name))
            layout[assignment.name] = seen
        with Progress(len(learners), "Reading gradebook", quiet=quiet) as bar:
            for learner in learners:
                for assignment in assignments:
                    rows += _learner_rows(gb, learner, assignment.name, layout[assignment.name])
                bar.advance(learner)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame


def _learner_rows(gb: Any, learner: str, module: str, layout: list[tuple[str, str]]) -> list[dict]:
    from nbgrader.api import MissingEntry

    try:
        submission = gb.find_submission(module, learner)
    except MissingEntry:
        return [
            dict(
                learner=learner,
                module=module,
                notebook=nb,
                activity=name,
                status="not submitted",
                score=0.0,
                max_score=None,
                auto_score=None,
                manual_score=None,
                needs_manual_grade=False,
                submitted_at=None,
            )
            for nb, name in layout
        ]
    stamp = submission.timestamp.isoformat() if submission.timestamp else None
    out = []
    for notebook in submission.notebooks:
        grades: dict[str, list[Any]] = {}
        for grade in notebook.grades:
            grades.setdefault(split_grade_id(grade.name)[0], []).append(grade)
        missing = {
            split_grade_id(c.name)[0]
            for c in notebook.comments
            if split_grade_id(c.name)[1] == "answer" and c.auto_comment == "No response."
        }
        for nb_name, name in layout:
            if nb_name != notebook.name:
                continue
            cells = grades.get(name, [])
            score = sum(float(g.score or 0) for g in cells)
            max_score = sum(float(g.max_score or 0) for g in cells)
            auto = sum(float(g.auto_score or 0) for g in cells if g.auto_score is not None)
            manual = [g.manual_score for g in cells if g.manual_score is not None]
            to_grade = any(g.needs_manual_grade for g in cells)
            if name in missing:
                status = "missing"
            elif to_grade:
                status = "to grade"
            elif cells:
                status = "graded"
            else:
                status = "answered"
            out.append(
                dict(
                    learner=learner,
                    module=module,
                    notebook=notebook.name,
                    activity=name,
                    status=status,
                    score=round(score, 2),
                    max_score=round(max_score, 2),
                    auto_score=round(auto, 2),
                    manual_score=round(sum(manual), 2) if manual else None,
                    needs_manual_grade=to_grade,
                    submitted_at=stamp,
                )
            )
    return out


@dataclass
class Summary:
    """Numbers the HTML page and the CLI print."""

    learners: int
    not_started: list[str]
    to_grade: Any  # DataFrame: learner, module, activity
    missing: Any
    modules: Any  # DataFrame per module
    activities: Any  # DataFrame per module/activity


def summarise(frame: Any) -> Summary:
    """Per-module and per-activity figures from `cohort_frame`."""
    import pandas as pd

    learners = sorted(frame["learner"].unique()) if len(frame) else []
    submitted = frame[frame["status"] != "not submitted"]
    started = set(submitted["learner"])
    per_module = []
    for module, rows in frame.groupby("module", sort=True):
        by_learner = rows.groupby("learner")
        sub = rows[rows["status"] != "not submitted"]
        complete = sum(
            1
            for _, r in by_learner
            if not r["status"].isin(["not submitted", "missing", "to grade"]).any()
        )
        scored = sub.groupby("learner")[["score", "max_score"]].sum()
        mean_pct = (
            float((scored["score"] / scored["max_score"]).mean() * 100)
            if len(scored) and (scored["max_score"] > 0).all()
            else float("nan")
        )
        per_module.append(
            dict(
                module=module,
                learners=len(by_learner),
                submitted=sub["learner"].nunique(),
                completed=complete,
                to_grade=int((rows["status"] == "to grade").sum()),
                missing=int((rows["status"] == "missing").sum()),
                mean_score_pct=round(mean_pct, 1),
            )
        )
    per_activity = []
    for (module, activity), rows in submitted.groupby(["module", "activity"], sort=False):
        maxima = rows["max_score"].fillna(0)
        mean = rows["score"].mean() if len(rows) else 0.0
        per_activity.append(
            dict(
                module=module,
                activity=activity,
                submitted=len(rows),
                answered=int((~rows["status"].isin(["missing"])).sum()),
                to_grade=int((rows["status"] == "to grade").sum()),
                mean_score=round(float(mean), 2),
                max_score=float(maxima.max()) if len(rows) else 0.0,
            )
        )
    cols = ["learner", "module", "activity"]
    return Summary(
        learners=len(learners),
        not_started=[x for x in learners if x not in started],
        to_grade=frame.loc[frame["status"] == "to grade", cols].reset_index(drop=True),
        missing=frame.loc[frame["status"] == "missing", cols].reset_index(drop=True),
        modules=pd.DataFrame(per_module),
        activities=pd.DataFrame(per_activity),
    )


#: Headings of the report's tables (interface strings, translated where shown).
HEADINGS: dict[str, str] = {
    "learner": N_("Learner"),
    "module": N_("Module"),
    "activity": N_("Activity"),
    "learners": N_("Learners"),
    "submitted": N_("Submitted"),
    "completed": N_("Completed"),
    "to_grade": N_("To grade"),
    "missing": N_("Missing"),
    "mean_score_pct": N_("Mean score (%)"),
    "answered": N_("Answered"),
    "mean_score": N_("Mean score"),
    "max_score": N_("Points"),
}


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _table(frame: Any, caption: str, lang: str = "en") -> str:
    if frame is None or not len(frame):
        return f"<p>{_e(gettext('{caption}: none.', lang).format(caption=caption))}</p>"
    head = "".join(
        f"<th scope='col'>{_e(gettext(HEADINGS[c], lang) if c in HEADINGS else c)}</th>"
        for c in frame.columns
    )
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><caption>{_e(caption)}</caption><tr>{head}</tr>{body}</table>"


def bar_chart(
    labels: list[str],
    values: list[float],
    maximum: float,
    title: str,
    unit: str = "",
    lang: str = "en",
) -> str:
    """Horizontal SVG bar chart; its title and a text summary are the text alternative."""
    bar_h, gap, left, width = 20, 8, 220, 320
    height = len(labels) * (bar_h + gap) + gap
    parts = []
    summary = "; ".join(f"{lab}: {val:g}{unit}" for lab, val in zip(labels, values, strict=True))
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = gap + i * (bar_h + gap)
        length = 0 if not maximum or value != value else int(width * min(value, maximum) / maximum)
        parts.append(
            f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" font-size="12">{_e(label)}</text>'
            f'<rect x="{left}" y="{y}" width="{length}" height="{bar_h}" fill="#1f5f8b"/>'
            f'<text x="{left + length + 4}" y="{y + 15}" font-size="12">{value:g}{_e(unit)}</text>'
        )
    caption = gettext("{title} (the same figures are in the table below)", lang).format(title=title)
    return (
        f'<figure><svg role="img" aria-label="{_e(title)}: {_e(summary)}" '
        f'width="{left + width + 60}" height="{height}">'
        f"<title>{_e(title)}: {_e(summary)}</title>{''.join(parts)}</svg>"
        f"<figcaption>{_e(caption)}</figcaption></figure>"
    )


STYLE = """<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 1rem auto; color: #1b1b1b; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #8a97a3; padding: 0.2rem 0.5rem; text-align: left; }
caption { text-align: left; font-weight: bold; }
</style>"""


def report_html(frame: Any, title: str | None = None, lang: str | None = None) -> str:
    """The HTML page (self-contained, no scripts), in `lang` (default: PARTNERSHIP_COURSE_LANG,
    else English). The default title is "Cohort report" in that language."""
    lang = resolve_lang(lang)
    title = title or gettext("Cohort report", lang)
    s = summarise(frame)
    intro = gettext(
        "{learners} learners; {not_started} have not started; {to_grade} reflections are "
        "waiting for a coach; {missing} answers are missing.",
        lang,
    ).format(
        learners=s.learners,
        not_started=len(s.not_started),
        to_grade=len(s.to_grade),
        missing=len(s.missing),
    )
    parts = [
        f"<!DOCTYPE html><html lang='{_e(lang)}'><head><meta charset='utf-8'><title>{_e(title)}"
        f"</title>{STYLE}</head><body><h1>{_e(title)}</h1>",
        f"<p>{_e(intro)}</p>",
        f"<h2>{_e(gettext('Modules', lang))}</h2>",
    ]
    if len(s.modules):
        pct = [float(v) for v in (s.modules["completed"] / s.modules["learners"] * 100).round(1)]
        chart = gettext("Completion per module", lang)
        parts.append(bar_chart(list(s.modules["module"]), pct, 100.0, chart, "%", lang))
        parts.append(_table(s.modules, gettext("Per module", lang), lang))
    parts.append(f"<h2>{_e(gettext('Activities', lang))}</h2>")
    if len(s.activities):
        labels = [
            f"{m} / {a}"
            for m, a in zip(s.activities["module"], s.activities["activity"], strict=True)
        ]
        share = [
            round(float(m) / float(x) * 100, 1) if x else 0.0
            for m, x in zip(s.activities["mean_score"], s.activities["max_score"], strict=True)
        ]
        chart = gettext("Mean score per activity", lang)
        parts.append(bar_chart(labels, share, 100.0, chart, "%", lang))
        parts.append(_table(s.activities, gettext("Per activity", lang), lang))
    parts.append(
        f"<h2>{_e(gettext('Reflections to grade', lang))}</h2>"
        + _table(s.to_grade, gettext("Waiting in formgrader", lang), lang)
    )
    parts.append(
        f"<h2>{_e(gettext('Missing answers', lang))}</h2>"
        + _table(s.missing, gettext("Nothing was saved", lang), lang)
    )
    started = "".join(f"<li>{_e(x)}</li>" for x in s.not_started)
    none = f"<p>{_e(gettext('none.', lang))}</p>"
    parts.append(
        f"<h2>{_e(gettext('Not started', lang))}</h2>"
        + (f"<ul>{started}</ul>" if started else none)
    )
    parts.append("</body></html>")
    return "".join(parts)


def write_report(
    frame: Any, out_dir: Path, title: str | None = None, lang: str | None = None
) -> tuple[Path, Path]:
    """Write `report.csv` and `report.html` into `out_dir`; return their paths.

    The HTML page is in `lang`; the CSV keeps its column names and status values in English
    (`graded`, `to grade`, `missing`, `answered`, `not submitted`) so scripts can read it.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path, html_path = out_dir / "report.csv", out_dir / "report.html"
    frame.to_csv(csv_path, index=False)
    html_path.write_text(report_html(frame, title, lang), encoding="utf-8")
    return csv_path, html_path
