"""`partnership-course translations`: what is missing in a language, update the interface
catalogue with new strings, and build translated notebooks."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..content.errors import Problem
from . import DEFAULT, SUPPORTED


def translation_problems(lang: str) -> list[Problem]:
    """Every interface string, activity text and notebook cell still missing in `lang`, and
    every glossary entry that cannot be used."""
    from .glossary import glossary_problems
    from .messages import missing_messages
    from .notebooks import missing_notebook_text
    from .overlay import missing_translations

    return (
        glossary_problems(lang)
        + missing_messages(lang)
        + missing_translations(lang)
        + missing_notebook_text(lang)
    )


def add_arguments(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """CLI wiring for `partnership-course translations status|update|build`."""
    parser.add_argument("action", choices=["status", "update", "build"])
    parser.add_argument("--lang", choices=[x for x in SUPPORTED if x != DEFAULT], default="es")
    parser.add_argument("--out", type=Path, default=None, help="build: output folder")

    def handler(args: argparse.Namespace) -> int:
        if args.action == "update":
            from .messages import update_catalogue

            added, total = update_catalogue(args.lang)
            print(f"{args.lang}: {added} new interface strings added; {total} in the catalogue")
            return 0
        if args.action == "build":
            from ..content.paths import course_root
            from .notebooks import build_translated

            out = args.out or (course_root() or Path.cwd()) / "var" / "site" / args.lang
            written = build_translated(out, args.lang)
            print(f"{len(written)} notebooks written under {out}")
            return 0
        problems = translation_problems(args.lang)
        for problem in problems:
            print(problem)
        print(f"{args.lang}: {len(problems)} missing or wrong translation(s)")
        return 1 if problems else 0

    return handler
