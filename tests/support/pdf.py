"""What a PDF says, as poppler's `pdftotext` reads it (whitespace folded to single spaces)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def pdf_words(pdf: bytes | Path, folder: Path) -> str:
    """The text of `pdf` (bytes are written into `folder` first), words separated by a space."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils is needed (./run installs it)"
    path = pdf if isinstance(pdf, Path) else folder / "read.pdf"
    if not isinstance(pdf, Path):
        path.write_bytes(pdf)
    done = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())
