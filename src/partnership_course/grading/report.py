"""Cohort report from the gradebook: completion and scores per module and activity.

`cohort_frame` reads nbgrader's gradebook into one pandas row per learner, module and activity,
with the status a coach needs: `graded`, `to grade` (a reflection waiting in formgrader),
`missing` (nothing was saved: nbgrader's "No response."), `answered` (unscored activity), or
`not submitted`. `write_report` turns it into a CSV and an HTML page (`grading/report.html.j2`)
that names modules and activities by their titles, never their ids, with charts that each come
with their table (the house chart macro): completion per module, and per activity how many
learners scored in each band.
"""

from __future__ import annotations

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


def summarize(frame: Any) -> Summary:
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


# the spelling `workshop.report.summarize` and `content.kinds` use; the old name still imports
summarise = summarize


BANDS = (  # score bands of the distribution charts: (lowest share, label)
    (0.8, N_("80-100%")),
    (0.5, N_("50-79%")),
    (0.0, N_("0-49%")),
)


def _band(share: float) -> int:
    return next(i for i, (low, _label) in enumerate(BANDS) if share >= low - 1e-9)


@dataclass
class Names:
    """Titles for what the report names: modules (course.yaml) and activities (content)."""

    modules: dict[str, str]
    activities: dict[tuple[str, str], str]

    def module(self, module: str) -> str:
        return self.modules.get(module) or module

    def activity(self, module: str, activity: str) -> str:
        return self.activities.get((module, activity)) or activity


def names_for(frame: Any, lang: str, course_info: Any = None) -> Names:
    """Module and activity titles in `lang` for every row of `frame` (ids only as a last
    resort, for an activity whose scenario was deleted since grading)."""
    from ..content.model import text_in
    from .learner_feedback import scenario_in

    activities: dict[tuple[str, str], str] = {}
    for module, activity in {
        (m, a) for m, a in zip(frame["module"], frame["activity"], strict=True)
    }:
        try:
            activities[(module, activity)] = text_in(
                scenario_in(f"{module}/{activity}", lang).title, lang
            )
        except Exception:  # a removed scenario keeps its id as its name
            continue
    modules = {m: t for m, (t, _h) in (course_info.modules.items() if course_info else [])}
    return Names(modules, activities)


def report_context(frame: Any, names: Names, lang: str) -> dict[str, Any]:
    """What the report template shows: summaries with titles, chart rows, tables."""
    s = summarize(frame)
    modules = []
    for row in s.modules.to_dict("records") if len(s.modules) else []:
        share = row["completed"] / row["learners"] * 100 if row["learners"] else 0.0
        modules.append({**row, "title": names.module(row["module"]), "share": round(share, 1)})
    submitted = frame[frame["status"] != "not submitted"]
    activities = []
    for row in s.activities.to_dict("records") if len(s.activities) else []:
        rows = submitted[
            (submitted["module"] == row["module"]) & (submitted["activity"] == row["activity"])
        ]
        counts = [0] * len(BANDS)
        missing = waiting = 0
        for r in rows.itertuples():
            if r.status == "missing":
                missing += 1
            elif r.status == "to grade":
                waiting += 1
            elif r.max_score and r.max_score == r.max_score:
                counts[_band(float(r.score) / float(r.max_score))] += 1
        activities.append(
            {
                **row,
                "title": names.activity(row["module"], row["activity"]),
                "module_title": names.module(row["module"]),
                "bands": counts,
                "missing_count": missing,
                "waiting_count": waiting,
                "scored": bool(row["max_score"]),
                "rows": [
                    *(
                        {"label": gettext(label, lang), "value": n}
                        for (_low, label), n in zip(BANDS, counts, strict=True)
                    ),
                    {"label": gettext("Waiting for a coach", lang), "value": waiting},
                    {"label": gettext("Missing", lang), "value": missing},
                ],
            }
        )
    module_rows = [
        {
            "label": m["title"],
            "value": m["share"],
            "extra": [
                m["completed"],
                m["learners"],
                m["to_grade"],
                m["missing"],
                "-" if m["mean_score_pct"] != m["mean_score_pct"] else m["mean_score_pct"],
            ],
        }
        for m in modules
    ]

    def titled(table: Any) -> list[list[str]]:
        return [
            [r.learner, names.module(r.module), names.activity(r.module, r.activity)]
            for r in table.itertuples()
        ]

    return dict(
        summary=s,
        modules=modules,
        module_rows=module_rows,
        activities=activities,
        to_grade=titled(s.to_grade),
        missing=titled(s.missing),
        not_started=s.not_started,
    )


def report_html(
    frame: Any,
    title: str | None = None,
    lang: str | None = None,
    names: Names | None = None,
    knowledge: dict[str, Any] | None = None,
) -> str:
    """The cohort report (one page, no scripts) in `lang` (default: PARTNERSHIP_COURSE_LANG,
    else English). The default title is "Cohort report" in that language. `knowledge` is the
    knowledge test's section (`knowledge_view.cohort_context`), read from the response store."""
    from ..rendering import render

    lang = resolve_lang(lang)
    names = names or names_for(frame, lang)
    title = title or gettext("Cohort report", lang)
    context = report_context(frame, names, lang)
    return render("grading/report.html.j2", lang, title=title, knowledge=knowledge, **context)


def write_report(
    frame: Any,
    out_dir: Path,
    title: str | None = None,
    lang: str | None = None,
    names: Names | None = None,
    knowledge: dict[str, Any] | None = None,
) -> tuple[Path, Path]:
    """Write `report.csv` and `report.html` into `out_dir`; return their paths.

    The HTML page is in `lang`; the CSV keeps its column names and status values in English
    (`graded`, `to grade`, `missing`, `answered`, `not submitted`) so scripts can read it, and a
    text cell a spreadsheet would run as a formula (a learner id such as `=HYPERLINK(...)`)
    starts with an apostrophe (`spreadsheet.neutralise`).
    """
    from ..spreadsheet import neutralise_frame

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path, html_path = out_dir / "report.csv", out_dir / "report.html"
    neutralise_frame(frame).to_csv(csv_path, index=False)
    html_path.write_text(report_html(frame, title, lang, names, knowledge), encoding="utf-8")
    return csv_path, html_path
