"""`partnership-course toolkit`: write the family toolkit, filled in for one teacher."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def _doc_lang(value: str) -> tuple[str, str]:
    doc_id, sep, lang = value.partition("=")
    if not sep or not doc_id or not lang:
        raise argparse.ArgumentTypeError(
            f"expected DOCUMENT=LANG (for example survey=es), not {value!r}"
        )
    return doc_id, lang


def add_arguments(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """Arguments of `partnership-course toolkit`; returns its handler."""
    from . import DOCUMENTS, PAPERS

    parser.add_argument("--lang", default=None, help="language of every document (default: yours)")
    parser.add_argument(
        "--doc-lang",
        type=_doc_lang,
        action="append",
        default=[],
        metavar="DOCUMENT=LANG",
        help="one document in another language, e.g. survey=es (repeat as needed)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        choices=[d.id for d in DOCUMENTS],
        help="write only this document (repeat as needed)",
    )
    parser.add_argument("--out", type=Path, default=Path("my-toolkit"), help="folder to write to")
    parser.add_argument("--paper", choices=PAPERS, default="letter", help="paper size")
    parser.add_argument("--learner", default=None, help="whose planner answers fill it in")
    parser.add_argument("--store", default=None, help="response store URL")
    for name, help_text in (
        ("name", "your name as families should see it"),
        ("role", "your role, e.g. 'Special education teacher'"),
        ("school", "your school"),
        ("phone", "a phone number families may use"),
        ("email", "an email address families may use"),
        ("times", "best times to reach you"),
        ("ways", "best ways to reach you"),
    ):
        parser.add_argument(f"--{name}", default="", help=help_text)

    def handler(args: argparse.Namespace) -> int:
        from ...context import current_language, current_learner
        from ...i18n import supported_languages
        from ...store import ResponseStore
        from . import write_toolkit
        from .sources import Teacher, gather

        lang = args.lang or current_language()
        chosen = dict(args.doc_lang)
        for wanted in {lang, *chosen.values()}:
            if wanted not in supported_languages():
                parser.error(f"no language {wanted!r}; choose one of {supported_languages()}")
        try:
            teacher = Teacher(
                name=args.name,
                role=args.role,
                school=args.school,
                phone=args.phone,
                email=args.email,
                times=args.times,
                ways=args.ways,
            )
        except ValueError as error:
            parser.error(str(error))
        data = gather(teacher, args.learner or current_learner(), ResponseStore(args.store))
        try:
            written = write_toolkit(args.out, data, chosen, lang, args.paper, args.only or None)
        except ValueError as error:
            parser.error(str(error))
        for path in written:
            print(path)
        return 0

    return handler
