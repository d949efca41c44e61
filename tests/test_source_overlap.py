"""Is every sentence of the course our own (no 10-word run repeated from the sources)?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT.parent / "shared" / "tools" / "source_overlap.py"


@pytest.mark.skipif(
    not TOOL.is_file(), reason="needs ../shared/tools/source_overlap.py beside the checkout"
)
def test_no_run_of_ten_words_from_the_sources() -> None:
    """Does `source_overlap.py .` print nothing for the whole repository?"""
    result = subprocess.run(
        [sys.executable, str(TOOL), "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "", result.stdout[:5000]
    assert result.returncode == 0, result.stderr
