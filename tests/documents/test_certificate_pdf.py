"""The certificate as a document: is the PDF the same page, tagged for screen readers, in the
learner's language, with names in any script?"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest

from partnership_course.documents import DocumentError, pdf_from_html
from partnership_course.documents.certificate import CourseInfo, certificate_html, certificate_pdf

INFO = CourseInfo(
    "Partnering <with> families", "Coach team", {"m1": ("One", 1.5), "m2": ("Two", 2)}
)
NAME = "Zoë <b>O'Neil</b> 李"


@pytest.fixture(scope="module")
def spanish_pdf() -> bytes:
    """One Spanish certificate, made once for this module's checks."""
    return certificate_pdf(NAME, INFO, date(2026, 11, 30), lang="es")


def test_pdf_is_tagged_with_language_and_title(spanish_pdf: bytes) -> None:
    """Does the PDF carry a structure tree, marked content, /Lang and the page's title?"""
    with pikepdf.open(BytesIO(spanish_pdf)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "es"
        assert str(pdf.docinfo.Title) == f"Certificado: {NAME}"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert len(pdf.pages) == 1


def test_pdf_text_is_the_page_text(spanish_pdf: bytes, tmp_path: Path) -> None:
    """Does the PDF say what the HTML says: the name exactly as typed, the total, the date?"""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils is needed (./run installs it)"
    path = tmp_path / "c.pdf"
    path.write_bytes(spanish_pdf)
    said = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    words = " ".join(said.stdout.split())
    for expected in (
        "Certificado de finalización",
        NAME,
        "Partnering <with> families",
        "3.5",
        "2026-11-30",
        "Coach team",
    ):
        assert expected in words


def test_pdf_renders_to_an_image(spanish_pdf: bytes, tmp_path: Path) -> None:
    """Does poppler render the page (US Letter, landscape) with ink on it?"""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils is needed (./run installs it)"
    path = tmp_path / "c.pdf"
    path.write_bytes(spanish_pdf)
    subprocess.run([pdftoppm, "-png", "-r", "30", str(path), str(tmp_path / "page")], check=True)
    image = (tmp_path / "page-1.png").read_bytes()
    assert image.startswith(b"\x89PNG")
    with pikepdf.open(BytesIO(spanish_pdf)) as pdf:
        box = [float(v) for v in pdf.pages[0].MediaBox]
    assert round(box[2]) == 792 and round(box[3]) == 612  # 11 x 8.5 inches


def test_a4_on_request() -> None:
    """Is A4 paper one argument away?"""
    pdf = certificate_pdf("Ana", INFO, date(2026, 11, 30), paper="a4")
    with pikepdf.open(BytesIO(pdf)) as document:
        box = [float(v) for v in document.pages[0].MediaBox]
    assert round(box[2]) == 842 and round(box[3]) == 595


def test_documents_never_fetch_anything() -> None:
    """Is a document that asks for a remote image refused rather than fetched?"""
    html = certificate_html("Ana", INFO, date(2026, 11, 30)).replace(
        "</main>", '<img src="https://example.org/x.png" alt=""></main>'
    )
    with pytest.raises(DocumentError):
        pdf_from_html(html)
