"""Does every module notebook run top to bottom, and is it stored clean?"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from partnership_course.content.paths import modules_dir
from partnership_course.notebooks import activity_refs, hygiene_problems, module_notebooks

NOTEBOOKS = module_notebooks(modules_dir())
IDS = [p.relative_to(modules_dir()).as_posix() for p in NOTEBOOKS]


def test_every_module_has_notebooks() -> None:
    """Do all three modules exist with at least one notebook each?"""
    modules = {p.parent.name for p in NOTEBOOKS}
    assert {"01-dual-capacity", "02-principles", "03-continuum"} <= modules


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_without_outputs_and_with_stable_ids(path: Path) -> None:
    """No outputs, no execution counts, and explicit unique cell ids in every notebook?"""
    assert hygiene_problems(path) == []


@pytest.mark.kernel
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_executes(path: Path) -> None:
    """Does the notebook run in a fresh kernel with no error, showing each activity?"""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    _, refs = activity_refs(path)
    activity_cells = {ref.cell_id for ref in refs}  # other cells may show widgets of their own
    shown = sum(
        1
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.id in activity_cells
        for output in cell.outputs
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
    )
    assert shown == len(refs), "every activity cell should display its widget"
    errors = [
        o
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error" or o.get("name") == "stderr"
    ]
    assert errors == []


def test_hygiene_rules_catch_problems(tmp_path: Path) -> None:
    """Do the hygiene rules flag outputs, counts, random or duplicate ids and unlocked cells?"""
    nb = nbformat.v4.new_notebook()
    locked = {"editable": False, "deletable": False}
    good = nbformat.v4.new_code_cell("x", id="ok-code")
    good.metadata.update(locked, jupyter={"source_hidden": True})
    bad = nbformat.v4.new_code_cell("y", id="Bad_ID")
    bad.execution_count = 3
    bad.outputs = [nbformat.v4.new_output("stream", text="hi")]
    dup = nbformat.v4.new_markdown_cell("z", id="ok-code")
    dup.metadata.update(locked)
    nb.cells = [good, bad, dup]
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")  # nbformat.write would repair the ids
    fields = [field for _line, field, _msg in hygiene_problems(path)]
    assert fields == [
        "cells[1].id",
        "cells[1].metadata",
        "cells[1].metadata.jupyter",
        "cells[1].outputs",
        "cells[1].execution_count",
        "cells[2].id",
    ]


def _locked_code_cells(folder: Path, sources: list[str]) -> Path:
    """A notebook of hidden, locked code cells (ids c0, c1, ...), written as is."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s, id=f"c{i}") for i, s in enumerate(sources)]
    for cell in nb.cells:
        cell.metadata.update(editable=False, deletable=False, jupyter={"source_hidden": True})
    path = folder / "x.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")  # nbformat.write would repair the ids
    return path


def test_an_activity_cell_the_grader_cannot_read_is_a_problem(tmp_path: Path) -> None:
    """Is `course.activity("x")  # note` refused? The page would show it, but the grader only
    treats a cell holding the call alone as an answer cell, so its answer would never count."""
    sources = [
        'course.activity("plain")',
        'course.activity("with-note")  # note',
        'w = course.activity("assigned")',
        "x = 1",
    ]
    path = _locked_code_cells(tmp_path, sources)
    flagged = [(field, msg) for _line, field, msg in hygiene_problems(path)]
    assert [field for field, _msg in flagged] == ["cells[1].source", "cells[2].source"]
    assert 'only course.activity("<id>")' in flagged[0][1]


def test_a_start_cell_the_grader_or_a_translation_cannot_read_is_a_problem(
    tmp_path: Path,
) -> None:
    """Is a start the grader would not lock (`c = start(...)`) or a translated copy could not
    give its language (`start( "m" )`, a language fixed in the English) refused?"""
    sources = [
        'from partnership_course import start\n\ncourse = start("m")',
        'c = start("m")',
        'course = start( "m" )',
        'course = start("m", lang="es")',
    ]
    path = _locked_code_cells(tmp_path, sources)
    flagged = [(field, msg) for _line, field, msg in hygiene_problems(path)]
    assert [field for field, _msg in flagged] == [f"cells[{i}].source" for i in (1, 2, 3)]
    assert all('course = start("<module>")' in msg for _field, msg in flagged)
