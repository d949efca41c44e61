"""The facilitator guide from the facilitator page, so nobody needs the command line or a
checkout to read it on the day.

- `/workshop/facilitator/guide.html`  the guide as one printable page, in the view's language
- `/workshop/facilitator/guide.pdf`   the same as a PDF (`partnership-course facilitator-guide`)

Both need the facilitator key, like everything else under `/workshop/facilitator`: the guide
discusses the scenarios' answers. The guide comes from `docs/` in a checkout and from the
wheel's `_docs` when installed (`content.paths.docs_dir`). A PDF takes WeasyPrint a few
seconds, so it is laid out once per language in one worker thread (the server keeps serving
the room meanwhile) and kept.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from ..documents.facilitator_guide import guide_html, guide_path, guide_pdf
from ..i18n import DEFAULT, gettext
from .app import FacilitatorBase, lang_of

_pdfs: dict[str, bytes] = {}
_layout = ThreadPoolExecutor(max_workers=1, thread_name_prefix="facilitator-guide")


def guide_lang(lang: str) -> str:
    """`lang` when the guide is written in it, else English."""
    return lang if guide_path(lang).is_file() else DEFAULT


async def pdf_of(lang: str) -> bytes:
    if lang not in _pdfs:
        _pdfs[lang] = await asyncio.get_running_loop().run_in_executor(_layout, guide_pdf, lang)
    return _pdfs[lang]


class FacilitatorGuideHandler(FacilitatorBase):
    async def get(self, kind: str) -> None:
        if not self.is_facilitator():
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(gettext("The facilitator key is required.", lang_of(self)))
            return
        lang = guide_lang(lang_of(self))
        if kind == "html":
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(guide_html(lang))
            return
        body = await pdf_of(lang)
        self.set_header("Content-Type", "application/pdf")
        name = "facilitator-guide.pdf" if lang == DEFAULT else f"facilitator-guide.{lang}.pdf"
        self.set_header("Content-Disposition", f'attachment; filename="{name}"')
        self.finish(body)
