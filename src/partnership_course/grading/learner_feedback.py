"""Feedback in words: one page per learner and module, in the learner's language.

nbgrader's own feedback is the graded notebook, code cells and all; teachers are not
programmers. This page shows every activity by its title, the answer as the learner saw it
(`answers.answer_view`), the score of every rubric criterion with its label and level, the
coach's comment and the module total. The numbers come from nbgrader's gradebook (its API), the
one place scores live; the answers from the notebooks nbgrader graded (what was scored).
nbgrader's feedback stays available with `grade feedback --nbgrader`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answers import Block, answer_view
from .gradebook import NO_RESPONSE
from .source import ACTIVITY_CALL, SEPARATOR, split_grade_id


@dataclass
class CriterionResult:
    """One rubric criterion as the learner reads it."""

    label: str
    level: str  # the level's words ("described with some detail"), or met / not yet
    score: float | None  # None: waiting for the coach
    max_score: float
    by_coach: bool


@dataclass
class ActivityResult:
    """One activity of the module: its title, the answer, its score."""

    name: str
    title: str
    kind: str
    blocks: list[Block]
    score: float | None = None  # None: not scored (or waiting)
    max_score: float = 0.0
    criteria: list[CriterionResult] = field(default_factory=list)
    comment: str = ""
    answered: bool = True
    waiting: bool = False  # a coach has not scored it yet
    journal: bool = False  # a reflection kept for the learner, never scored


@dataclass
class ModuleResult:
    """A learner's module: what the feedback page and the per-learner report show."""

    learner: str
    learner_name: str
    module: str
    title: str
    activities: list[ActivityResult]
    score: float
    max_score: float
    lang: str

    @property
    def waiting(self) -> bool:
        """Whether any score is still waiting for a coach."""
        return any(a.waiting for a in self.activities)


def module_activities(course_dir: Path, module: str) -> list[tuple[str, str]]:
    """(notebook, activity name) of every activity, in the order the learner meets them."""
    import nbformat

    found = []
    folder = Path(course_dir) / "source" / module
    for path in sorted(folder.glob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            match = ACTIVITY_CALL.match(cell.source.split("\n### BEGIN SOLUTION")[0])
            if gid.endswith(SEPARATOR + "answer") and match:
                found.append((path.stem, match.group(2)))
    return found


def graded_answers(course_dir: Path, module: str, learner: str) -> dict[str, Any]:
    """Activity name -> the answer written into the notebooks nbgrader graded."""
    import nbformat

    from .literal import read_answer

    answers: dict[str, Any] = {}
    folder = Path(course_dir) / "autograded" / learner / module
    for path in sorted(folder.glob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            name, part = split_grade_id(gid)
            if part == "answer":
                parsed = read_answer(cell.source)
                if parsed is not None:
                    answers[name] = parsed[1]
    return answers


def scenario_in(activity_id: str, lang: str) -> Any:
    """The scenario in `lang` (its translation when there is one), else English."""
    from ..content import load_scenario

    if lang != "en":
        try:
            from ..i18n.overlay import translated_scenario

            return translated_scenario(activity_id, lang)
        except Exception:  # a missing or broken translation falls back on the English text
            pass
    return load_scenario(activity_id)


def _criteria(
    scenario: Any, rubric: Any, grades: dict[str, Any], name: str, lang: str
) -> list[CriterionResult]:
    from ..content.model import text_in
    from ..i18n import gettext

    guidance = text_in(scenario.guidance, lang) if getattr(scenario, "guidance", None) else ""
    out = []
    scaled = rubric.for_reflection(float(scenario.points), scenario.min_words, guidance)
    for criterion in scaled:
        grade = grades.get(f"{name}{SEPARATOR}{criterion.id}")
        if grade is None:
            continue
        waiting = criterion.by_coach and grade.manual_score is None
        score = None if waiting else float(grade.score)
        if criterion.by_coach:
            level = criterion.level_for(score)
            words = level.label if level else gettext("waiting for your coach", lang)
        else:
            met = score is not None and score >= float(grade.max_score) - 1e-9
            words = gettext("yes", lang) if met else gettext("not yet", lang)
        out.append(
            CriterionResult(
                criterion.label, words, score, float(grade.max_score), criterion.by_coach
            )
        )
    return out


def module_result(
    gb: Any,
    course_dir: Path,
    module: str,
    learner: str,
    rubric: Any,
    titles: dict[str, str],
    lang: str = "en",
) -> ModuleResult | None:
    """The learner's module as the feedback page shows it (None: nothing submitted)."""
    from nbgrader.api import MissingEntry

    from ..content.model import text_in

    try:
        submission = gb.find_submission(module, learner)
    except MissingEntry:
        return None
    grades: dict[str, Any] = {}
    comments: dict[str, Any] = {}
    for notebook in submission.notebooks:
        grades.update({g.name: g for g in notebook.grades})
        comments.update({c.name: c for c in notebook.comments})
    answers = graded_answers(course_dir, module, learner)
    activities = []
    for _notebook, name in module_activities(course_dir, module):
        try:
            scenario = scenario_in(name if "/" in name else f"{module}/{name}", lang)
        except Exception:  # a scenario removed since grading: say so, without its id
            continue
        short = name.rsplit("/", 1)[-1]
        mine = {gid: g for gid, g in grades.items() if split_grade_id(gid)[0] == short}
        note = comments.get(f"{short}{SEPARATOR}answer")
        answer = answers.get(short)
        result = ActivityResult(
            name=short,
            title=text_in(scenario.title, lang),
            kind=scenario.kind,
            blocks=answer_view(scenario, answer, lang),
            comment=(note.manual_comment or "") if note is not None else "",
            answered=not (note is not None and note.auto_comment == NO_RESPONSE),
            journal=scenario.kind == "reflection" and not mine,
        )
        if not result.blocks:
            result.answered = False
        if mine:
            result.max_score = round(sum(float(g.max_score) for g in mine.values()), 2)
            result.waiting = any(g.needs_manual_grade for g in mine.values())
            result.score = round(sum(float(g.score) for g in mine.values()), 2)
            if scenario.kind == "reflection":
                result.criteria = _criteria(scenario, rubric, mine, short, lang)
        activities.append(result)
    student = submission.student
    full_name = " ".join(x for x in (student.first_name, student.last_name) if x)
    return ModuleResult(
        learner=learner,
        learner_name=full_name or learner,
        module=module,
        title=titles.get(module, module),
        activities=activities,
        score=round(float(submission.score), 2),
        max_score=round(float(submission.max_score), 2),
        lang=lang,
    )


def render_feedback(result: ModuleResult) -> str:
    """The feedback page (HTML, printable)."""
    from ..rendering import render

    return render("grading/feedback.html.j2", result.lang, result=result)


def _context(course_dir: Path, modules: list[str], lang: str, rubric: Any) -> tuple[Any, dict]:
    from .certificate import load_course_info
    from .rubric import load_rubric

    rubric_path = Path(course_dir) / "rubric.yaml"
    rubric = rubric or load_rubric(rubric_path if rubric_path.is_file() else None, lang)
    info_path = Path(course_dir) / "course.yaml"
    info = load_course_info(info_path if info_path.is_file() else None, modules, lang)
    return rubric, {m: info.modules[m][0] for m in info.modules}


def write_learner_pages(
    course_dir: Path, modules: list[str], out_dir: Path, lang: str = "en", rubric: Any = None
) -> list[Path]:
    """A coach's printable page per learner, every module in words: `<out>/<learner>.html`."""
    from ..rendering import render
    from .commands import _course_id
    from .gradebook import gradebook
    from .nbg import db_url

    rubric, titles = _context(course_dir, modules, lang, rubric)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with gradebook(db_url(course_dir), _course_id(course_dir)) as gb:
        for learner in sorted(s.id for s in gb.students):
            results = [
                r
                for m in modules
                if (r := module_result(gb, course_dir, m, learner, rubric, titles, lang))
            ]
            if not results:
                continue
            page = render(
                "grading/learner.html.j2",
                lang,
                learner_name=results[0].learner_name,
                modules=results,
            )
            path = out_dir / f"{safe_name(learner)}.html"
            path.write_text(page, encoding="utf-8")
            written.append(path)
    return written


def safe_name(learner: str) -> str:
    """A file name for a learner id (hub names are safe; LMS ids may hold anything)."""
    from .certificate import safe_filename

    return safe_filename(learner)


def write_feedback(
    course_dir: Path,
    modules: list[str],
    lang: str = "en",
    out_dir: Path | None = None,
    students: list[str] | None = None,
    rubric: Any = None,
    pdf: bool = False,
) -> list[Path]:
    """Write `<out>/<learner>/<module>.html` for every submission (and the same document as
    `<module>.pdf` with `pdf`, through the house's WeasyPrint path); return the paths."""
    from .commands import _course_id
    from .gradebook import gradebook
    from .nbg import db_url

    course_dir = Path(course_dir)
    out_dir = Path(out_dir) if out_dir else course_dir / "feedback-pages"
    rubric, titles = _context(course_dir, modules, lang, rubric)
    written = []
    with gradebook(db_url(course_dir), _course_id(course_dir)) as gb:
        learners = students or sorted(s.id for s in gb.students)
        for module in modules:
            for learner in learners:
                result = module_result(gb, course_dir, module, learner, rubric, titles, lang)
                if result is None:
                    continue
                path = out_dir / safe_name(learner) / f"{module}.html"
                path.parent.mkdir(parents=True, exist_ok=True)
                page = render_feedback(result)
                path.write_text(page, encoding="utf-8")
                written.append(path)
                if pdf:
                    from ..documents import pdf_from_html

                    path.with_suffix(".pdf").write_bytes(pdf_from_html(page))
    return written
