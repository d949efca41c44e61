from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def rubric():
    from partnership_course.grading.rubric import load_rubric

    return load_rubric(REPO / "grader" / "rubric.yaml")
