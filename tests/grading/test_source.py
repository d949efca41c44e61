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
    assert built.max_points == 21.0
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
        "reflect--family-perspective",
        "reflect--specific",
        "reflect--guidance",
        "reflect--assumptions",
        "rate--answer",
    ]
    assert meta["course-start"]["locked"] and not meta["course-start"]["grade"]
    assert meta["check--answer"]["solution"] and not meta["check--answer"]["grade"]
    assert meta["check--score"]["points"] == 2.0 and meta["check--score"]["locked"]
    # the answer is a solution cell (nbgrader notes "No response." for it) worth no points;
    # each coach criterion is its own manually graded task cell, scored separately
    assert meta["reflect--answer"]["solution"] and not meta["reflect--answer"]["grade"]
    coach = ["family-perspective", "specific", "guidance", "assumptions"]
    for cid in coach:
        cell = meta[f"reflect--{cid}"]
        assert cell["task"] and cell["locked"] and not cell["grade"] and not cell["solution"]
        assert cell["points"] == 3.0  # a 16-point reflection uses the rubric as written
    assert built.activities[2].manual_ids == [f"reflect--{c}" for c in coach]
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    assert cells["reflect--guidance"].cell_type == "markdown"
    assert "Meets this prompt" in cells["reflect--guidance"].source
    assert meta["rate--answer"]["solution"] and not meta["rate--answer"]["grade"]
    ids = [c.id for c in nb.cells]
    assert len(ids) == len(set(ids))
    # module notebooks themselves stay free of nbgrader metadata
    original = nbformat.read(paths["modules"] / "m1" / "m1.ipynb", 4)
    assert not any("nbgrader" in c.metadata for c in original.cells)


def test_reflection_points_are_spread_over_the_rubric(rubric):
    """Does a 3-point reflection give each criterion its share?"""
    shares = {c.id: c.points for c in rubric.for_reflection(3, min_words=50)}
    assert shares["answered"] == 0.19 and shares["family-perspective"] == 0.56
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
        (  # `{points: 3, label: one, two}`: YAML reads a second key, the label is cut short
            {
                "schema_version": 1,
                "reflection": {
                    "criteria": [
                        {
                            "id": "a",
                            "scored_by": "coach",
                            "points": 3,
                            "levels": [
                                {"points": 0, "label": "none"},
                                {"points": 3, "label": "a situation", "what happened": None},
                            ],
                        }
                    ]
                },
            },
            "in quotes",
        ),
    ],
)
def test_rubric_errors_name_the_field(data, message):
    """Does a broken rubric say which field is wrong?"""
    with pytest.raises(RubricError, match=message):
        parse_rubric(data)


def test_guidance_criterion_shows_each_reflections_guidance(rubric):
    """Does "meets this prompt's guidance" take its descriptor from the reflection?"""
    criteria = rubric.for_reflection(3, guidance="Two generous explanations.")
    guidance = next(c for c in criteria if c.from_guidance)
    assert guidance.by_coach and guidance.description == "Two generous explanations."
    assert [lv.points for lv in guidance.levels] == [0, 0.19, 0.38, 0.56]
    assert guidance.level_for(0.38).points == 0.38 and guidance.level_for(None) is None


def test_spanish_rubric_keeps_the_english_skeleton_and_every_phrase(rubric):
    """Is the Spanish rubric the same rubric in other words, and do checks look for both
    languages' phrases whatever the cohort's language?"""
    from partnership_course.grading.checks import find_phrase
    from partnership_course.grading.rubric import load_rubric, rubric_problems

    spanish = load_rubric(Path(__file__).resolve().parents[2] / "grader" / "rubric.yaml", "es")
    assert spanish.title != rubric.title and spanish.lang == "es"
    assert [(c.id, c.points) for c in spanish.criteria] == [
        (c.id, c.points) for c in rubric.criteria
    ]
    for ours in (rubric, spanish):
        principle = ours.criterion("principle")
        assert find_phrase("Hablamos con respeto y confianza", principle.phrases)
        assert find_phrase("We spoke with respect", principle.phrases)
    assert rubric_problems(languages=["es"]) == []


def test_translation_that_changes_points_is_refused(tmp_path, monkeypatch):
    """Does a translation that changes more than words get a file:line error?"""
    from partnership_course.grading.rubric import rubric_problems

    repo = Path(__file__).resolve().parents[2]
    text = (repo / "translations" / "es" / "grader" / "rubric.yaml").read_text()
    target = tmp_path / "es" / "grader" / "rubric.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(text.replace("- id: specific\n", "- id: specific\n      points: 9\n", 1))
    monkeypatch.setenv("PARTNERSHIP_COURSE_TRANSLATIONS", str(tmp_path))
    problems = rubric_problems(repo / "grader" / "rubric.yaml", ["es"])
    assert problems and "duplicate key" in str(problems[0])
    target.write_text(text.replace("min_words: 40", "min_words: 30", 1))
    (problem,) = rubric_problems(repo / "grader" / "rubric.yaml", ["es"])
    line = target.read_text().splitlines()[problem.line - 1]
    assert "id: length" in line and "more than its words" in problem.message


def test_anchor_files_are_checked(tmp_path, monkeypatch):
    """Are anchors for a graded reflection accepted, and broken or misplaced ones refused
    with file:line errors, and graded reflections without anchors listed?"""
    from partnership_course.content.loader import load_all
    from partnership_course.grading.anchors import anchor_problems, load_anchors

    paths = make_demo_course(tmp_path, ("m1",))
    found, _ = load_all(paths["scenarios"])
    monkeypatch.setenv("PARTNERSHIP_COURSE_TRANSLATIONS", str(tmp_path / "translations"))
    problems, missing = anchor_problems(found, paths["course"], ["es"])
    assert problems == [] and missing == [("m1/reflect", "en"), ("m1/reflect", "es")]
    folder = paths["course"] / "anchors" / "m1"
    folder.mkdir(parents=True)
    (folder / "reflect.yaml").write_text(
        "schema_version: 1\nstrong: A <b>strong</b> reply.\nadequate: An adequate one.\n"
    )
    (folder / "check.yaml").write_text("schema_version: 1\nstrong: x\nadequate: y\n")
    es = tmp_path / "translations" / "es" / "grader" / "anchors" / "m1"
    es.mkdir(parents=True)
    (es / "reflect.yaml").write_text("schema_version: 1\nstrong: Una respuesta.\nadequat: z\n")
    problems, missing = anchor_problems(found, paths["course"], ["es"])
    assert missing == []
    text = sorted(str(p) for p in problems)
    assert any("check.yaml:1" in t and "not a graded reflection" in t for t in text)
    assert any("es/grader/anchors/m1/reflect.yaml:3: adequat: unknown field" in t for t in text)
    assert any("reflect.yaml:1: adequate: an anchor answer" in t for t in text)
    anchors = load_anchors("m1/reflect", "en", paths["course"])
    assert anchors.strong == "A <b>strong</b> reply." and anchors.lang == "en"


def test_ungraded_journal_gets_no_grading_cells(tmp_path, rubric):
    """Does `graded: false` make a reflection an ungraded journal, kept but never scored, and
    is a journal with points refused?"""
    from partnership_course.content.errors import ScenarioError
    from partnership_course.content.loader import parse_file

    paths = make_demo_course(tmp_path, ("m1",))
    path = paths["scenarios"] / "m1" / "reflect.yaml"
    path.write_text(path.read_text().replace("points: 16\n", "graded: false\n"))
    (built,) = build_source(paths["modules"], paths["course"], ["m1"], rubric, paths["scenarios"])
    assert built.max_points == 5.0  # the check and the sort
    nb = nbformat.read(paths["course"] / "source" / "m1" / "m1.ipynb", 4)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    assert "reflect--answer" in ids and not [i for i in ids if i and i.startswith("reflect--r")]
    assert not [i for i in ids if i and i.startswith("reflect--") and i != "reflect--answer"]
    path.write_text(path.read_text().replace("graded: false\n", "graded: false\npoints: 3\n"))
    with pytest.raises(ScenarioError, match="points: an ungraded reflection"):
        parse_file(path)


def _test_cells(course_dir):
    for path in sorted((course_dir / "source").rglob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution") and not meta.get("task"):
                yield path, meta, cell


def _points_in_cells(module_dir: Path) -> float:
    """The points nbgrader reads from a built module: every graded or task cell's `points`."""
    total = 0.0
    for path in sorted(module_dir.glob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") or meta.get("task"):
                total += float(meta.get("points", 0))
    return total


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
        content_points = 0.0
        for activity in module.activities:
            scenario = load_scenario(f"{module.module}/{activity.name}")
            kinds.add(activity.kind)
            if scenario.points > 0 and getattr(scenario, "graded", True):
                assert activity.test_ids, f"{module.module}/{activity.name} is not scored"
                assert activity.points == pytest.approx(scenario.points)
                content_points += scenario.points
        # the module is worth what its content says, and that is what nbgrader will read from
        # the cells (derived from the content, so editing a scenario's points fails nothing)
        assert content_points > 0
        assert module.max_points == pytest.approx(content_points)
        assert _points_in_cells(tmp_path / "source" / module.module) == pytest.approx(
            content_points
        )
    assert {"ladder", "starters", "branching", "plain_language"} <= kinds
    assert {"contact_planner", "action_plan"} <= kinds

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
