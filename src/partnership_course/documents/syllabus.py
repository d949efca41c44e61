"""The course syllabus as a screen page: goals, modules and parts with their seat time, what
counts for completion and the certificate, who reads what a learner writes, and where to get
help.

It is written in Markdown per language (`docs/syllabus.md`, `docs/syllabus.es.md`) so that a
district can read and review it in the repository, and both start pages (the workshop's and
JupyterLab's) link to this rendering of the same file, so the two never drift apart.
"""

from __future__ import annotations

from ..i18n import DEFAULT, gettext
from ..rendering import render
from .markdown_doc import doc_lang, doc_path, markdown_body

TEMPLATE = "syllabus.html.j2"
STEM = "syllabus"


def syllabus_html(
    lang: str = DEFAULT, back: str = "/", switch: dict[str, str] | None = None
) -> str:
    """The syllabus page in `lang` (English if it is not written in `lang`); `back` is the start
    page's link, `switch` the base template's language links."""
    written = doc_lang(STEM, lang)
    title, body = markdown_body(doc_path(STEM, written), gettext("Course syllabus", lang))
    return render(TEMPLATE, written, title=title, body=body, back=back, switch=switch or {})
