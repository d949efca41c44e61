"""`partnership-course lti keys | addresses | passback | audit`, and `grade passback`.

`lti passback --watch` is what the hub runs as a service, so a completed module reaches the LMS
within a minute; `grade passback` (and every `grade` run, when an LTI registration is set up)
posts what the coach's grading changed.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

from .settings import SettingsError, load_settings, write_key


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lti-config",
        default=None,
        help="the registration file lti.yaml (default: $PARTNERSHIP_COURSE_LTI)",
    )
    parser.add_argument(
        "--responses",
        default=os.environ.get("PARTNERSHIP_COURSE_STORE"),
        help="response store URL, where the LTI tables live (default: $PARTNERSHIP_COURSE_STORE)",
    )


def add_arguments(parser: argparse.ArgumentParser):  # type: ignore[no-untyped-def]
    """Arguments of `partnership-course lti`; returns its handler."""
    parser.description = "LTI 1.3: the tool's key and addresses, grade passback, the audit."
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    keys = sub.add_parser("keys", help="make the tool's private key (PEM)")
    keys.add_argument("path", type=Path, help="where to write the key, e.g. /srv/lti/tool.pem")
    addresses = sub.add_parser("addresses", help="print what to type into the LMS registration")
    _common(addresses)
    run = sub.add_parser("passback", help="post completed modules and scores to the LMS")
    _common(run)
    run.add_argument("--course", default=None, help="only this course id (default: all)")
    run.add_argument("--modules", nargs="+", default=None, metavar="MODULE")
    run.add_argument(
        "--watch",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="keep running, a pass every SECONDS (the hub service does this)",
    )
    audit = sub.add_parser("audit", help="every post to the LMS, as a table or CSV")
    _common(audit)
    audit.add_argument("--course", default=None)
    audit.add_argument("--user", default=None)
    audit.add_argument("--csv", action="store_true", help="CSV on standard output")
    return run_lti


def run_lti(args: argparse.Namespace) -> int:
    try:
        if args.action == "keys":
            path = write_key(args.path)
            print(f"Wrote the tool's private key to {path} (keep it secret; back it up).")
            return 0
        if args.action == "audit":
            return _print_audit(args)
        settings = load_settings(args.lti_config)
        if args.action == "addresses":
            for name, url in settings.addresses().items():
                print(f"{name}: {url}")
            print("scopes: " + " ".join(_scopes()))
            return 0
        return _passback_loop(settings, args)
    except SettingsError as exc:
        print(f"lti: {exc}", file=sys.stderr)
        return 2


def _scopes() -> tuple[str, ...]:
    from .settings import AGS_SCOPES

    return AGS_SCOPES


def _gradebooks(settings, course: str | None):  # type: ignore[no-untyped-def]
    """(course id, (gradebook URL, course id)) for each registered course with a folder."""
    from ..grading.nbg import db_url

    for link in settings.courses:
        if course and link.course != course:
            continue
        if link.folder and (link.folder / "nbgrader_config.py").is_file():
            yield link.course, (db_url(link.folder), link.course)
        else:
            yield link.course, None


def _passback_loop(settings, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from .passback import passback

    while True:
        failed = False
        for course, gradebook in _gradebooks(settings, args.course):
            try:
                run = passback(
                    settings,
                    args.responses,
                    course=course,
                    modules=args.modules,
                    gradebook=gradebook,
                )
            except Exception as exc:  # the store or gradebook is down: say so, try next pass
                if args.watch <= 0:
                    raise
                print(f"{course}: passback stopped by {exc!r}", file=sys.stderr, flush=True)
                failed = True
                continue
            if run.posted or run.failed or args.watch <= 0:
                print(f"{course}: {run.summary()}", flush=True)
            for user, module, reason in run.failed:
                print(f"  FAILED {user} / {module}: {reason}", file=sys.stderr, flush=True)
            failed |= bool(run.failed)
        if args.watch <= 0:
            return 1 if failed else 0
        time.sleep(args.watch)


def run_grade_passback(
    course_dir: Path,
    course_id: str,
    responses: str | None,
    modules: list[str] | None,
    quiet: bool = False,
) -> int:
    """`grade passback`, and the end of every `grade`: post what the gradebook now says."""
    from ..grading.nbg import db_url
    from .passback import passback

    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"passback: {exc}", file=sys.stderr)
        return 2
    run = passback(
        settings,
        responses,
        course=course_id,
        modules=modules,
        gradebook=(db_url(course_dir), course_id),
    )
    if not quiet or run.posted or run.failed:
        print(f"LMS passback ({course_id}): {run.summary()}")
    for user, module, reason in run.failed:
        print(f"  FAILED {user} / {module}: {reason}", file=sys.stderr)
    return 1 if run.failed else 0


AUDIT_COLUMNS = (
    "posted_at",
    "user",
    "course",
    "module",
    "score_given",
    "score_maximum",
    "activity_progress",
    "grading_progress",
    "status",
    "attempts",
    "detail",
)


def _print_audit(args: argparse.Namespace) -> int:
    from .records import Records

    rows = Records(args.responses).audit(course=args.course, user=args.user)
    if args.csv:
        from ..spreadsheet import neutralise

        writer = csv.writer(sys.stdout)
        writer.writerow(AUDIT_COLUMNS)
        for row in rows:  # a user id or an LMS error message must not run as a formula
            values = (row[c] for c in AUDIT_COLUMNS)
            writer.writerow([neutralise(v) if isinstance(v, str) else v for v in values])
        return 0
    if not rows:
        print("No posts to the LMS yet.")
        return 0
    shown = [[_cell(row[c]) for c in AUDIT_COLUMNS] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in shown)) for i, c in enumerate(AUDIT_COLUMNS)]
    print("  ".join(c.ljust(w) for c, w in zip(AUDIT_COLUMNS, widths, strict=True)))
    for r in shown:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))
    return 0


def _cell(value: object) -> str:
    text = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace("\n", " ")[:80]
