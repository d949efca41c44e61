"""`partnership-course grade | report | certificate`: the coach's commands.

See grader/README.md, the coach's runbook.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

Handler = Callable[[argparse.Namespace], int]
STEPS = ("source", "release", "inject", "autograde", "feedback", "all")


def _default_course_dir() -> Path:
    from ..content.paths import course_root

    root = course_root()
    if root is not None and (root / "grader").is_dir() and Path.cwd() == root:
        return root / "grader"
    return Path.cwd()


def _course_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--course-dir",
        type=Path,
        default=None,
        help="nbgrader course folder (default: grader/ from a checkout's root, "
        "else the current folder)",
    )
    parser.add_argument(
        "--modules",
        nargs="+",
        default=None,
        metavar="MODULE",
        help="modules (nbgrader assignments) to work on (default: all)",
    )


def _course_dir(args: argparse.Namespace) -> Path:
    return (args.course_dir or _default_course_dir()).resolve()


def _course_id(course_dir: Path) -> str:
    from .nbg import load_config

    return load_config(course_dir).CourseDirectory.get("course_id", "") or "default_course"


def _modules(args: argparse.Namespace, course_dir: Path, step: str = "") -> list[str]:
    if args.modules:
        return list(args.modules)
    if step == "source":
        from ..content.paths import modules_dir

        base = Path(args.modules_dir) if args.modules_dir else modules_dir()
    else:
        base = course_dir / "source"
    return sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


# -- grade -------------------------------------------------------------------------------
def add_grade_arguments(parser: argparse.ArgumentParser) -> Handler:
    """Arguments of `partnership-course grade`; returns its handler."""
    parser.description = (
        "Prepare and autograde the cohort. Steps: source (build nbgrader's source folder from "
        "modules/), release (source + generate_assignment), inject (write stored responses into "
        "submitted/), autograde (parallel, the default), feedback (generate_feedback), "
        "all (inject + autograde)."
    )
    parser.add_argument("step", nargs="?", choices=STEPS, default="autograde")
    _course_args(parser)
    parser.add_argument("--modules-dir", default=None, help="module notebooks (default: modules/)")
    parser.add_argument(
        "--rubric",
        type=Path,
        default=None,
        help="rubric file (default: rubric.yaml in the course folder)",
    )
    parser.add_argument(
        "--responses",
        default=os.environ.get("PARTNERSHIP_COURSE_STORE"),
        help="response store URL (default: $PARTNERSHIP_COURSE_STORE); "
        "responses.json files inside submissions are always used first",
    )
    parser.add_argument("--students", nargs="+", default=None, metavar="ID")
    parser.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: number of cores)"
    )
    parser.add_argument("--force", action="store_true", help="regrade graded submissions")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return run_grade


def run_grade(args: argparse.Namespace) -> int:
    """Handler of `partnership-course grade`."""
    course_dir = _course_dir(args)
    step = args.step
    if step in ("source", "release"):
        from ..content.paths import modules_dir
        from .rubric import load_rubric
        from .source import build_source

        rubric_path = args.rubric or course_dir / "rubric.yaml"
        modules = _modules(args, course_dir, "source")
        built = build_source(
            Path(args.modules_dir) if args.modules_dir else modules_dir(),
            course_dir,
            modules,
            load_rubric(rubric_path),
        )
        for module in built:
            print(
                f"{module.module}: {len(module.activities)} activities, "
                f"{module.max_points:g} points -> {course_dir / 'source' / module.module}"
            )
            for warning in module.warnings:
                print(f"  warning: {warning}", file=sys.stderr)
        if step == "release":
            from .nbg import generate_release

            failed = False
            for module, problems in generate_release(course_dir, modules).items():
                print(f"{module}: release {'FAILED' if problems else 'ok'}")
                for problem in problems:
                    failed = True
                    print(f"  {problem}", file=sys.stderr)
            return 1 if failed else 0
        return 0
    modules = _modules(args, course_dir)
    if not modules:
        print(f"no modules in {course_dir / 'source'}; run `grade release` first", file=sys.stderr)
        return 2
    if step in ("inject", "all"):
        from .inject import InjectError, inject_cohort

        try:
            results = inject_cohort(course_dir, modules, args.responses, args.students)
        except InjectError as exc:
            print(f"inject: {exc}", file=sys.stderr)
            return 1
        for r in results:
            extra = []
            if r.restored_cells:
                extra.append(f"restored {', '.join(r.restored_cells)}")
            if r.duplicate_cells:
                extra.append(f"removed copies of {', '.join(r.duplicate_cells)}")
            print(
                f"{r.student} / {r.module} ({r.origin}): {len(r.answered)} answered, "
                f"{len(r.missing)} missing" + (f"; {'; '.join(extra)}" if extra else "")
            )
        print(f"Prepared {len(results)} submissions.")
        if step == "inject":
            return 0
    if step == "feedback":
        from .nbg import api

        nbapi = api(course_dir)
        failed = False
        for module in modules:
            result = nbapi.generate_feedback(module)
            failed |= not result["success"]
            print(f"{module}: feedback {'ok' if result['success'] else 'FAILED'}")
            if not result["success"]:
                print(result.get("error") or result.get("log", ""), file=sys.stderr)
        return 1 if failed else 0
    from .parallel import grade_cohort

    run = grade_cohort(
        course_dir,
        modules,
        workers=args.workers,
        students=args.students,
        force=args.force,
        quiet=args.quiet,
    )
    print(run.summary())
    return 1 if run.failures else 0


# -- report --------------------------------------------------------------------------------
def add_report_arguments(parser: argparse.ArgumentParser) -> Handler:
    """Arguments of `partnership-course report`; returns its handler."""
    _course_args(parser)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for report.html and report.csv (default: <course>/reports)",
    )
    parser.add_argument(
        "--roster",
        type=Path,
        default=None,
        help="file with one learner id per line (adds learners not yet seen)",
    )
    parser.add_argument("--title", default="Cohort report")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return run_report


def _roster(path: Path | None) -> list[str]:
    if path is None:
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def run_report(args: argparse.Namespace) -> int:
    """Handler of `partnership-course report`."""
    from .nbg import db_url
    from .report import cohort_frame, summarise, write_report

    course_dir = _course_dir(args)
    frame = cohort_frame(
        db_url(course_dir), _course_id(course_dir), _roster(args.roster), quiet=args.quiet
    )
    if args.modules:
        frame = frame[frame["module"].isin(args.modules)]
    csv_path, html_path = write_report(frame, args.out or course_dir / "reports", args.title)
    s = summarise(frame)
    print(
        f"{s.learners} learners, {len(s.not_started)} not started, {len(s.to_grade)} "
        f"reflections to grade, {len(s.missing)} missing answers."
    )
    print(f"Wrote {html_path} and {csv_path}")
    return 0


# -- certificate ---------------------------------------------------------------------------
def add_certificate_arguments(parser: argparse.ArgumentParser) -> Handler:
    """Arguments of `partnership-course certificate`; returns its handler."""
    _course_args(parser)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for certificates (default: <course>/certificates)",
    )
    parser.add_argument(
        "--course-info",
        type=Path,
        default=None,
        help="course.yaml with titles and hours (default: <course>/course.yaml)",
    )
    parser.add_argument("--date", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument(
        "--min-score",
        type=float,
        default=0.0,
        help="minimum percentage of points per module (default 0)",
    )
    parser.add_argument("--no-pdf", action="store_true", help="HTML only")
    return run_certificate


def run_certificate(args: argparse.Namespace) -> int:
    """Handler of `partnership-course certificate`."""
    from .certificate import learner_names, load_course_info, pdf_available, write_certificates
    from .nbg import db_url
    from .report import cohort_frame

    course_dir = _course_dir(args)
    info_path = args.course_info or course_dir / "course.yaml"
    modules = args.modules or _modules(args, course_dir)
    info = load_course_info(info_path if info_path.is_file() else None, modules)
    url, course_id = db_url(course_dir), _course_id(course_dir)
    frame = cohort_frame(url, course_id)
    written = write_certificates(
        frame,
        info,
        args.out or course_dir / "certificates",
        args.date,
        learner_names(url, course_id),
        args.min_score,
        pdf=not args.no_pdf,
    )
    pages = [p for p in written if p.suffix == ".html"]
    print(f"{len(pages)} learners completed every module ({', '.join(info.modules)}).")
    if not args.no_pdf and not pdf_available():
        print("PDF skipped: install fpdf2 for PDF certificates.", file=sys.stderr)
    for path in written:
        print(f"  {path}")
    return 0
