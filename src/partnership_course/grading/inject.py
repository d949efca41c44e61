"""Write each learner's stored responses into their nbgrader submission.

Answers live in the response store, keyed by learner (= nbgrader student id), module and
activity id `<module>/<name>`. nbgrader autograde re-executes a clean copy of the notebook, so
`inject` puts every answer into the notebook itself, as the source of its activity cell:

    course.activity("why-partner", answer={"text": ("...exact text...")})

- An answered reflection changes its cell's source, so nbgrader's checksum sees a response and
  formgrader asks the coach for a score (never auto-zeroed).
- A missing answer (nothing saved, or only white space) leaves the release source unchanged, so
  nbgrader records 0 points and the comment "No response." (the report lists it as missing).
- Knowledge checks are scored by the locked test cell that follows.

The notebook nbgrader grades is always built from the release notebook, so its structure is
the one the gradebook knows: a cell the learner deleted is there again, a copied locked cell
cannot duplicate a grade id (nbgrader would keep the *last* copy, wherever it was pasted), and
every answer cell holds what the store holds, whatever the learner typed there. When a notebook
was collected (exchange or LMS), the cells the learner added or changed are appended at the end
as comments, so the coach sees them and none of them runs in the grading kernel. Learners who
worked only in Voila have no notebook to collect; that is fine.

Responses come from a store URL (a shared database) or from a `responses.json` export that
travels inside the learner's submission folder (`export_responses` writes one).
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..content.kinds import KINDS, is_answered
from .literal import answer_source
from .source import ACTIVITY_CALL, SEPARATOR

EXPORT_FORMAT = "partnership-course-responses"
EXPORT_NAME = "responses.json"


@dataclass
class Answer:
    """One stored answer, as injected."""

    activity: str
    kind: str
    value: Any
    updated_at: str = ""


@dataclass
class InjectResult:
    """What happened to one learner's submission of one module."""

    student: str
    module: str
    origin: str  # "store", "file" or "none"
    answered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    restored_cells: list[str] = field(default_factory=list)
    duplicate_cells: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    notebooks: list[str] = field(default_factory=list)


class InjectError(ValueError):
    """A submission could not be prepared (e.g. an export file for another learner)."""


# -- where responses come from -------------------------------------------------------------
def responses_from_store(store: Any, learner: str, module: str) -> dict[str, Answer]:
    """A learner's answers for one module from a `ResponseStore` (or its URL)."""
    if isinstance(store, str):
        from ..store import open_store

        store = open_store(store)
    return {
        r.activity: Answer(r.activity, r.kind, r.value, r.updated_at)
        for r in store.query(learner=learner, module=module)
    }


def export_responses(store: Any, learner: str, module: str, path: Path) -> Path:
    """Write one learner's answers for one module to a JSON file that travels with a submission."""
    answers = responses_from_store(store, learner, module)
    payload = {
        "format": EXPORT_FORMAT,
        "version": 1,
        "learner": learner,
        "module": module,
        "responses": [
            {"activity": a.activity, "kind": a.kind, "value": a.value, "updated_at": a.updated_at}
            for a in answers.values()
        ],
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def responses_from_file(path: Path, learner: str, module: str) -> dict[str, Answer]:
    """Answers from an export file; refuses a file that belongs to another learner or module."""
    try:
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InjectError(f"{path}: not a readable responses export ({exc})") from exc
    if not isinstance(payload, dict) or payload.get("format") != EXPORT_FORMAT:
        raise InjectError(f"{path}: not a {EXPORT_FORMAT} file")
    if payload.get("learner") != learner or payload.get("module") != module:
        raise InjectError(
            f"{path}: holds answers of {payload.get('learner')!r} for {payload.get('module')!r}, "
            f"but sits in the submission of {learner!r} for {module!r}"
        )
    out = {}
    for item in payload.get("responses", []):
        out[item["activity"]] = Answer(
            item["activity"], item.get("kind", ""), item.get("value"), item.get("updated_at", "")
        )
    return out


# -- notebooks -------------------------------------------------------------------------------
def _gid(cell: Any) -> str | None:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def _clean(cell: Any) -> Any:
    if cell.get("cell_type") == "code":
        cell["outputs"] = []
        cell["execution_count"] = None
    return cell


def _as_comment(cell: Any, index: int, taken: set[str]) -> Any:
    """A learner's own cell as a code cell of comments: shown (escaped) to the coach, never run."""
    import nbformat

    lines = str(cell.get("source", "")).split("\n")
    body = "\n".join("# " + line if line else "#" for line in lines)
    cid = f"learner-cell-{index}"
    while cid in taken:
        cid += "-x"
    taken.add(cid)
    note = f"# A {cell.get('cell_type', 'code')} cell the learner added (kept as text, not run):\n"
    return nbformat.v4.new_code_cell(note + body, id=cid)


def inject_notebook(
    release: Any,
    submitted: Any | None,
    module: str,
    answers: dict[str, Answer],
    result: InjectResult,
) -> Any:
    """The notebook to grade: the release with the answers written in, plus the learner's own
    cells (if a notebook was collected) appended as comments.

    The graded structure is always the release's, so a deleted cell is simply there again, a
    copied locked cell cannot duplicate a grade id or run before the cells it needs, and code
    a learner added never runs in the grading kernel; nothing the learner wrote is dropped.
    """
    nb = copy.deepcopy(release)
    if submitted is not None:
        present = [gid for c in submitted.cells if (gid := _gid(c))]
        wanted = [gid for c in release.cells if (gid := _gid(c))]
        result.restored_cells += [gid for gid in wanted if gid not in present]
        seen: set[str] = set()
        for gid in present:
            if gid in seen and gid not in result.duplicate_cells:
                result.duplicate_cells.append(gid)
            seen.add(gid)
        known = {str(c.source) for c in release.cells}
        taken = {c.get("id") for c in nb.cells}
        extras = [
            c
            for c in submitted.cells
            if not _gid(c) and str(c.get("source", "")).strip() and str(c.source) not in known
        ]
        nb.cells += [_as_comment(c, i, taken) for i, c in enumerate(extras, start=1)]
    for cell in nb.cells:
        _clean(cell)
        gid = _gid(cell)
        if not gid or not gid.endswith(SEPARATOR + "answer"):
            continue
        match = ACTIVITY_CALL.match(cell.source)
        if match is None:
            raise InjectError(f"release cell {gid} is not an activity call: {cell.source!r}")
        name = match.group(2)
        activity = name if "/" in name else f"{module}/{name}"
        answer = answers.get(activity)
        if answer is not None and is_answered(answer.kind, answer.value):
            entry = KINDS.get(answer.kind)  # private paths stay in the learner's own store
            value = entry.shareable(answer.value) if entry else answer.value
            cell.source = answer_source(name, value)
            result.answered.append(activity)
        else:
            result.missing.append(activity)
    used = set(result.answered) | set(result.missing)
    result.unused += sorted(set(answers) - used - set(result.unused))
    return nb


def _timestamp(answers: dict[str, Answer]) -> str:
    stamps = [a.updated_at for a in answers.values() if a.updated_at]
    when = max(stamps) if stamps else datetime.now(UTC).isoformat()
    return datetime.fromisoformat(when).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f %Z")


def inject_submission(
    course_dir: Path, module: str, student: str, store: Any = None
) -> InjectResult | None:
    """Prepare `submitted/<student>/<module>/`; None if the learner has nothing to submit."""
    import nbformat

    course_dir = Path(course_dir)
    release_dir = course_dir / "release" / module
    target = course_dir / "submitted" / student / module
    export = target / EXPORT_NAME
    if export.is_file():
        answers, origin = responses_from_file(export, student, module), "file"
    elif store is not None:
        answers, origin = responses_from_store(store, student, module), "store"
    else:
        answers, origin = {}, "none"
    if not answers and not target.is_dir():
        return None
    result = InjectResult(student, module, origin)
    target.mkdir(parents=True, exist_ok=True)
    releases = sorted(release_dir.glob("*.ipynb"))
    if not releases:
        raise InjectError(f"no release notebooks in {release_dir}; run `grade release` first")
    for path in releases:
        release = nbformat.read(path, as_version=4)
        mine = target / path.name
        submitted = nbformat.read(mine, as_version=4) if mine.is_file() else None
        nb = inject_notebook(release, submitted, module, answers, result)
        tmp = mine.with_suffix(".tmp")
        nbformat.write(nb, tmp)
        tmp.replace(mine)
        result.notebooks.append(path.stem)
    stamp = target / "timestamp.txt"
    if not stamp.is_file():
        stamp.write_text(_timestamp(answers), encoding="utf-8")
    return result


def learners_in(store: Any, module: str) -> list[str]:
    """Learners with at least one stored answer in `module`."""
    if store is None:
        return []
    if isinstance(store, str):
        from ..store import open_store

        store = open_store(store)
    return sorted({r.learner for r in store.query(module=module)})


_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,199}$")


def inject_cohort(
    course_dir: Path, modules: list[str], store: Any = None, students: list[str] | None = None
) -> list[InjectResult]:
    """`inject_submission` for every learner with answers or a collected submission."""
    course_dir = Path(course_dir)
    results = []
    for module in modules:
        found = set(learners_in(store, module))
        submitted = course_dir / "submitted"
        if submitted.is_dir():
            found |= {p.parent.name for p in submitted.glob(f"*/{module}") if p.is_dir()}
        for student in sorted(found):
            if students and student not in students:
                continue
            if not _SAFE_ID.match(student):
                raise InjectError(f"learner id {student!r} cannot be a folder name")
            result = inject_submission(course_dir, module, student, store)
            if result is not None:
                results.append(result)
    return results
