"""`partnership-course`: the one command for teachers, coaches and districts.

Each subcommand lives in the module that owns its job; this file only parses arguments and
dispatches, importing the owner lazily so `partnership-course validate` never loads Voila.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

# subcommand -> (module:function that adds arguments and returns the handler, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("partnership_course.validate:add_arguments", "check every scenario and notebook"),
    "translations": (
        "partnership_course.i18n.commands:add_arguments",
        "translation status, catalogue update, translated notebooks",
    ),
    "serve": ("partnership_course.workshop.serve:add_arguments", "serve the course with Voila"),
    "lab": ("partnership_course.lab:add_arguments", "open the course in JupyterLab"),
    "grade": (
        "partnership_course.grading.commands:add_grade_arguments",
        "autograde a cohort in parallel",
    ),
    "report": (
        "partnership_course.grading.commands:add_report_arguments",
        "cohort report (HTML + CSV)",
    ),
    "certificate": (
        "partnership_course.grading.commands:add_certificate_arguments",
        "completion certificates",
    ),
    "hub": ("partnership_course.hub.launch:add_arguments", "run the course on JupyterHub"),
    "toolkit": (
        "partnership_course.documents.toolkit.commands:add_arguments",
        "the family toolkit: survey, strengths, contact card, day sheet, newsletter...",
    ),
    "export": ("partnership_course.grading.commands:add_export_arguments", "hand in your answers"),
    "lti": ("partnership_course.lti.commands:add_arguments", "LMS launch and grade passback"),
    "facilitator-guide": (
        "partnership_course.documents.facilitator_guide:add_arguments",
        "the workshop facilitator guide as a printable PDF",
    ),
}


def _loader(
    target: str,
) -> Callable[[argparse.ArgumentParser], Callable[[argparse.Namespace], int]]:
    module_name, _, attr = target.partition(":")
    return getattr(import_module(module_name), attr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="partnership-course", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    if not args_list or args_list[0] not in COMMANDS:
        parser.parse_args(args_list or ["--help"])
        return 2
    name = args_list[0]
    command_parser = argparse.ArgumentParser(
        prog=f"partnership-course {name}", description=COMMANDS[name][1]
    )
    try:
        handler = _loader(COMMANDS[name][0])(command_parser)
    except (ImportError, AttributeError) as exc:
        print(f"partnership-course {name}: not available in this version ({exc})", file=sys.stderr)
        return 2
    return int(handler(command_parser.parse_args(args_list[1:])) or 0)


if __name__ == "__main__":
    sys.exit(main())
