"""The facilitator guide: the same guide in English and Spanish, printable as a tagged PDF that
holds every section (agendas, protocols, role-plays, confidentiality, Wi-Fi)."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest

from partnership_course.documents.facilitator_guide import guide_path, guide_pdf


def sections(lang: str) -> list[str]:
    return re.findall(r"^#{2,3} .+$", guide_path(lang).read_text(encoding="utf-8"), re.M)


def test_spanish_guide_has_every_section_and_agenda_row() -> None:
    english, spanish = guide_path("en").read_text(), guide_path("es").read_text()
    assert len(sections("en")) == len(sections("es")) >= 10
    assert english.count("\n| ") == spanish.count("\n| ")  # same agendas, row for row
    for marker in ("90", "Wi-Fi"):
        assert marker in english
    assert "wifi" in spanish


@pytest.mark.parametrize("lang", ["en", "es"])
def test_guide_pdf_is_tagged_and_holds_every_section(lang: str, tmp_path: Path) -> None:
    pdf = guide_pdf(lang)
    with pikepdf.open(BytesIO(pdf)) as document:
        assert str(document.Root.Lang) == lang
        assert "/StructTreeRoot" in document.Root
        assert len(document.pages) >= 3
    path = tmp_path / "guide.pdf"
    path.write_bytes(pdf)
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    for heading in sections(lang):
        words = heading.lstrip("# ").replace("*", "")
        assert words.split(":")[0] in text, words
