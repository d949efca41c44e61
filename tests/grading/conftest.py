from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def rubric():
    from partnership_course.grading.rubric import load_rubric

    return load_rubric(REPO / "grader" / "rubric.yaml")


def run_cell(source: str, course: Any) -> Any:
    """Run a test cell's source; return the value of its last expression (nbgrader's score)."""
    tree = ast.parse(source)
    *body, last = tree.body
    assert isinstance(last, ast.Expr)
    namespace: dict[str, Any] = {"course": course}
    exec(compile(ast.Module(body=body, type_ignores=[]), "<cell>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)


@pytest.fixture(name="run_cell")
def run_cell_fixture():
    """`run_cell(source, course)`: a generated test cell run with a stand-in `course`."""
    return run_cell
