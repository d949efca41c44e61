"""Autograde a cohort in parallel worker processes, with exactly sequential nbgrader's results.

nbgrader autogrades one submission at a time and keeps everything in one gradebook, which
SQLite does not let several processes write safely (nbgrader issue #174). So, as suggested
there, the cohort is split by learner into shards. Each shard is a temporary course folder with
its own SQLite gradebook that holds a copy of the course's assignment structure (notebooks,
grade cells, source cells with their checksums and hidden tests), its learners' submissions,
and the course's own nbgrader configuration. One worker process per shard runs nbgrader's own
`Autograde` converter on each submission. When the workers are done, each graded submission is
merged into the course gradebook as `SaveAutoGrades` and `AssignLatePenalties` would have
written it (auto scores, the needs-manual-grading flag, which keeps any coach's score,
auto comments, timestamps, late penalties), and its `autograded/` folder is moved in.
A failed submission is reported and leaves the course gradebook untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .progress import Progress

STRUCTURE_TABLES = (
    "course",
    "assignment",
    "notebook",
    "base_cell",
    "grade_cells",
    "solution_cells",
    "task_cells",
    "source_cell",
)


@dataclass
class Job:
    """One submission to autograde."""

    student: str
    module: str


@dataclass
class JobResult:
    """How one submission went."""

    student: str
    module: str
    success: bool
    seconds: float = 0.0
    error: str = ""


@dataclass
class GradeRun:
    """The outcome of `grade_cohort`."""

    results: list[JobResult] = field(default_factory=list)
    skipped: list[Job] = field(default_factory=list)
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # prepare, autograde, merge

    @property
    def failures(self) -> list[JobResult]:
        """Submissions that could not be graded."""
        return [r for r in self.results if not r.success]

    def summary(self) -> str:
        """A plain summary, failures first with the end of their error."""
        ok = sum(r.success for r in self.results)
        lines = [
            f"Autograded {ok} of {len(self.results)} submissions in {self.seconds:.1f} s"
            + (
                f"; skipped {len(self.skipped)} already graded (use --force to redo)"
                if self.skipped
                else ""
            )
            + "."
        ]
        for failure in self.failures:
            tail = [ln for ln in failure.error.strip().splitlines() if ln.strip()][-3:]
            lines.append(f"FAILED {failure.student} / {failure.module}: " + " | ".join(tail))
        return "\n".join(lines)


def plan_jobs(
    course_dir: Path, modules: list[str], students: list[str] | None = None, force: bool = False
) -> tuple[list[Job], list[Job]]:
    """(jobs to run, jobs skipped because `autograded/` already has them)."""
    course_dir = Path(course_dir)
    todo, skipped = [], []
    for module in modules:
        for folder in sorted((course_dir / "submitted").glob(f"*/{module}")):
            student = folder.parent.name
            if not folder.is_dir() or (students and student not in students):
                continue
            job = Job(student, module)
            if not force and (course_dir / "autograded" / student / module).exists():
                skipped.append(job)
            else:
                todo.append(job)
    return todo, skipped


def shard_jobs(jobs: list[Job], workers: int) -> list[list[Job]]:
    """Split by learner (a learner's submissions share a shard), balancing submission counts."""
    by_student: dict[str, list[Job]] = {}
    for job in jobs:
        by_student.setdefault(job.student, []).append(job)
    shards: list[list[Job]] = [[] for _ in range(max(1, workers))]
    for student in sorted(by_student, key=lambda s: (-len(by_student[s]), s)):
        min(shards, key=len).extend(by_student[student])
    return [s for s in shards if s]


def copy_structure(master_url: str, shard_url: str, course_id: str) -> None:
    """Create a gradebook at `shard_url` holding the master's assignments, notebooks and cells."""
    import sqlalchemy as sa
    from nbgrader.api import Base, Gradebook

    Gradebook(shard_url, course_id).close()
    source = sa.create_engine(master_url)
    target = sa.create_engine(shard_url)
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    with source.connect() as read, target.begin() as write:
        write.execute(tables["course"].delete())
        for name in STRUCTURE_TABLES:
            rows = [dict(r) for r in read.execute(sa.select(tables[name])).mappings()]
            if rows:
                write.execute(tables[name].insert(), rows)
    source.dispose()
    target.dispose()


def _prepare_shard(course_dir: Path, shard_dir: Path, jobs: list[Job], config: Any) -> None:
    from .nbg import db_url

    source = course_dir / str(config.CourseDirectory.get("source_directory", "source"))
    shard_dir.mkdir(parents=True)
    os.symlink(source.resolve(), shard_dir / "source", target_is_directory=True)
    for job in jobs:
        src = course_dir / "submitted" / job.student / job.module
        shutil.copytree(src, shard_dir / "submitted" / job.student / job.module)
    course_id = config.CourseDirectory.get("course_id", "") or "default_course"
    copy_structure(db_url(course_dir, config), f"sqlite:///{shard_dir / 'gradebook.db'}", course_id)
    (shard_dir / "jobs.json").write_text(
        json.dumps([[j.student, j.module] for j in jobs]), encoding="utf-8"
    )


def shard_config(course_dir: Path, shard_dir: Path) -> Any:
    """The course's nbgrader config, pointed at a shard folder and its own gradebook."""
    from .nbg import load_config

    config = load_config(course_dir)
    config.CourseDirectory.root = str(shard_dir)
    config.CourseDirectory.db_url = f"sqlite:///{shard_dir / 'gradebook.db'}"
    config.CourseDirectory.source_directory = "source"
    return config


def run_worker(course_dir: Path, shard_dir: Path) -> int:
    """Worker process: autograde the shard's jobs in order, one JSON line per submission."""
    import logging
    import time

    from .nbg import api

    logging.getLogger().setLevel(logging.ERROR)
    jobs = json.loads((shard_dir / "jobs.json").read_text(encoding="utf-8"))
    nbapi = api(shard_dir, shard_config(course_dir, shard_dir))
    for student, module in jobs:
        started = time.monotonic()
        try:
            result = nbapi.autograde(module, student, force=True, create=True)
            ok, error = bool(result["success"]), result.get("error") or ""
            if not ok:
                error = error or result.get("log", "")
        except Exception:  # one broken submission must not stop the shard
            ok, error = False, traceback.format_exc()
        line = {
            "student": student,
            "module": module,
            "success": ok,
            "seconds": round(time.monotonic() - started, 3),
            "error": error,
        }
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()
    return 0


def merge_shard(course_dir: Path, shard_dir: Path, done: list[JobResult], config: Any) -> None:
    """Write the shard's autograde results for `done` submissions into the course gradebook."""
    import warnings

    from nbgrader.api import Gradebook
    from nbgrader.preprocessors import AssignLatePenalties
    from sqlalchemy.exc import SAWarning

    from .nbg import db_url

    course_id = config.CourseDirectory.get("course_id", "") or "default_course"
    penalties = AssignLatePenalties(config=config)
    penalties.init_plugin()
    shard_url = f"sqlite:///{shard_dir / 'gradebook.db'}"
    with (
        warnings.catch_warnings(),
        Gradebook(shard_url, course_id) as shard,
        Gradebook(db_url(course_dir, config), course_id) as master,
    ):
        # nbgrader's own update_or_create_submission triggers SQLAlchemy autoflush warnings
        warnings.filterwarnings("ignore", category=SAWarning)
        for job in done:
            graded = shard.find_submission(job.module, job.student)
            student = shard.find_student(job.student)
            master.update_or_create_student(
                job.student,
                first_name=student.first_name,
                last_name=student.last_name,
                email=student.email,
                lms_user_id=student.lms_user_id,
            )
            if graded.timestamp is not None:
                mine = master.update_or_create_submission(
                    job.module, job.student, timestamp=graded.timestamp
                )
            else:
                mine = master.update_or_create_submission(job.module, job.student)
            for notebook in graded.notebooks:
                mine_nb = master.find_submission_notebook(notebook.name, job.module, job.student)
                grades = {g.name: g for g in mine_nb.grades}
                for grade in notebook.grades:
                    target = grades[grade.name]
                    target.auto_score = grade.auto_score
                    target.needs_manual_grade = (target.manual_score is not None) or (
                        grade.auto_score is None
                    )
                comments = {c.name: c for c in mine_nb.comments}
                for comment in notebook.comments:
                    comments[comment.name].auto_comment = comment.auto_comment
                master.db.commit()
                master.db.refresh(mine_nb)
                mine_nb.late_submission_penalty = None
                if mine.total_seconds_late > 0:
                    penalty = penalties.plugin_inst.late_submission_penalty(
                        job.student, mine_nb.score, mine.total_seconds_late
                    )
                    if penalty is not None:
                        mine_nb.late_submission_penalty = penalties._check_late_penalty(
                            mine_nb, penalty
                        )
                master.db.commit()
            dest = course_dir / "autograded" / job.student / job.module
            if dest.exists():
                shutil.rmtree(dest)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(shard_dir / "autograded" / job.student / job.module), dest)


def grade_cohort(
    course_dir: Path,
    modules: list[str],
    workers: int | None = None,
    students: list[str] | None = None,
    force: bool = False,
    quiet: bool = False,
    keep_shards: bool = False,
    lang: str | None = None,
) -> GradeRun:
    """Autograde every collected submission of `modules` in `workers` processes.

    `lang`, when given, becomes the workers' (and so the grading kernels')
    PARTNERSHIP_COURSE_LANG: the language answers are labelled in while grading.
    """
    import time

    from .nbg import ensure_tools_on_path, load_config

    ensure_tools_on_path()
    started = time.monotonic()
    course_dir = Path(course_dir).resolve()
    config = load_config(course_dir)
    jobs, skipped = plan_jobs(course_dir, modules, students, force)
    run = GradeRun(skipped=skipped)
    if not jobs:
        run.seconds = time.monotonic() - started
        return run
    # one more worker than cores: each worker waits on its kernel part of the time (measured on
    # 2 cores, 60 learners x 3 modules: 2 workers 1.5-1.6x, 3 workers 1.8x faster than nbgrader)
    workers = workers or max(1, min((os.cpu_count() or 1) + 1, 8))
    shards = shard_jobs(jobs, workers)
    scratch = Path(tempfile.mkdtemp(prefix="pc-grade-"))
    lock = threading.Lock()
    per_shard: list[list[JobResult]] = [[] for _ in shards]
    try:
        for index, shard in enumerate(shards):
            _prepare_shard(course_dir, scratch / f"shard-{index}", shard, config)
        run.phases["prepare"] = time.monotonic() - started
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        if lang:
            env["PARTNERSHIP_COURSE_LANG"] = lang
        with Progress(len(jobs), "Autograding", quiet=quiet) as bar:
            procs = []
            for index in range(len(shards)):
                cmd = [
                    sys.executable,
                    "-m",
                    "partnership_course.grading.parallel",
                    str(course_dir),
                    str(scratch / f"shard-{index}"),
                ]
                log = open(scratch / f"shard-{index}.log", "wb")  # noqa: SIM115
                proc = subprocess.Popen(
                    cmd, stdout=subprocess.PIPE, stderr=log, env=env, text=True, encoding="utf-8"
                )
                procs.append((proc, log))

            def pump(index: int, proc: subprocess.Popen[str]) -> None:
                assert proc.stdout is not None
                for raw in proc.stdout:
                    try:
                        item = json.loads(raw)
                    except ValueError:
                        continue
                    result = JobResult(
                        item["student"],
                        item["module"],
                        item["success"],
                        item["seconds"],
                        item["error"],
                    )
                    with lock:
                        per_shard[index].append(result)
                        note = f"{result.student} / {result.module}"
                        bar.advance(
                            ("FAILED " if not result.success else "") + note,
                            failed=not result.success,
                        )

            threads = [threading.Thread(target=pump, args=(i, p)) for i, (p, _) in enumerate(procs)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            for proc, log in procs:
                proc.wait()
                log.close()
        run.phases["autograde"] = time.monotonic() - started - run.phases["prepare"]
        merging = time.monotonic()
        for index, shard in enumerate(shards):
            reported = {(r.student, r.module) for r in per_shard[index]}
            if len(reported) < len(shard):
                tail = (scratch / f"shard-{index}.log").read_text(errors="replace")[-2000:]
                for job in shard:
                    if (job.student, job.module) not in reported:
                        per_shard[index].append(
                            JobResult(
                                job.student,
                                job.module,
                                False,
                                0.0,
                                f"worker stopped before grading this submission:\n{tail}",
                            )
                        )
            done = [r for r in per_shard[index] if r.success]
            merge_shard(course_dir, scratch / f"shard-{index}", done, config)
            run.results += per_shard[index]
        run.phases["merge"] = time.monotonic() - merging
    finally:
        if not keep_shards:
            shutil.rmtree(scratch, ignore_errors=True)
    order = {(j.student, j.module): n for n, j in enumerate(jobs)}
    run.results.sort(key=lambda r: order.get((r.student, r.module), 0))
    run.seconds = time.monotonic() - started
    return run


def grade_sequential(course_dir: Path, modules: list[str], force: bool = True) -> float:
    """Plain `nbgrader autograde <module>` for each module, one after the other; seconds taken."""
    import time

    from .nbg import ensure_tools_on_path

    ensure_tools_on_path()
    started = time.monotonic()
    nbgrader = shutil.which("nbgrader") or str(Path(sys.executable).parent / "nbgrader")
    for module in modules:
        cmd = [nbgrader, "autograde", module] + (["--force"] if force else [])
        done = subprocess.run(cmd, cwd=course_dir, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"nbgrader autograde {module} failed:\n{done.stderr[-3000:]}")
    return time.monotonic() - started


def snapshot(url: str, course_id: str = "default_course") -> list[tuple[Any, ...]]:
    """Every autograde result in a gradebook, sorted, for comparing two gradebooks exactly."""
    from nbgrader.api import Gradebook

    rows: list[tuple[Any, ...]] = []
    with Gradebook(url, course_id) as gb:
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                stamp = sub.timestamp.isoformat() if sub.timestamp else None
                rows.append(("submission", assignment.name, sub.student_id, stamp))
                for nb in sub.notebooks:
                    rows.append(
                        (
                            "penalty",
                            assignment.name,
                            sub.student_id,
                            nb.name,
                            nb.late_submission_penalty,
                        )
                    )
                    for g in nb.grades:
                        rows.append(
                            (
                                "grade",
                                assignment.name,
                                sub.student_id,
                                nb.name,
                                g.name,
                                g.auto_score,
                                g.manual_score,
                                g.needs_manual_grade,
                                g.max_score,
                            )
                        )
                    for c in nb.comments:
                        rows.append(
                            (
                                "comment",
                                assignment.name,
                                sub.student_id,
                                nb.name,
                                c.name,
                                c.auto_comment,
                                c.manual_comment,
                            )
                        )
    return sorted(rows, key=repr)


if __name__ == "__main__":
    sys.exit(run_worker(Path(sys.argv[1]), Path(sys.argv[2])))
