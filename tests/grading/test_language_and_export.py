"""Feedback, report and certificate in the learner's language; `partnership-course export`."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from support.demo import make_demo_course
from support.html import parse, texts

from partnership_course.cli import main
from partnership_course.grading.certificate import CourseInfo, certificate_html, load_course_info
from partnership_course.grading.checks import (
    check_reflection,
    score_choice,
    score_contact_planner,
)
from partnership_course.grading.inject import responses_from_file
from partnership_course.grading.report import report_html
from partnership_course.grading.rubric_cells import rubric_markdown
from partnership_course.grading.source import build_source
from partnership_course.store import ResponseStore

SPANISH = {
    "{planned} families planned, {needed} asked for: {earned} of {points} points.": (
        "{planned} familias en el plan, se piden {needed}: {earned} de {points} puntos."
    ),
    "Correct ({choice}): {earned} of {points} points.": (
        "Correcto ({choice}): {earned} de {points} puntos."
    ),
    "{label}: {verdict} ({why}). {earned} of {points} points.": (
        "{label}: {verdict} ({why}). {earned} de {points} puntos."
    ),
    "yes": "sí",
    "a reflection was saved": "se guardó una reflexión",
    "Cohort report": "Informe del grupo",
    "Module": "Módulo",
    "Modules": "Módulos",
    "Certificate of completion": "Certificado de finalización",
    "completed {course}:": "completó {course}:",
    "Hours": "Horas",
    "Criterion": "Criterio",
}


@pytest.fixture
def spanish(interface_catalogue):
    """A small Spanish interface catalogue in a temporary translations folder."""
    return interface_catalogue(SPANISH)


def test_scorer_sentences_follow_the_language(spanish, monkeypatch, capsys):
    """Does a Spanish catalogue entry change the sentence, for lang="es" and for the env?"""
    families = {"families": [{"code": "A"}, {"code": "B"}]}
    assert score_contact_planner(families, 2.0, lang="es") == 1.33
    assert capsys.readouterr().out == "2 familias en el plan, se piden 3: 1.33 de 2 puntos.\n"
    assert score_contact_planner(families, 2.0, lang="en") == 1.33
    assert capsys.readouterr().out == "2 families planned, 3 asked for: 1.33 of 2 points.\n"
    monkeypatch.setenv("PARTNERSHIP_COURSE_LANG", "es")
    assert score_contact_planner(families, 2.0) == 1.33  # no lang: the environment decides
    assert "familias en el plan" in capsys.readouterr().out
    # a sentence without a Spanish entry falls back on English
    assert score_choice({"choice": "a"}, ["b"], 1.0, lang="es") == 0.0
    assert capsys.readouterr().out.startswith("Not the keyed answer (a)")
    # fragments are translated too
    answer = {"text": "Algo escrito."}
    assert check_reflection(answer, "a", label="A", check="answered", points=1, lang="es") == 1
    assert capsys.readouterr().out == "A: sí (se guardó una reflexión). 1 de 1 puntos.\n"


def test_spanish_source_prints_spanish_feedback(spanish, tmp_path, rubric, run_cell, capsys):
    """Do the test cells of a source built for Spanish print Spanish sentences?"""
    paths = make_demo_course(tmp_path, ("m1",))
    build_source(paths["modules"], paths["course"], ["m1"], rubric, paths["scenarios"], lang="es")
    import nbformat

    nb = nbformat.read(paths["course"] / "source" / "m1" / "m1.ipynb", 4)
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}

    class Saved:
        def answered(self, name):
            return {"choice": "b"}

    assert run_cell(cells["check--score"].source, Saved()) == 2.0
    assert capsys.readouterr().out == "Correcto (b): 2 de 2 puntos.\n"
    assert "| Criterio |" in cells["reflect--rubric"].source


def test_report_in_spanish(spanish):
    """Are the report's title, headings and table headers translated, the CSV data not?"""
    frame = pd.DataFrame(
        [
            dict(
                learner="ana",
                module="m1",
                notebook="m1",
                activity="check",
                status="graded",
                score=1.0,
                max_score=2.0,
                auto_score=1.0,
                manual_score=None,
                needs_manual_grade=False,
                submitted_at=None,
            )
        ]
    )
    page = report_html(frame, lang="es")
    assert '<html lang="es">' in page
    assert "<title>Informe del grupo</title>" in page and "<h2>Módulos</h2>" in page
    assert '<th scope="col">Módulo</th>' in page
    english = report_html(frame, lang="en")
    assert "<title>Cohort report</title>" in english and '<th scope="col">Module</th>' in english


def test_certificate_in_spanish(spanish, tmp_path):
    """Is the certificate in Spanish, the course name still escaped?"""
    info = CourseInfo("Familias <y> escuelas", "", {"m1": ("Uno", 1.5)})
    page = certificate_html("Zoë", info, date(2026, 11, 30), lang="es")
    assert parse(page).html["lang"] == "es"
    assert texts(page, "h1") == ["Certificado de finalización"]
    assert "completó Familias <y> escuelas:" in texts(page, "p")
    assert texts(page, "th[scope=col]") == ["Módulo", "Horas"]
    course = tmp_path / "course.yaml"
    course.write_text(
        "course: {en: Partnering, es: Colaborar}\n"
        "modules:\n  m1: {title: {en: One, es: Uno}, hours: 1}\n  m2: {title: Two, hours: 2}\n",
        encoding="utf-8",
    )
    spanish_info = load_course_info(course, ["m1", "m2"], lang="es")
    assert spanish_info.course == "Colaborar"
    assert spanish_info.modules == {"m1": ("Uno", 1.0), "m2": ("Two", 2.0)}
    assert load_course_info(course, ["m1"]).modules == {"m1": ("One", 1.0)}


def test_rubric_headings_in_spanish(spanish, rubric):
    """Are the rubric table's headings translated and the rubric's own text kept?"""
    text = rubric_markdown(rubric, rubric.for_reflection(3), "es")
    assert "| Criterio |" in text and "Answers the prompt" in text


# -- export --------------------------------------------------------------------------------
def test_export_writes_what_inject_reads(store: ResponseStore, tmp_path, monkeypatch, capsys):
    """Does `export` write the learner's answers for one module, as inject reads them?"""
    store.save("ana", "m1", "m1/check", "choice", {"choice": "b"})
    store.save("ana", "m1", "m1/reflect", "reflection", {"text": "Voy a llamar mañana."})
    store.save("ana", "m2", "m2/other", "choice", {"choice": "a"})
    store.save("ben", "m1", "m1/check", "choice", {"choice": "a"})
    out = tmp_path / "handin"
    assert main(["export", "--module", "m1", "--learner", "ana", "--out", str(out)]) == 0
    assert "2 saved answers of ana for module m1" in capsys.readouterr().out
    answers = responses_from_file(out / "responses.json", "ana", "m1")
    assert {k: a.value for k, a in answers.items()} == {
        "m1/check": {"choice": "b"},
        "m1/reflect": {"text": "Voy a llamar mañana."},
    }
    # the learner is, by default, whoever is signed in
    monkeypatch.setenv("PARTNERSHIP_COURSE_LEARNER", "ana")
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--module", "m2"]) == 0
    assert set(responses_from_file(tmp_path / "responses.json", "ana", "m2")) == {"m2/other"}


def test_export_refuses_nothing_and_other_peoples_files(store: ResponseStore, tmp_path, capsys):
    """Is an empty export refused (naming modules with answers) and another's file kept?"""
    store.save("ana", "m1", "m1/check", "choice", {"choice": "b"})
    store.save("ben", "m1", "m1/check", "choice", {"choice": "a"})
    args = ["export", "--out", str(tmp_path)]
    assert main([*args, "--module", "m9", "--learner", "ana"]) == 1
    err = capsys.readouterr().err
    assert "No saved answers of ana for module m9" in err and "m1" in err
    assert not (tmp_path / "responses.json").exists()
    assert main([*args, "--module", "m1", "--learner", "ben"]) == 0
    assert main([*args, "--module", "m1", "--learner", "ana"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert set(responses_from_file(tmp_path / "responses.json", "ben", "m1")) == {"m1/check"}
    assert main([*args, "--module", "m1", "--learner", "ana", "--force"]) == 0
    assert responses_from_file(tmp_path / "responses.json", "ana", "m1")["m1/check"].value == {
        "choice": "b"
    }
    assert main([*args, "--module", "m1", "--learner", "ana"]) == 0  # own file: refreshed
