"""Build nbgrader's source folder from the module notebooks, adding nbgrader metadata.

Module notebooks (`modules/<module>/*.ipynb`) carry no nbgrader metadata; learners and Voila use
them as they are. `build_source` writes `<course>/source/<module>/` with:

- the `course = start(...)` cell locked (read-only);
- every activity cell (`course.activity("name")`) an answer cell, grade id `<name>--answer`;
  the learner's stored answer is later written into it by `inject`. A reflection worth points
  is a *manually graded* answer (points: the coach's criteria), so formgrader asks for a score
  once an answer is in, and nbgrader auto-scores it 0 with "No response." if none is;
- after every other activity worth points (choice, sort, ladder, starters, branching,
  plain_language, contact_planner, action_plan: the kinds with a `scorer` in `content.kinds`),
  a locked autograder test
  `<name>--score` that calls the kind's function in `checks` with the answer key written into
  the cell; it prints a sentence (in the language the source is built for) and returns the
  points earned (nbgrader partial credit);
- after a scored reflection, the rubric as a read-only markdown cell `<name>--rubric`, then one
  locked autograder test per machine-checkable criterion, `<name>--<criterion>`.

Activity cells get an empty `### BEGIN SOLUTION` region so that `generate_assignment` (with
`ClearSolutions.code_stub = {"python": ""}`, set by `nbgrader_settings`) leaves their code as is;
`verify_release` checks the release afterwards.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..notebooks import ACTIVITY_CALL, START_CALL  # ACTIVITY_CALL: also inject, learner_feedback
from .literal import python_literal
from .rubric import Rubric
from .rubric_cells import criterion_markdown, rubric_markdown

SOLUTION_REGION = "\n### BEGIN SOLUTION\n### END SOLUTION"
SEPARATOR = "--"


def grade_id(activity: str, part: str) -> str:
    """`conditions-sort`, `score` -> `conditions-sort--score` (activity ids never hold '--')."""
    return f"{activity.rsplit('/', 1)[-1]}{SEPARATOR}{part}"


def split_grade_id(gid: str) -> tuple[str, str]:
    """Inverse of `grade_id`: (activity name, part); ('', gid) for cells that are not ours."""
    name, sep, part = gid.rpartition(SEPARATOR)
    return (name, part) if sep else ("", gid)


@dataclass
class GradedActivity:
    """One activity as the grading notebooks see it."""

    name: str
    kind: str
    points: float
    notebook: str
    answer_id: str
    manual_points: float = 0.0
    test_ids: list[str] = field(default_factory=list)
    manual_ids: list[str] = field(default_factory=list)  # coach criteria (task cells)


@dataclass
class ModuleSource:
    """What `build_source` wrote for one module."""

    module: str
    notebooks: list[str]
    activities: list[GradedActivity]
    warnings: list[str]

    @property
    def max_points(self) -> float:
        """Points the module is worth."""
        return round(sum(a.points for a in self.activities), 2)


class SourceError(ValueError):
    """A module notebook cannot be turned into a grading notebook."""


def _meta(
    gid: str,
    *,
    grade: bool,
    solution: bool,
    locked: bool,
    points: float = 0.0,
    task: bool = False,
) -> dict:
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": gid,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": task,
    }
    if grade or task:
        meta["points"] = float(points)
    return meta


def _new_id(base: str, suffix: str, taken: set[str]) -> str:
    stem = re.sub(r"[^a-zA-Z0-9_-]", "-", f"{base}-{suffix}")[:60]
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem[:56]}-{n}"
    taken.add(candidate)
    return candidate


def _code_cell(source: str, cid: str, meta: dict) -> Any:
    import nbformat

    cell = nbformat.v4.new_code_cell(source, id=cid)
    cell.metadata["nbgrader"] = meta
    return cell


def _markdown_cell(source: str, cid: str, meta: dict) -> Any:
    import nbformat

    cell = nbformat.v4.new_markdown_cell(source, id=cid)
    cell.metadata["nbgrader"] = meta
    return cell


def _scored_kinds() -> tuple[str, ...]:
    from ..content.kinds import KINDS

    return (*(name for name, k in KINDS.items() if k.scorer), "reflection")


#: kinds the grader scores: the kind table's auto-scored kinds, and reflections (coach + rubric)
SCORED_KINDS = _scored_kinds()


def score_test(name: str, scenario: Any, points: float, lang: str = "en") -> str:
    """Source of the locked test cell that scores an activity whose kind has a `scorer`."""
    from ..content.kinds import kind

    entry = kind(scenario.kind)
    if entry.scorer is None or entry.key is None:
        raise SourceError(f"{scenario.kind} activities are not scored by a test cell")
    function = entry.scorer
    args = [f"    course.answered({json.dumps(name)}),"]
    args += [f"    {arg}={python_literal(value, 4)}," for arg, value in entry.key(scenario).items()]
    args += [f"    points={float(points)!r},", f"    lang={json.dumps(lang)},"]
    return (
        f"# Autograder test (locked): scores {entry.scores} saved in the activity above.\n"
        f"from partnership_course.grading.checks import {function}\n\n"
        f"{function}(\n" + "\n".join(args) + "\n)"
    )


def _criterion_test(name: str, criterion: Any, lang: str = "en") -> str:
    args = [
        f"    course.answered({json.dumps(name)}),",
        f"    {json.dumps(criterion.id)},",
        f"    label={json.dumps(criterion.label, ensure_ascii=False)},",
        f"    check={json.dumps(criterion.check)},",
        f"    points={criterion.points!r},",
    ]
    if criterion.check == "length":
        args.append(f"    min_words={criterion.min_words!r},")
    if criterion.check == "phrases":
        args.append(f"    phrases={json.dumps(list(criterion.phrases), ensure_ascii=False)},")
    args.append(f"    lang={json.dumps(lang)},")
    return (
        "# Autograder test (locked): one rubric criterion a machine can check.\n"
        "from partnership_course.grading.checks import check_reflection\n\n"
        "check_reflection(\n" + "\n".join(args) + "\n)"
    )


def _load(module: str, name: str, scenarios_root: Path | None) -> Any:
    from ..content import load_scenario

    activity_id = name if "/" in name else f"{module}/{name}"
    return load_scenario(activity_id, scenarios_root)


def _reflection_cells(
    out: Any,
    cell: Any,
    activity: GradedActivity,
    scenario: Any,
    rubric: Rubric,
    lang: str,
    taken: set[str],
) -> None:
    """A graded reflection: its answer cell, the rubric table, one locked test per machine
    criterion and one manually graded task cell per coach criterion (formgrader asks for each
    score separately)."""
    from ..content.model import text_in

    name, cid = activity.name, cell["id"]
    guidance = text_in(scenario.guidance, lang) if scenario.guidance else ""
    criteria = rubric.for_reflection(activity.points, scenario.min_words, guidance)
    activity.manual_points = round(sum(c.points for c in criteria if c.by_coach), 2)
    # a solution cell without points: nbgrader still records "No response." for it
    cell.metadata["nbgrader"] = _meta(activity.answer_id, grade=False, solution=True, locked=False)
    out.cells.append(cell)
    out.cells.append(
        _markdown_cell(
            rubric_markdown(rubric, criteria, lang),
            _new_id(cid, "rubric", taken),
            _meta(grade_id(name, "rubric"), grade=False, solution=False, locked=True),
        )
    )
    for criterion in criteria:
        gid = grade_id(name, criterion.id)
        # a coach criterion is a task cell (grade: false, task: true), as nbgrader's own
        # "manually graded task" writes it; grade and task together would count it twice
        meta = _meta(
            gid,
            grade=not criterion.by_coach,
            solution=False,
            locked=True,
            points=criterion.points,
            task=criterion.by_coach,
        )
        if criterion.by_coach:
            activity.manual_ids.append(gid)
            new = _markdown_cell(
                criterion_markdown(criterion, lang), _new_id(cid, criterion.id, taken), meta
            )
        else:
            activity.test_ids.append(gid)
            new = _code_cell(
                _criterion_test(name, criterion, lang), _new_id(cid, criterion.id, taken), meta
            )
        out.cells.append(new)
    activity.points = round(sum(c.points for c in criteria), 2)


def build_notebook(
    nb: Any,
    module: str,
    notebook: str,
    rubric: Rubric,
    scenarios_root: Path | None = None,
    lang: str = "en",
) -> tuple[Any, list[GradedActivity], list[str]]:
    """Return a copy of `nb` with nbgrader metadata and grading cells, plus what was graded.

    `lang` is the language of the sentences the test cells print (their `lang=` argument) and of
    the rubric table's headings.
    """
    import copy

    import nbformat

    out = nbformat.v4.new_notebook()
    out.metadata = copy.deepcopy(nb.metadata)
    out.metadata.pop("celltoolbar", None)
    taken = {c.get("id") for c in nb.cells if c.get("id")}
    activities: list[GradedActivity] = []
    warnings: list[str] = []
    seen: set[str] = set()
    started = False
    for index, original in enumerate(nb.cells):
        cell = copy.deepcopy(original)
        cell.metadata.pop("nbgrader", None)
        cid = cell.get("id") or _new_id("cell", str(index), taken)
        cell["id"] = cid
        if cell.cell_type != "code":
            out.cells.append(cell)
            continue
        if START_CALL.search(cell.source) and not started:
            started = True
            cell.metadata["nbgrader"] = _meta(
                "course-start", grade=False, solution=False, locked=True
            )
            out.cells.append(cell)
            continue
        match = ACTIVITY_CALL.match(cell.source)
        if not match:
            out.cells.append(cell)
            continue
        if not started:
            raise SourceError(f"{notebook}: an activity comes before `course = start(...)`")
        name = match.group(2)
        short = name.rsplit("/", 1)[-1]
        if SEPARATOR in short or short in seen:
            raise SourceError(f"{notebook}: activity {name!r} is repeated or contains '--'")
        seen.add(short)
        scenario = _load(module, name, scenarios_root)
        points = float(getattr(scenario, "points", 0) or 0)
        kind = scenario.kind
        if points > 0 and kind not in SCORED_KINDS:
            warnings.append(
                f"{notebook}: {name} ({kind}) has points but no grader for its kind; its answer "
                "is kept in the submission and not scored"
            )
            points = 0.0
        answer_id = grade_id(name, "answer")
        cell.source = cell.source.rstrip() + SOLUTION_REGION
        activity = GradedActivity(name, kind, points, notebook, answer_id)
        if kind == "reflection" and not getattr(scenario, "graded", True):
            points = 0.0  # an ungraded journal: kept and shown, never scored
        activity.points = points
        if points > 0 and kind == "reflection":
            _reflection_cells(out, cell, activity, scenario, rubric, lang, taken)
        else:
            cell.metadata["nbgrader"] = _meta(answer_id, grade=False, solution=True, locked=False)
            out.cells.append(cell)
            if points > 0:
                gid = grade_id(name, "score")
                activity.test_ids.append(gid)
                out.cells.append(
                    _code_cell(
                        score_test(name, scenario, points, lang),
                        _new_id(cid, "score", taken),
                        _meta(gid, grade=True, solution=False, locked=True, points=points),
                    )
                )
        activities.append(activity)
    if not started:
        raise SourceError(f"{notebook}: no `course = start(...)` cell")
    return out, activities, warnings


def build_source(
    modules_dir: Path,
    course_dir: Path,
    modules: list[str] | None = None,
    rubric: Rubric | None = None,
    scenarios_root: Path | None = None,
    source_name: str = "source",
    lang: str | None = None,
) -> list[ModuleSource]:
    """Write `<course_dir>/<source_name>/<module>/` for each module; return what was graded.

    `lang` (default: PARTNERSHIP_COURSE_LANG, else English) is the language of the feedback
    sentences the test cells print.
    """
    import nbformat

    from .checks import resolve_lang
    from .rubric import load_rubric

    lang = resolve_lang(lang)
    rubric = rubric or load_rubric()
    modules_dir = Path(modules_dir)
    names = modules or sorted(p.name for p in modules_dir.iterdir() if p.is_dir())
    results = []
    for module in names:
        src = modules_dir / module
        if not src.is_dir():
            raise SourceError(f"no module folder {src}")
        dest = Path(course_dir) / source_name / module
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        notebooks, activities, warnings = [], [], []
        for path in sorted(src.rglob("*")):
            rel = path.relative_to(src)
            if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
                continue
            target = dest / rel
            if path.is_dir():
                target.mkdir(exist_ok=True)
            elif path.suffix == ".ipynb":
                nb = nbformat.read(path, as_version=4)
                built, found, notes = build_notebook(
                    nb, module, path.stem, rubric, scenarios_root, lang
                )
                nbformat.write(built, target)
                notebooks.append(path.stem)
                activities += found
                warnings += notes
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
        if not notebooks:
            raise SourceError(f"{src} holds no notebooks")
        results.append(ModuleSource(module, notebooks, activities, warnings))
    return results


def verify_release(release_module_dir: Path) -> list[str]:
    """Problems in a generated release: answer cells must keep their activity call exactly."""
    import nbformat

    problems = []
    for path in sorted(Path(release_module_dir).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            is_answer = meta.get("grade_id", "").endswith(SEPARATOR + "answer")
            if meta.get("solution") and is_answer and not ACTIVITY_CALL.match(cell.source):
                problems.append(
                    f"{path.name}: {meta['grade_id']}: release code is {cell.source!r}; is "
                    "ClearSolutions.code_stub set to {'python': ''}?"
                )
    return problems
