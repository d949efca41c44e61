"""What the coaches' grading page shows and saves: the reflections waiting for a score.

Everything is read from and written to nbgrader's gradebook (see `gradebook`), so a score
given here shows in formgrader, `nbgrader export`, the report and the feedback pages, and one
given in formgrader shows here. The learner's text comes from the notebook nbgrader graded;
the prompt, guidance and rubric from the content in the coach's language; the anchor answers
from `grader/anchors/` (never from anything a learner's kernel loads).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .gradebook import Layout, gradebook, is_missing, reflection_layouts, save_reflection
from .source import SEPARATOR


@dataclass(frozen=True)
class Filters:
    """What the coach asked to see."""

    module: str = ""
    activity: str = ""
    learner: str = ""
    include_graded: bool = False


@dataclass
class QueueItem:
    """One learner's reflection, waiting for a score (or already scored)."""

    layout: Layout
    learner: str
    waiting: bool

    @property
    def key(self) -> tuple[str, str, str]:
        """(module, activity, learner): what a page address names."""
        return (self.layout.module, self.layout.name, self.learner)


@dataclass
class CriterionChoice:
    """A coach criterion with its levels and the level chosen so far."""

    gid: str
    label: str
    description: str
    levels: list[tuple[float, str]]
    chosen: float | None


@dataclass
class CheckResult:
    """An automatic check as the coach sees it."""

    label: str
    score: float
    max_score: float


@dataclass
class ReviewDetail:
    """Everything the page shows for one queue item."""

    item: QueueItem
    title: str
    prompt: str
    guidance: str
    text: str
    criteria: list[CriterionChoice]
    checks: list[CheckResult]
    anchors: Any  # anchors.Anchors or None
    comment: str
    max_points: float = 0.0
    allowed: dict[str, list[float]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)  # may name a student or family: a flag only


class Review:
    """The grading page's view of one course folder, in one language."""

    def __init__(self, course_dir: Path, lang: str = "en") -> None:
        from .commands import _course_id
        from .nbg import db_url
        from .rubric import load_rubric

        self.course_dir = Path(course_dir)
        self.lang = lang
        self.url = db_url(self.course_dir)
        self.course_id = _course_id(self.course_dir)
        rubric_path = self.course_dir / "rubric.yaml"
        self.rubric = load_rubric(rubric_path if rubric_path.is_file() else None, lang)

    # -- the queue -------------------------------------------------------------------------
    def queue(self, filters: Filters = Filters()) -> list[QueueItem]:
        """Reflections with coach criteria, in module, notebook and learner order; those with a
        criterion still unscored are `waiting` (others only with `include_graded`)."""
        from nbgrader.api import MissingEntry

        items = []
        with gradebook(self.url, self.course_id) as gb:
            layouts = reflection_layouts(gb, [filters.module] if filters.module else None)
            learners = sorted(s.id for s in gb.students)
            for layout in layouts:
                if filters.activity and layout.name != filters.activity:
                    continue
                for learner in learners:
                    if filters.learner and learner != filters.learner:
                        continue
                    try:
                        grades = [
                            gb.find_grade(gid, layout.notebook, layout.module, learner)
                            for gid in layout.manual
                        ]
                    except MissingEntry:
                        continue  # not submitted
                    if is_missing(gb, layout, learner):
                        continue  # nothing to read
                    waiting = any(g.manual_score is None for g in grades)
                    if waiting or filters.include_graded:
                        items.append(QueueItem(layout, learner, waiting))
        return items

    def choices(self) -> dict[str, list[str]]:
        """Modules, activities and learners the filters offer."""
        with gradebook(self.url, self.course_id) as gb:
            layouts = reflection_layouts(gb)
            return {
                "module": sorted({x.module for x in layouts}),
                "activity": sorted({x.name for x in layouts}),
                "learner": sorted(s.id for s in gb.students),
            }

    def titles(self) -> dict[str, str]:
        """Activity name -> title in the page's language (for the activity filter)."""
        from ..content.model import text_in
        from .learner_feedback import scenario_in

        out = {}
        with gradebook(self.url, self.course_id) as gb:
            for layout in reflection_layouts(gb):
                try:
                    scenario = scenario_in(f"{layout.module}/{layout.name}", self.lang)
                except Exception:
                    continue
                out[layout.name] = text_in(scenario.title, self.lang)
        return out

    # -- one reflection --------------------------------------------------------------------
    def detail(self, item: QueueItem) -> ReviewDetail:
        """The prompt, the learner's text, the rubric with chosen levels, checks, anchors."""
        from ..content.model import text_in
        from .anchors import load_anchors
        from .checks import possible_names
        from .learner_feedback import graded_answers, scenario_in

        layout = item.layout
        activity_id = f"{layout.module}/{layout.name}"
        scenario = scenario_in(activity_id, self.lang)
        guidance = text_in(scenario.guidance, self.lang) if scenario.guidance else ""
        criteria = {
            f"{layout.name}{SEPARATOR}{c.id}": c
            for c in self.rubric.for_reflection(
                float(scenario.points), scenario.min_words, guidance
            )
        }
        answer = graded_answers(self.course_dir, layout.module, item.learner).get(layout.name)
        text = answer.get("text", "") if isinstance(answer, dict) else ""
        choices, checks, allowed = [], [], {}
        with gradebook(self.url, self.course_id) as gb:
            for gid in layout.manual:
                grade = gb.find_grade(gid, layout.notebook, layout.module, item.learner)
                criterion = criteria.get(gid)
                levels = [(lv.points, lv.label) for lv in criterion.levels] if criterion else []
                allowed[gid] = [p for p, _ in levels]
                choices.append(
                    CriterionChoice(
                        gid,
                        criterion.label if criterion else gid,
                        criterion.description if criterion else "",
                        levels,
                        grade.manual_score,
                    )
                )
            for gid in layout.checks:
                grade = gb.find_grade(gid, layout.notebook, layout.module, item.learner)
                criterion = criteria.get(gid)
                checks.append(
                    CheckResult(
                        criterion.label if criterion else gid,
                        float(grade.score),
                        float(grade.max_score),
                    )
                )
            note = gb.find_comment(layout.answer, layout.notebook, layout.module, item.learner)
            comment = note.manual_comment or ""
        return ReviewDetail(
            item=item,
            title=text_in(scenario.title, self.lang),
            prompt=text_in(scenario.prompt, self.lang),
            guidance=guidance,
            text=text,
            criteria=choices,
            checks=checks,
            anchors=load_anchors(activity_id, self.lang, self.course_dir),
            comment=comment,
            max_points=round(sum(c.points for c in criteria.values()), 2),
            allowed=allowed,
            names=possible_names(text),
        )

    def save(self, item: QueueItem, scores: dict[str, float], comment: str) -> None:
        """Write the chosen levels and the comment into the gradebook (levels checked)."""
        detail = self.detail(item)
        save_reflection(
            self.url, self.course_id, item.layout, item.learner, scores, comment, detail.allowed
        )
