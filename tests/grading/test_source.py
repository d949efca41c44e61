"""Building nbgrader's source folder from module notebooks, and the rubric file."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from support.demo import make_demo_course

from partnership_course.grading.rubric import RubricError, parse_rubric
from partnership_course.grading.source import SourceError, build_source


def test_demo_module_gets_grading_cells(tmp_path, rubric):
    """Does each scored activity get the right answer, test and rubric cells and points?"""
    paths = make_demo_course(tmp_path, ("m1",))
    (built,) = build_source(paths["modules"], paths["course"], ["m1"], rubric, paths["scenarios"])
    assert built.max_points == 15.0
    nb = nbformat.read(paths["course"] / "source" / "m1" / "m1.ipynb", 4)
    meta = {
        c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]
        for c in nb.cells
        if "nbgrader" in c.metadata
    }
    assert list(meta) == [
        "course-start",
        "check--answer",
        "check--score",
        "sort--answer",
        "sort--score",
        "reflect--answer",
        "reflect--rubric",
        "reflect--answered",
        "reflect--length",
        "reflect--next-step",
        "reflect--principle",
        "rate--answer",
    ]
    assert meta["course-start"]["locked"] and not meta["course-start"]["grade"]
    assert meta["check--answer"]["solution"] and not meta["check--answer"]["grade"]
    assert meta["check--score"]["points"] == 2.0 and meta["check--score"]["locked"]
    assert meta["reflect--answer"] == {
        **meta["reflect--answer"],
        "grade": True,
        "solution": True,
        "points": 6.0,
    }
    assert meta["rate--answer"]["solution"] and not meta["rate--answer"]["grade"]
    ids = [c.id for c in nb.cells]
    assert len(ids) == len(set(ids))
    # module notebooks themselves stay free of nbgrader metadata
    original = nbformat.read(paths["modules"] / "m1" / "m1.ipynb", 4)
    assert not any("nbgrader" in c.metadata for c in original.cells)


def test_reflection_points_are_spread_over_the_rubric(rubric):
    """Does a 3-point reflection give each criterion its share?"""
    shares = {c.id: c.points for c in rubric.for_reflection(3, min_words=50)}
    assert shares["answered"] == 0.3 and shares["family-perspective"] == 0.9
    assert next(c for c in rubric.for_reflection(3, 50) if c.id == "length").min_words == 50


def test_notebook_without_start_cell_is_refused(tmp_path, rubric):
    """Is a notebook whose activities come before `course = start()` refused clearly?"""
    paths = make_demo_course(tmp_path, ("m1",))
    path = paths["modules"] / "m1" / "m1.ipynb"
    nb = nbformat.read(path, 4)
    nb.cells = [c for c in nb.cells if "start(" not in c.source]
    nbformat.write(nb, path)
    with pytest.raises(SourceError, match="start"):
        build_source(paths["modules"], paths["course"], ["m1"], rubric, paths["scenarios"])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"schema_version": 2}, "schema_version"),
        ({"schema_version": 1, "reflection": {"criteria": [{"id": "a"}]}}, "scored_by"),
        (
            {
                "schema_version": 1,
                "reflection": {
                    "criteria": [{"id": "a", "scored_by": "check", "points": 1, "check": "phrases"}]
                },
            },
            "phrases",
        ),
        (
            {
                "schema_version": 1,
                "reflection": {
                    "criteria": [{"id": "a", "scored_by": "coach", "points": 1, "colour": "red"}]
                },
            },
            "unknown",
        ),
    ],
)
def test_rubric_errors_name_the_field(data, message):
    """Does a broken rubric say which field is wrong?"""
    with pytest.raises(RubricError, match=message):
        parse_rubric(data)


def _test_cells(course_dir):
    for path in sorted((course_dir / "source").rglob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                yield path, meta, cell


@pytest.mark.parametrize("lang", ["en", "es"])
def test_real_modules_02_and_03_score_every_activity_with_points(tmp_path, rubric, lang, run_cell):
    """Does every activity whose scenario has points get scored, with cells that run?"""
    from partnership_course.content import load_scenario
    from partnership_course.content.paths import modules_dir

    modules = ["02-principles", "03-continuum"]
    built = build_source(modules_dir(), tmp_path, modules, rubric, lang=lang)
    kinds = set()
    for module in built:
        assert module.warnings == []
        for activity in module.activities:
            scenario = load_scenario(f"{module.module}/{activity.name}")
            kinds.add(activity.kind)
            if scenario.points > 0:
                assert activity.test_ids, f"{module.module}/{activity.name} is not scored"
                assert activity.points == pytest.approx(scenario.points)
    assert {"ladder", "starters", "branching", "plain_language"} <= kinds
    assert {"contact_planner", "action_plan"} <= kinds
    assert [m.max_points for m in built] == [70.0, 29.0]

    class NothingSaved:
        def answered(self, name):
            return None

    cells = list(_test_cells(tmp_path))
    assert len(cells) > 40
    for path, meta, cell in cells:
        assert f'lang="{lang}"' in cell.source, (path.name, meta["grade_id"])
        assert run_cell(cell.source, NothingSaved()) == 0.0, (path.name, meta["grade_id"])


def test_grade_source_lang_option(tmp_path, monkeypatch):
    """Does `grade source --lang es` write lang="es" into every test cell, and the env default?"""
    from partnership_course.cli import main

    paths = make_demo_course(tmp_path, ("m1",))
    monkeypatch.setenv("PARTNERSHIP_COURSE_SCENARIOS", str(paths["scenarios"]))
    args = ["grade", "source", "--course-dir", str(paths["course"])]
    args += ["--modules-dir", str(paths["modules"]), "--modules", "m1"]
    args += ["--rubric", str(Path(__file__).resolve().parents[2] / "grader" / "rubric.yaml")]
    assert main([*args, "--lang", "es"]) == 0
    sources = [c.source for _, _, c in _test_cells(paths["course"])]
    assert len(sources) == 6 and all('lang="es"' in s for s in sources)
    monkeypatch.setenv("PARTNERSHIP_COURSE_LANG", "es")
    assert main(args) == 0
    assert all('lang="es"' in c.source for _, _, c in _test_cells(paths["course"]))
    monkeypatch.delenv("PARTNERSHIP_COURSE_LANG")
    assert main(args) == 0
    assert all('lang="en"' in c.source for _, _, c in _test_cells(paths["course"]))
