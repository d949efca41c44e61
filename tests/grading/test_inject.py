"""Writing stored responses into submissions, and the grading-mode hook in Course."""

from __future__ import annotations

import nbformat
import pytest
from support.demo import make_demo_course

from partnership_course.content.kinds import is_answered
from partnership_course.grading.inject import (
    InjectError,
    InjectResult,
    export_responses,
    inject_notebook,
    responses_from_file,
)
from partnership_course.grading.source import build_source
from partnership_course.store import open_store


@pytest.fixture
def source_nb(tmp_path, rubric):
    paths = make_demo_course(tmp_path, ("m1",))
    build_source(paths["modules"], paths["course"], ["m1"], rubric, paths["scenarios"])
    nb = nbformat.read(paths["course"] / "source" / "m1" / "m1.ipynb", 4)
    for cell in nb.cells:  # what generate_assignment leaves (empty code stub)
        cell.source = cell.source.replace("\n### BEGIN SOLUTION\n### END SOLUTION", "\n")
    return nb


def _ids(nb):
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]


def test_learner_edits_cannot_change_the_graded_structure(source_nb):
    """Are deleted cells back, copies gone, and learner cells kept as comments only?"""
    learner = nbformat.from_dict(source_nb)
    learner = nbformat.v4.new_notebook(cells=[c for c in source_nb.cells], metadata={})
    learner.cells = [
        c for c in learner.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "sort--score"
    ]
    copy_of_test = nbformat.from_dict(dict(source_nb.cells[4]))
    learner.cells.insert(0, copy_of_test)
    learner.cells.append(nbformat.v4.new_code_cell("import os; os.remove('x')  # mine"))
    result = InjectResult("a", "m1", "store")
    nb = inject_notebook(source_nb, learner, "m1", {}, result)
    assert _ids(nb) == _ids(source_nb)
    assert "sort--score" in result.restored_cells
    assert result.duplicate_cells == [copy_of_test.metadata["nbgrader"]["grade_id"]]
    last = nb.cells[-1]
    assert last.source.splitlines()[1] == "# import os; os.remove('x')  # mine"
    assert "nbgrader" not in last.metadata


def test_export_file_of_another_learner_is_refused(tmp_path):
    """Can a responses.json of learner A be graded as learner B's work? (It must not.)"""
    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    store.save("alice", "m1", "m1/reflect", "reflection", {"text": "mine"})
    path = export_responses(store, "alice", "m1", tmp_path / "responses.json")
    assert responses_from_file(path, "alice", "m1")["m1/reflect"].value == {"text": "mine"}
    with pytest.raises(InjectError, match="alice"):
        responses_from_file(path, "bob", "m1")


def test_what_counts_as_answered():
    """Is a reflection of spaces missing, and an unchecked sort with placements answered?"""
    assert not is_answered("reflection", {"text": " \n\t"})
    assert is_answered("reflection", {"text": "x"})
    assert not is_answered("choice", {"choice": None, "attempts": []})
    assert is_answered("sort", {"placements": {"i1": "a"}, "checked": False})
    assert not is_answered("reflection", None)
    assert not is_answered("", {"text": " "})  # an export that names no kind
    assert is_answered("", {"text": "x"})


def test_blank_action_plan_is_missing_for_grader_and_workshop():
    """Do the grader and the workshop certificate agree that a plan saved blank is unanswered?"""
    from partnership_course.store import Response
    from partnership_course.workshop.report import answered

    blank = {"fields": {"goal": ""}, "words": 0, "complete": False}
    assert not is_answered("action_plan", blank)
    assert not answered(Response("a", "m", "m/plan", "action_plan", blank, 1, ""))
    written = {"fields": {"goal": "Call home"}, "words": 2, "complete": True}
    assert is_answered("action_plan", written)
    assert answered(Response("a", "m", "m/plan", "action_plan", written, 1, ""))


def test_grading_mode_uses_only_the_written_answer(monkeypatch, tmp_path):
    """In autograde, does an activity cell skip widgets and the grader's own store?"""
    from partnership_course import start

    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    course = start("m1", learner="x", store=object())  # any store use would fail
    shown = course.activity("reflect", answer={"text": "<script>x</script>"})
    assert "&lt;script&gt;" in shown._repr_html_()
    assert course.answered("reflect") == {"text": "<script>x</script>"}
    assert course.answered("check") is None
    assert "<script>x</script>" in repr(shown)


def test_import_stays_cheap():
    """Does `import partnership_course` avoid nbgrader, pandas and widgets?"""
    import subprocess
    import sys

    code = (
        "import sys, partnership_course, partnership_course.grading.checks;"
        "print(sorted(m for m in ('nbgrader','pandas','ipywidgets','sqlalchemy') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_toolkit_submission_keeps_the_teachers_details_at_home():
    """Does the submission a coach opens hold the toolkit's documents but not the contact
    details the teacher typed into them (`Kind.private`)? The store keeps them untouched."""
    import nbformat

    from partnership_course.grading.inject import Answer, InjectResult, inject_notebook
    from partnership_course.grading.literal import read_answer

    release = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('course.activity("my-toolkit")', id="kit")
    cell.metadata["nbgrader"] = {"grade_id": "my-toolkit--answer", "solution": True}
    release.cells = [cell]
    stored = {
        "details": {"name": "Ms. Private", "phone": "555-0100"},
        "documents": ["survey"],
        "languages": {"survey": "es"},
        "paper": "letter",
        "made": ["survey"],
    }
    key = "03-continuum/my-toolkit"
    result = InjectResult("t1", "03-continuum", "store")
    nb = inject_notebook(
        release, None, "03-continuum", {key: Answer(key, "toolkit", stored)}, result
    )
    source = nb.cells[0].source
    assert "555-0100" not in source and "Ms. Private" not in source
    name, value = read_answer(source)
    assert name == "my-toolkit" and value == {k: v for k, v in stored.items() if k != "details"}
    assert result.answered == [key]
    assert stored["details"] == {"name": "Ms. Private", "phone": "555-0100"}  # not changed
