"""The teacher's family toolkit: the tools the course teaches, as documents a teacher can use.

The CDE handout the course is built on names concrete tools (a communication preference survey,
the Building on My Strengths protocol, a contact card, a "How was my day/week?" sheet, teacher
newsletters); the course adds the family glossary, the interpreter briefing and the pre-IEP call
script that its own activities teach. Each is one template under
`templates/documents/toolkit/`, rendered in the language chosen for that document (a teacher
working in English prints the survey in Spanish for one family), and written three ways from
that one HTML: a tagged PDF (`documents.pdf_from_html`, with form fields where a family writes),
an editable Word file (`word.py`), and for the contact card a vCard (`vcard.py`).

The text of every document is interface text (`t()` in the templates, translated in
`translations/<lang>/interface.po`), so a district adds a language for the toolkit the way it
adds one for the course: by adding a folder.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from ...i18n import DEFAULT, N_, gettext
from ...rendering import render
from .. import pdf_from_html
from .sources import ToolkitData


@dataclass(frozen=True)
class Document:
    """One toolkit document: its file stem, its title (an interface msgid) and its reader."""

    id: str
    title: str
    family_facing: bool  # read by families: kept at about a grade-6 reading level

    @property
    def template(self) -> str:
        return f"documents/toolkit/{self.id}.html.j2"


DOCUMENTS: tuple[Document, ...] = (
    Document("survey", N_("How do you like to hear from school?"), True),
    Document("survey-teacher", N_("Communication preferences: teacher's copy"), False),
    Document("strengths", N_("Building on my strengths"), True),
    Document("contact-cards", N_("How to reach me"), True),
    Document("my-day", N_("How was my day?"), True),
    Document("my-week", N_("How was my week?"), True),
    Document("newsletter", N_("News from our class"), True),
    Document("glossary", N_("Words you may hear at an IEP meeting"), True),
    Document("interpreter-briefing", N_("Working with an interpreter: a checklist"), False),
    Document("call-script", N_("Before the IEP meeting: a phone call"), False),
)
BY_ID = {d.id: d for d in DOCUMENTS}
PAPERS = ("letter", "a4")


@lru_cache(maxsize=32)
def icon_src(name: str) -> str:
    """One of the toolkit's own pictures (`icons/<name>.svg`) as a data URL.

    Inline data, not a file or web address, because a document may only use what it carries
    (`documents.pdf_from_html` refuses anything else) and a workshop may have no internet.
    """
    svg = files(__package__).joinpath("icons", f"{name}.svg").read_bytes()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def document(doc_id: str) -> Document:
    """The document with this id; a clear error naming the choices otherwise."""
    try:
        return BY_ID[doc_id]
    except KeyError:
        raise ValueError(
            f"no toolkit document {doc_id!r}; choose one of {', '.join(BY_ID)}"
        ) from None


def document_html(
    doc_id: str, data: ToolkitData, lang: str = DEFAULT, paper: str = "letter"
) -> str:
    """One document as a self-contained printable page in `lang`; every value escaped."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    doc = document(doc_id)
    return render(
        doc.template,
        lang=lang,
        title=gettext(doc.title, lang),
        paper=paper,
        data=data.in_language(lang),
        icon_src=icon_src,
    )


def document_pdf(
    doc_id: str, data: ToolkitData, lang: str = DEFAULT, paper: str = "letter"
) -> bytes:
    """The same document as a tagged PDF with fillable fields, as bytes."""
    return pdf_from_html(document_html(doc_id, data, lang, paper), forms=True)


def write_toolkit(
    out: Path,
    data: ToolkitData,
    languages: dict[str, str] | None = None,
    lang: str = DEFAULT,
    paper: str = "letter",
    only: list[str] | None = None,
) -> list[Path]:
    """Write every document (or `only` those) as PDF and Word, plus the contact vCard.

    `languages` maps a document id to its language; the others are in `lang`. Files are named
    `<id>.<lang>.<ext>`, so the English and Spanish survey can sit side by side. Returns the
    paths written.
    """
    from .vcard import vcard_text
    from .word import docx_from_html

    languages = languages or {}
    for doc_id in [*languages, *(only or [])]:
        document(doc_id)  # an unknown id fails before anything is written
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for doc in DOCUMENTS:
        if only and doc.id not in only:
            continue
        doc_lang = languages.get(doc.id, lang)
        html = document_html(doc.id, data, doc_lang, paper)
        stem = f"{doc.id}.{doc_lang}"
        pdf = out / f"{stem}.pdf"
        pdf.write_bytes(pdf_from_html(html, forms=True))
        docx = out / f"{stem}.docx"
        docx.write_bytes(docx_from_html(html))
        written += [pdf, docx]
        if doc.id == "contact-cards":
            card = out / f"{stem}.vcf"
            card.write_text(vcard_text(data.teacher, doc_lang), encoding="utf-8")
            written.append(card)
    return written
