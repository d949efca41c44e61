"""The real module 01 notebooks through source -> release -> inject -> autograde."""

from __future__ import annotations

import pytest

from partnership_course.content import load_scenario
from partnership_course.content.paths import modules_dir

MODULE = "01-dual-capacity"


@pytest.mark.kernel
def test_module_01_source_release_and_autograde(tmp_path, rubric):
    """Does module 01 become a release learners can use, and grade one learner correctly?"""
    import nbformat
    from nbgrader.api import Gradebook

    from partnership_course.grading.inject import inject_submission
    from partnership_course.grading.nbg import api, db_url, generate_release, write_config
    from partnership_course.grading.source import build_source
    from partnership_course.store import open_store

    # the notebooks are part of the course: missing ones fail here (this test used to skip)
    assert sorted((modules_dir() / MODULE).glob("*.ipynb")), f"no {MODULE} notebooks"
    course = tmp_path / "grader"
    write_config(course)
    (built,) = build_source(modules_dir(), course, [MODULE], rubric)
    assert built.max_points > 0 and not built.warnings
    assert generate_release(course, [MODULE]) == {MODULE: []}

    # release: learners see the module's own activity calls, no solution stubs
    originals = {
        p.stem: [c.source for c in nbformat.read(p, 4).cells if c.cell_type == "code"]
        for p in (modules_dir() / MODULE).glob("*.ipynb")
    }
    for path in (course / "release" / MODULE).glob("*.ipynb"):
        nb = nbformat.read(path, 4)
        codes = [
            c.source.rstrip("\n")
            for c in nb.cells
            if c.cell_type == "code" and "grading.checks" not in c.source
        ]
        assert codes == originals[path.stem]
        assert "NotImplementedError" not in path.read_text()

    # one learner: every choice right, every sort right, every reflection written
    store = open_store(f"sqlite:///{tmp_path / 'responses.db'}")
    expected = 0.0
    reflections = []
    for activity in built.activities:
        scenario = load_scenario(f"{MODULE}/{activity.name}")
        key = f"{MODULE}/{activity.name}"
        if activity.kind == "choice":
            right = next(o.id for o in scenario.options if o.correct)
            store.save("teacher1", MODULE, key, "choice", {"choice": right})
            expected += activity.points
        elif activity.kind == "sort":
            placements = {i.id: i.category for i in scenario.items}
            store.save("teacher1", MODULE, key, "sort", {"placements": placements})
            expected += activity.points
        elif activity.kind == "reflection":
            store.save("teacher1", MODULE, key, "reflection", {"text": "<b>Hi</b> " * 3})
            reflections.append(activity)
            expected += next(
                c for c in rubric.for_reflection(activity.points) if c.id == "answered"
            ).points
    result = inject_submission(course, MODULE, "teacher1", store)
    # every activity answered above reaches the submission (the module's other kinds, such as
    # its self-check and conversations, are left unanswered and earn nothing)
    answered = [a for a in built.activities if a.kind in ("choice", "sort", "reflection")]
    assert result is not None and len(result.answered) == len(answered)
    outcome = api(course).autograde(MODULE, "teacher1")
    assert outcome["success"], outcome.get("log")
    with Gradebook(db_url(course), "family-partnership") as gb:
        submission = gb.find_submission(MODULE, "teacher1")
        assert submission.score == pytest.approx(expected)
        # each coach criterion of a graded reflection is its own manually graded task cell
        assert any(activity.manual_ids for activity in reflections)
        for activity in reflections:
            for gid in activity.manual_ids:
                grade = gb.find_grade(gid, activity.notebook, MODULE, "teacher1")
                assert grade.auto_score is None and grade.needs_manual_grade
