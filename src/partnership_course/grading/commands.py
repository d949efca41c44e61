"""`partnership-course grade | report | certificate`: the coach's commands, and `export`: the
learner's way to hand in answers through an LMS.

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
STEPS = ("source", "release", "inject", "autograde", "feedback", "all", "passback", "review")


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
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="the course gradebook, e.g. postgresql+psycopg://grader@db/gradebook "
        "(default: $PARTNERSHIP_COURSE_GRADEBOOK, else the course folder's db_url or gradebook.db)",
    )


def _lang_arg(parser: argparse.ArgumentParser, what: str) -> None:
    from ..i18n import SUPPORTED

    parser.add_argument(
        "--lang",
        choices=SUPPORTED,
        default=None,
        help=f"language of {what} (default: $PARTNERSHIP_COURSE_LANG, else English)",
    )


def _lang(args: argparse.Namespace) -> str:
    from .checks import resolve_lang

    return resolve_lang(getattr(args, "lang", None))


def _course_dir(args: argparse.Namespace) -> Path:
    if getattr(args, "db", None):
        import os

        from .nbg import GRADEBOOK_ENV

        # the course settings (nbg.apply_settings) read it, so nbgrader, the workers' merge,
        # report and certificate all use this one gradebook
        os.environ[GRADEBOOK_ENV] = args.db
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
        "submitted/), autograde (parallel, the default), feedback (a page in words per "
        "learner and module; --nbgrader-feedback adds nbgrader's own), all (inject + "
        "autograde), passback (post scores to the LMS; also done after every autograde when "
        "$PARTNERSHIP_COURSE_LTI names an LTI registration), review (the coaches' grading "
        "page: locally, or as a JupyterHub service)."
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
        "--workers", type=int, default=None, help="worker processes (default: number of cores + 1)"
    )
    parser.add_argument("--force", action="store_true", help="regrade graded submissions")
    parser.add_argument(
        "--nbgrader-feedback",
        action="store_true",
        help="feedback step: also write nbgrader's own feedback (the graded notebooks as HTML, "
        "in <course>/feedback, for `nbgrader release_feedback`)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="feedback step: folder for the feedback pages (default: <course>/feedback-pages)",
    )
    parser.add_argument(
        "--pdf", action="store_true", help="feedback step: a PDF beside every feedback page"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument(
        "--port", type=int, default=0, help="review step: port (default: a free one)"
    )
    _lang_arg(
        parser,
        "the feedback sentences the test cells print (source, release) and of the answers "
        "shown while grading",
    )
    return run_grade


def run_grade(args: argparse.Namespace) -> int:
    """Handler of `partnership-course grade`."""
    course_dir = _course_dir(args)
    step = args.step
    lang = _lang(args)
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
            load_rubric(rubric_path, lang),
            lang=lang,
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
    if step == "review":
        from .review_server import serve

        serve(course_dir, lang, args.port)
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
    if step == "passback":
        from ..lti.commands import run_grade_passback

        return run_grade_passback(
            course_dir, _course_id(course_dir), args.responses, modules, args.quiet
        )
    if step == "feedback":
        from .learner_feedback import write_feedback

        pages = write_feedback(course_dir, modules, lang, args.out, args.students, pdf=args.pdf)
        where = args.out or course_dir / "feedback-pages"
        print(f"Wrote {len(pages)} feedback pages in {where}")
        if not args.nbgrader_feedback:
            return 0
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
        lang=args.lang,
    )
    print(run.summary())
    from .gradebook import settle_missing
    from .nbg import db_url

    settled = settle_missing(db_url(course_dir), _course_id(course_dir), modules)
    if settled:
        print(f"{settled} coach criteria of unwritten reflections scored 0 (nothing to read).")
    if os.environ.get("PARTNERSHIP_COURSE_LTI"):
        from ..lti.commands import run_grade_passback

        run_grade_passback(course_dir, _course_id(course_dir), args.responses, modules, True)
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
    parser.add_argument("--title", default=None, help='default: "Cohort report" (translated)')
    parser.add_argument(
        "--responses",
        default=os.environ.get("PARTNERSHIP_COURSE_STORE"),
        help="response store URL for the knowledge test's gain per item "
        "(default: $PARTNERSHIP_COURSE_STORE, else the default store)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    _lang_arg(parser, "the HTML report (report.csv stays in English)")
    return run_report


def _roster(path: Path | None) -> list[str]:
    if path is None:
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def run_report(args: argparse.Namespace) -> int:
    """Handler of `partnership-course report`."""
    from ..knowledge_view import cohort_context
    from ..store import open_store
    from .certificate import load_course_info
    from .learner_feedback import write_learner_pages
    from .nbg import db_url
    from .report import cohort_frame, names_for, summarize, write_report

    course_dir = _course_dir(args)
    lang = _lang(args)
    frame = cohort_frame(
        db_url(course_dir), _course_id(course_dir), _roster(args.roster), quiet=args.quiet
    )
    if args.modules:
        frame = frame[frame["module"].isin(args.modules)]
    modules = sorted(frame["module"].unique()) if len(frame) else []
    info_path = course_dir / "course.yaml"
    info = load_course_info(info_path if info_path.is_file() else None, modules, lang)
    out = args.out or course_dir / "reports"
    cohort = sorted(frame["learner"].unique()) if len(frame) else None
    knowledge = cohort_context(open_store(args.responses), lang, cohort)
    names = names_for(frame, lang, info)
    csv_path, html_path = write_report(frame, out, args.title, lang, names, knowledge)
    pages = write_learner_pages(course_dir, modules, out / "learners", lang)
    s = summarize(frame)
    print(
        f"{s.learners} learners, {len(s.not_started)} not started, {len(s.to_grade)} "
        f"reflections to grade, {len(s.missing)} missing answers."
    )
    print(f"Wrote {html_path}, {csv_path} and {len(pages)} learner pages in {out / 'learners'}")
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
    parser.add_argument("--no-pdf", action="store_true", help="HTML only (faster)")
    _lang_arg(parser, "the certificates (and of course.yaml titles given per language)")
    return run_certificate


def run_certificate(args: argparse.Namespace) -> int:
    """Handler of `partnership-course certificate`."""
    from .certificate import learner_names, load_course_info, write_certificates
    from .nbg import db_url
    from .report import cohort_frame

    course_dir = _course_dir(args)
    info_path = args.course_info or course_dir / "course.yaml"
    modules = args.modules or _modules(args, course_dir)
    lang = _lang(args)
    info = load_course_info(info_path if info_path.is_file() else None, modules, lang)
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
        lang=lang,
    )
    pages = [p for p in written if p.suffix == ".html"]
    print(f"{len(pages)} learners completed every module ({', '.join(info.modules)}).")
    for path in written:
        print(f"  {path}")
    return 0


# -- export (learners) ---------------------------------------------------------------------
def add_export_arguments(parser: argparse.ArgumentParser) -> Handler:
    """Arguments of `partnership-course export`; returns its handler."""
    parser.description = (
        "Write your saved answers for one module to responses.json, to hand in with your work "
        "(an LMS upload, or inside the assignment folder before `nbgrader submit`)."
    )
    parser.add_argument("--module", required=True, help="module id, e.g. 01-dual-capacity")
    parser.add_argument(
        "--learner",
        default=None,
        help="learner id (default: you: $PARTNERSHIP_COURSE_LEARNER, $JUPYTERHUB_USER, "
        "else your user name)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("."),
        help="folder to write responses.json into (default: the current folder)",
    )
    parser.add_argument(
        "--responses",
        default=os.environ.get("PARTNERSHIP_COURSE_STORE"),
        help="response store URL (default: $PARTNERSHIP_COURSE_STORE, else the course's own "
        "store on this computer)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace a responses.json that holds another learner's or module's answers",
    )
    _lang_arg(parser, "the messages")
    return run_export


def _export_owner(path: Path) -> tuple[str, str] | None:
    """(learner, module) of an existing export file, or None if it is not one."""
    import json

    from .inject import EXPORT_FORMAT

    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("format") != EXPORT_FORMAT:
        return None
    return str(payload.get("learner")), str(payload.get("module"))


def run_export(args: argparse.Namespace) -> int:
    """Handler of `partnership-course export`."""
    from ..store import open_store
    from .checks import gettext
    from .inject import EXPORT_NAME, export_responses, responses_from_store

    lang = _lang(args)
    if args.learner:
        learner = args.learner.strip()
    else:
        from ..context import current_learner

        learner = current_learner()
    module = args.module.strip().strip("/")
    target = Path(args.out) / EXPORT_NAME
    store = open_store(args.responses)
    answers = responses_from_store(store, learner, module)
    if not answers:
        print(
            gettext("No saved answers of {learner} for module {module}.", lang).format(
                learner=learner, module=module
            ),
            file=sys.stderr,
        )
        others = sorted({r.module for r in store.query(learner=learner)})
        if others:
            print(
                gettext("Saved answers exist for: {modules}.", lang).format(
                    modules=", ".join(others)
                ),
                file=sys.stderr,
            )
        return 1
    owner = _export_owner(target) if target.exists() else None
    if target.exists() and owner != (learner, module) and not args.force:
        print(
            gettext(
                "{path} already exists and holds other answers; choose another folder with "
                "--out, or replace it with --force.",
                lang,
            ).format(path=target),
            file=sys.stderr,
        )
        return 1
    export_responses(store, learner, module, target)
    count = len(answers)
    print(
        gettext(
            "Wrote {path}: {count} saved answers of {learner} for module {module}. Hand in "
            "this file with your work.",
            lang,
        ).format(path=target, count=count, learner=learner, module=module)
    )
    return 0
