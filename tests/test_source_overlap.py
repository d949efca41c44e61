"""Is every sentence of the course our own (no 10-word run repeated from the sources)?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT.parent / "shared" / "tools" / "source_overlap.py"


def test_no_run_of_ten_words_from_the_sources() -> None:
    """Does `source_overlap.py .` print nothing for the whole repository?

    Without the tool this fails rather than skips: a check that cannot run has not passed.
    """
    assert TOOL.is_file(), f"{TOOL} is missing: clone the shared folder beside the checkout"
    result = subprocess.run(
        [sys.executable, str(TOOL), "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "", result.stdout[:5000]
    assert result.returncode == 0, result.stderr
