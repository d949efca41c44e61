"""Printable documents (the certificate; the family toolkit): one HTML, and the PDF made from it.

A document is a template extending `base_print.html.j2`, rendered by `rendering.render`. Its PDF
is that same HTML laid out by WeasyPrint, so the web page and the PDF cannot drift apart. PDFs
are tagged (PDF/UA-1: a structure tree, the document language, the title shown in the reader's
window), so a screen reader can read a certificate as well as a sighted colleague.

Nothing is fetched while a PDF is made: documents carry their styles inline, and any other URL
(an image on the web, a font on a CDN) is refused, so a workshop without internet prints the
same document as one with it.
"""

from __future__ import annotations

PDF_VARIANT = "pdf/ua-1"


class DocumentError(RuntimeError):
    """A document could not be made (it asked for a resource from outside the document)."""


def pdf_from_html(html: str, forms: bool = False) -> bytes:
    """The PDF of a rendered document (tagged PDF/UA-1), as bytes.

    The title, language and tags come from the HTML itself (`<title>`, `<html lang>`, its
    headings and tables), which is why documents are written as semantic HTML. With `forms`,
    the document's `<input>` and `<textarea>` become PDF form fields a family can fill on
    screen (each named by its `title`, the field's accessible name).
    """
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    offline = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    try:
        pdf = HTML(string=html, url_fetcher=offline).write_pdf(
            pdf_variant=PDF_VARIANT, pdf_forms=forms
        )
    except FatalURLFetchingError as error:  # a BaseException in WeasyPrint: turn it into ours
        raise DocumentError(f"a document may only use what it carries inline: {error}") from None
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf() without a target
        raise DocumentError("WeasyPrint returned no PDF")
    return pdf
