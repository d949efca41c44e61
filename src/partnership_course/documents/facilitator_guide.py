"""The facilitator guide as a printable PDF, in English or Spanish.

The guide is written once per language in Markdown (`docs/facilitator-guide.md`,
`docs/facilitator-guide.es.md`), where people read and review it; the PDF is that text on the
print template (`documents/facilitator_guide.html.j2`), laid out by WeasyPrint like every other
document. Markdown is rendered with escaping on, so the guide can hold no markup of its own.

    partnership-course facilitator-guide [--lang es] [--out guide.pdf] [--html]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..i18n import DEFAULT
from ..rendering import render
from . import pdf_from_html
from .markdown_doc import doc_path, markdown_body

TEMPLATE = "documents/facilitator_guide.html.j2"


def guide_path(lang: str = DEFAULT) -> Path:
    """The guide's Markdown in `lang`: in a checkout's `docs/`, or packed in the wheel."""
    return doc_path("facilitator-guide", lang)


def guide_html(lang: str = DEFAULT) -> str:
    """The guide as one printable HTML page (its title is the Markdown's first heading)."""
    title, body = markdown_body(guide_path(lang))
    return render(TEMPLATE, lang, title=title, body=body)


def guide_pdf(lang: str = DEFAULT) -> bytes:
    return pdf_from_html(guide_html(lang))


def add_arguments(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    parser.add_argument(
        "--lang", default=DEFAULT, help="language of the guide (its docs/facilitator-guide file)"
    )
    parser.add_argument("--out", type=Path, help="file to write (default: facilitator-guide.pdf)")
    parser.add_argument("--html", action="store_true", help="write the printable HTML instead")

    def handler(args: argparse.Namespace) -> int:
        if not guide_path(args.lang).is_file():
            print(f"no facilitator guide for {args.lang!r}", file=sys.stderr)
            return 2
        suffix = "html" if args.html else "pdf"
        out = args.out or Path(
            f"facilitator-guide{'' if args.lang == DEFAULT else '.' + args.lang}.{suffix}"
        )
        if args.html:
            out.write_text(guide_html(args.lang), encoding="utf-8")
        else:
            out.write_bytes(guide_pdf(args.lang))
        print(out)
        return 0

    return handler
