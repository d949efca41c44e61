"""A cohort of 13 learners through the whole coach workflow, on a small synthetic module.

store -> inject -> parallel autograde (compared with plain sequential nbgrader) -> manual
grading through nbgrader's Gradebook API -> feedback -> report -> certificates.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from support.demo import GOOD_TEXT, SORT_KEY, make_demo_course
from support.html import parse

pytestmark = pytest.mark.kernel

M = "m1"
WRONG = {k: ("two-way" if v == "one-way" else "one-way") for k, v in SORT_KEY.items()}
THREE = {**SORT_KEY, "i1": "two-way"}
BIG = "I will ask about what matters to the family, with respect. <i>not markup</i>\n" * 13000
SCRIPT = '<script>alert("pwned")</script> I will call tomorrow. Trust is earned, ' + "ok " * 10
SPANISH = (
    "Voy a llamar a la familia mañana para escuchar primero. La confianza crece cuando "
    "preguntamos y escuchamos. 家长是伙伴。"
)
ODD = "Quotes \" ' and \\ backslash, a tab\tand a NUL\x00; trust; I will try 🙂 " + "word " * 8

# learner -> {activity: (kind, value)}; what each learner saved in the response store
ANSWERS = {
    "l01-complete": {
        # the first answer is scored (b, keyed); the later try (a) is kept for learning
        "check": ("choice", {"choice": "a", "attempts": ["b", "a"]}),
        "sort": ("sort", {"placements": SORT_KEY, "checked": True}),
        "reflect": ("reflection", {"text": GOOD_TEXT, "words": 37}),
        "rate": ("self_assessment", {"ratings": {"trust": 2}}),
    },
    "l02-partial": {
        "check": ("choice", {"choice": "a"}),
        # the first check is scored (THREE, 2.25); the re-sort to the key is kept for learning
        "sort": ("sort", {"placements": SORT_KEY, "checked": True, "checks": [THREE, SORT_KEY]}),
        "reflect": ("reflection", {"text": "Short note."}),
    },
    "l03-empty": {},  # submitted through the exchange, nothing saved
    "l04-megabyte": {
        "check": ("choice", {"choice": "b"}),
        "reflect": ("reflection", {"text": BIG}),
    },
    "l05-script": {
        "check": ("choice", {"choice": "c"}),
        "sort": ("sort", {"placements": SORT_KEY}),
        "reflect": ("reflection", {"text": SCRIPT}),
    },
    "l06-spanish": {
        "check": ("choice", {"choice": "b"}),
        "sort": ("sort", {"placements": SORT_KEY}),
        "reflect": ("reflection", {"text": SPANISH}),
        "rate": ("self_assessment", {"ratings": {"trust": 1}}),
    },
    "l07-deleted": {
        "check": ("choice", {"choice": "b"}),
        "sort": ("sort", {"placements": THREE}),
        "reflect": ("reflection", {"text": GOOD_TEXT}),
    },
    "l08-copied": {
        "check": ("choice", {"choice": "b"}),
        "sort": ("sort", {"placements": SORT_KEY}),
        "reflect": ("reflection", {"text": GOOD_TEXT}),
        "rate": ("self_assessment", {"ratings": {"trust": 1}}),
    },
    "l09-export": {
        "check": ("choice", {"choice": "b"}),
        "sort": ("sort", {"placements": SORT_KEY}),
        "reflect": ("reflection", {"text": GOOD_TEXT}),
        "rate": ("self_assessment", {"ratings": {"trust": 1}}),
    },
    "l10-spaces": {
        "check": ("choice", {"choice": "b"}),
        "sort": ("sort", {"placements": SORT_KEY}),
        "reflect": ("reflection", {"text": "   \n\t "}),
    },
    "l11-rating-only": {"rate": ("self_assessment", {"ratings": {"trust": 3}})},
    "l12-odd": {
        "check": ("choice", {"choice": "b"}),
        "sort": ("sort", {"placements": WRONG}),
        "reflect": ("reflection", {"text": ODD}),
    },
}
NOT_STARTED = ["l13-not-started", "<script>roster</script>"]

# hand-computed: (check, sort, reflection machine checks [answered, length, next, principle])
EXPECTED = {
    "l01-complete": (2, 3.0, [1, 1, 1, 1]),
    "l02-partial": (0, 2.25, [1, 0, 0, 0]),
    "l03-empty": (0, 0.0, [0, 0, 0, 0]),
    "l04-megabyte": (2, 0.0, [1, 1, 1, 1]),
    "l05-script": (0, 3.0, [1, 1, 1, 1]),
    "l06-spanish": (2, 3.0, [1, 1, 1, 1]),
    "l07-deleted": (2, 2.25, [1, 1, 1, 1]),
    "l08-copied": (2, 3.0, [1, 1, 1, 1]),
    "l09-export": (2, 3.0, [1, 1, 1, 1]),
    "l10-spaces": (2, 3.0, [0, 0, 0, 0]),
    "l11-rating-only": (0, 0.0, [0, 0, 0, 0]),
    "l12-odd": (2, 0.0, [1, 1, 1, 1]),
}
MISSING_REFLECTION = {"l03-empty", "l10-spaces", "l11-rating-only"}
CHECKS = ["answered", "length", "next-step", "principle"]
COACH_CRITERIA = ["family-perspective", "specific", "guidance", "assumptions"]
COACH = {  # levels (0-3 points each) the coach gives per criterion through the Gradebook API
    "l01-complete": (3, 2, 3, 2),
    "l02-partial": (1, 0, 0, 0),
    "l04-megabyte": (1, 1, 1, 0),
    "l05-script": (1, 1, 0, 0),
    "l06-spanish": (3, 3, 3, 3),
    "l07-deleted": (2, 1, 1, 1),
    "l08-copied": (1, 1, 1, 1),
    "l09-export": (2, 1, 1, 2),
    "l12-odd": (1, 0, 1, 0),
}
COMMENT = 'Good start. <b>bold?</b> You wrote <script>alert("coach")</script> & more.'


def _learner_notebook(release: Path, learner: str) -> None:
    """What a learner who fetched the release might hand in (cells deleted or copied)."""
    nb = nbformat.read(release, as_version=4)
    if learner == "l07-deleted":
        drop = {"sort--score", "reflect--rubric", "check--answer", "reflect--principle"}
        nb.cells = [
            c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in drop
        ]
    if learner == "l08-copied":
        by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
        nb.cells.insert(0, nbformat.from_dict(json.loads(json.dumps(by_id["check--score"]))))
        nb.cells.append(nbformat.from_dict(json.loads(json.dumps(by_id["reflect--answer"]))))
        nb.cells.append(nbformat.from_dict(json.loads(json.dumps(by_id["sort--score"]))))
        by_id["check--answer"].source = 'course.activity("check")  # I typed here'
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory, rubric, request):
    """The whole workflow, run once; tests below check its results."""
    from nbgrader.api import Gradebook

    from partnership_course.cli import main
    from partnership_course.grading.inject import export_responses
    from partnership_course.grading.nbg import db_url, generate_release
    from partnership_course.grading.parallel import grade_sequential
    from partnership_course.grading.source import build_source
    from partnership_course.store import open_store

    root = tmp_path_factory.mktemp("course")
    paths = make_demo_course(root, (M,))
    mp = pytest.MonkeyPatch()
    request.addfinalizer(mp.undo)  # undone even when the set-up below fails
    mp.setenv("PARTNERSHIP_COURSE_SCENARIOS", str(paths["scenarios"]))
    course_dir = paths["course"]
    shutil.copy(
        Path(__file__).resolve().parents[2] / "grader" / "course.yaml", course_dir / "course.yaml"
    )
    build_source(paths["modules"], course_dir, [M], rubric, paths["scenarios"])
    assert generate_release(course_dir, [M]) == {M: []}

    store_url = f"sqlite:///{root / 'responses.db'}"
    store = open_store(store_url)
    side = open_store(f"sqlite:///{root / 'offline.db'}")
    for learner, answers in ANSWERS.items():
        target = side if learner == "l09-export" else store
        for name, (kind, value) in answers.items():
            target.save(learner, M, f"{M}/{name}", kind, value)
    release = course_dir / "release" / M / f"{M}.ipynb"
    for learner in ("l03-empty", "l07-deleted", "l08-copied"):
        folder = course_dir / "submitted" / learner / M
        folder.mkdir(parents=True)
        nbformat.write(_learner_notebook(release, learner), folder / f"{M}.ipynb")
    export_responses(
        side, "l09-export", M, course_dir / "submitted" / "l09-export" / M / "responses.json"
    )

    assert (
        main(
            [
                "grade",
                "inject",
                "--course-dir",
                str(course_dir),
                "--responses",
                store_url,
                "--modules",
                M,
            ]
        )
        == 0
    )
    sequential = root / "sequential"
    shutil.copytree(course_dir, sequential)
    (sequential / "nbgrader_config.py").write_text((course_dir / "nbgrader_config.py").read_text())
    assert main(["grade", "--course-dir", str(course_dir), "--workers", "2", "--quiet"]) == 0
    seq_seconds = grade_sequential(sequential, [M])

    url = db_url(course_dir)
    with Gradebook(url, "family-partnership") as gb:
        for learner, levels in COACH.items():
            for criterion, score in zip(COACH_CRITERIA, levels, strict=True):
                grade = gb.find_grade(f"reflect--{criterion}", M, M, learner)
                grade.manual_score = score
                grade.needs_manual_grade = False  # what formgrader's grade handler does on save
            comment = gb.find_comment("reflect--answer", M, M, learner)
            comment.manual_comment = COMMENT
        gb.db.commit()
    assert main(["grade", "feedback", "--course-dir", str(course_dir), "--nbgrader-feedback"]) == 0
    roster = root / "roster.txt"
    roster.write_text("\n".join([*ANSWERS, *NOT_STARTED]) + "\n")
    assert (
        main(["report", "--course-dir", str(course_dir), "--roster", str(roster), "--quiet"]) == 0
    )
    assert (
        main(
            ["certificate", "--course-dir", str(course_dir), "--date", "2026-11-30", "--modules", M]
        )
        == 0
    )
    yield {
        "root": root,
        "course": course_dir,
        "url": url,
        "sequential": sequential,
        "seq_seconds": seq_seconds,
    }
    mp.undo()


def test_parallel_scores_equal_sequential_nbgrader(course):
    """Does `partnership-course grade` give exactly what plain `nbgrader autograde` gives?"""
    from partnership_course.grading.parallel import snapshot

    # compare before the coach's manual grades: take the sequential copy and the parallel
    # gradebook's autograde fields only
    ours = [r for r in snapshot(course["url"], "family-partnership")]
    theirs = snapshot(f"sqlite:///{course['sequential'] / 'gradebook.db'}", "family-partnership")

    def auto_only(rows):
        out = []
        for row in rows:
            if row[0] == "grade":
                out.append((*row[:5], row[5], row[8]))  # auto score, max score
            elif row[0] == "comment":
                out.append(row[:6])  # auto comment
            else:
                out.append(row)
        return out

    assert auto_only(ours) == auto_only(theirs)
    assert len([r for r in ours if r[0] == "submission"]) == len(ANSWERS)


def test_every_score_matches_hand_computation(course):
    """Is each autograded and manual score the one computed by hand?"""
    from nbgrader.api import Gradebook

    with Gradebook(course["url"], "family-partnership") as gb:
        for learner, (check, sort, machine) in EXPECTED.items():

            def auto(cell, who=learner):
                return gb.find_grade(cell, M, M, who).auto_score

            assert auto("check--score") == check, learner
            assert auto("sort--score") == sort, learner
            for name, points in zip(CHECKS, machine, strict=True):
                assert auto(f"reflect--{name}") == points, (learner, name)
            coach_grades = [gb.find_grade(f"reflect--{c}", M, M, learner) for c in COACH_CRITERIA]
            comment = gb.find_comment("reflect--answer", M, M, learner)
            if learner in MISSING_REFLECTION:
                # empty reflection: nbgrader's checksum rule gives "No response.", and
                # `grade` scores its coach criteria 0 so no coach is asked to read nothing
                assert comment.auto_comment == "No response."
                assert all(g.manual_score == 0 for g in coach_grades)
                assert not any(g.needs_manual_grade for g in coach_grades)
            else:
                # a written reflection waits for the coach, one score per criterion
                assert comment.auto_comment is None
                assert all(g.auto_score is None for g in coach_grades)
                assert [g.manual_score for g in coach_grades] == list(COACH[learner])
            total = gb.find_submission(M, learner).score
            coach = sum(COACH.get(learner, ()))
            assert total == pytest.approx(check + sort + sum(machine) + coach), learner


def test_nothing_was_lost(course):
    """Does every stored answer reach the graded notebook byte for byte?"""
    from partnership_course.grading.literal import read_answer

    for learner, answers in ANSWERS.items():
        nb = nbformat.read(course["course"] / "autograded" / learner / M / f"{M}.ipynb", 4)
        found = {}
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if gid.endswith("--answer"):
                assert gid not in found, f"{learner}: {gid} twice"
                parsed = read_answer(cell.source)
                found[gid] = parsed[1] if parsed else None
        assert set(found) == {"check--answer", "sort--answer", "reflect--answer", "rate--answer"}
        for name, (_kind, value) in answers.items():
            if learner in MISSING_REFLECTION and name == "reflect":
                assert found[f"{name}--answer"] is None
            else:
                assert found[f"{name}--answer"] == value, (learner, name)
    big = nbformat.read(course["course"] / "autograded" / "l04-megabyte" / M / f"{M}.ipynb", 4)
    assert any(
        BIG.rstrip() in (o.get("data", {}).get("text/plain", ""))
        for c in big.cells
        if c.cell_type == "code"
        for o in c.outputs
    )


def test_repaired_notebooks(course):
    """Were deleted cells put back and copied locked cells kept from duplicating grade ids?"""
    for learner in ("l07-deleted", "l08-copied"):
        nb = nbformat.read(course["course"] / "autograded" / learner / M / f"{M}.ipynb", 4)
        ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
        ids = [i for i in ids if i]
        assert len(ids) == len(set(ids)), learner
        assert {"sort--score", "reflect--rubric", "check--answer", "reflect--principle"} <= set(ids)


CODE = ("course.", "import", "--score", "In [", "--answer", "nbgrader", "grade_id")


def _feedback(course, learner, folder="feedback-pages"):
    return (course["course"] / folder / learner / f"{M}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("learner", ["l01-complete", "l02-partial"])
def test_feedback_in_words(course, learner):
    """Does a complete and a partial learner's page show answers and criteria in words, with
    no code, ids or nbgrader vocabulary, and the coach's comment escaped?"""
    page = _feedback(course, learner)
    for fragment in CODE:
        assert fragment not in page, (learner, fragment)
    for name in ("offer-options", "i1", 'two-way"', "reflect", "check"):
        assert f">{name}<" not in page
    assert "Quick check" in page and "Sort the practices" in page and "Your next step" in page
    chosen = (
        "Sharing something positive first"
        if learner == "l01-complete"
        else ("Calling only when there is a problem")
    )
    assert chosen in page
    for label in (
        "Answers the prompt",
        "Names a concrete next step",
        "Takes the family",
        "Meets this prompt",
        "Examines own assumptions",
    ):
        assert label in page
    assert "<dt>Two-way</dt>" in page and "A home visit" in page  # cards under category labels
    assert "Good start. &lt;b&gt;bold?&lt;/b&gt;" in page and "<b>bold?</b>" not in page
    levels = {"l01-complete": "described with empathy", "l02-partial": "mentioned in passing"}
    assert levels[learner] in page
    totals = {
        "l01-complete": "Module total: 19 of 21 points",
        "l02-partial": "Module total: 4.25 of 21 points",
    }
    assert totals[learner] in page
    if learner == "l02-partial":
        assert "Short note." in page and "Where are you now?" in page
        assert "Your later sort (not scored)" in page  # the scored sort comes first


def test_feedback_pages_escape_learner_text(course):
    """Is a learner's markup shown as text on their page, exactly, and a megabyte kept?"""
    page = _feedback(course, "l05-script")
    assert '<script>alert("pwned")' not in page
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt; I will call tomorrow." in page
    big = _feedback(course, "l04-megabyte")
    assert big.count("&lt;i&gt;not markup&lt;/i&gt;") == 13000
    assert not (course["course"] / "feedback-pages" / "l13-not-started").exists()


def test_feedback_in_spanish_for_a_spanish_cohort(course):
    """Does `grade feedback --lang es` write the pages in Spanish?"""
    from partnership_course.cli import main

    out = course["root"] / "feedback-es"
    args = ["grade", "feedback", "--course-dir", str(course["course"]), "--lang", "es"]
    assert main([*args, "--out", str(out)]) == 0
    page = (out / "l01-complete" / f"{M}.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in page
    assert "Su respuesta" in page and "Responde a la pregunta" in page
    assert "Examina sus propias suposiciones" in page
    for fragment in CODE:
        assert fragment not in page


def test_nbgrader_feedback_behind_an_option(course):
    """Is nbgrader's own feedback still there for those who ask for it?"""
    page = (course["course"] / "feedback" / "l05-script" / M / f"{M}.html").read_text()
    assert '<script>alert("pwned")' not in page
    assert "&lt;script&gt;alert" in page
    assert '<script>alert("coach")' not in page
    assert '&lt;script&gt;alert("coach")&lt;/script&gt; &amp; more.' in page
    assert "<b>bold?</b>" not in page
    for label in ("Answers the prompt", "Names a concrete next step", "Takes the family"):
        assert label in page
    spanish = (course["course"] / "feedback" / "l06-spanish" / M / f"{M}.html").read_text()
    assert "家长是伙伴" in spanish and "mañana" in spanish


def test_report(course):
    """Does the report list completion, what to grade, what is missing, who has not started?"""
    import pandas as pd

    reports = course["course"] / "reports"
    frame = pd.read_csv(reports / "report.csv")
    status = {(r.learner, r.activity): r.status for r in frame.itertuples()}
    assert status[("l01-complete", "reflect")] == "graded"
    assert status[("l03-empty", "reflect")] == "missing"
    assert status[("l10-spaces", "reflect")] == "missing"
    assert status[("l11-rating-only", "rate")] == "answered"
    assert status[("l11-rating-only", "check")] == "missing"
    assert status[("l13-not-started", "check")] == "not submitted"
    score = {(r.learner, r.activity): r.score for r in frame.itertuples()}
    assert score[("l02-partial", "reflect")] == 2  # 1 machine + 1 coach
    assert score[("l06-spanish", "reflect")] == 16
    page = (reports / "report.html").read_text()
    assert "<script>roster</script>" not in page and "&lt;script&gt;roster" in page
    assert "Completion per module (the same figures are in the table below)" in page
    # activities by their titles, never their ids; every chart followed by its table
    assert "<h4>Quick check</h4>" in page and "<h4>Your next step</h4>" in page
    assert "m1 / check" not in page and ">check<" not in page
    assert page.count("<svg") == page.count('-table">') == 4  # completion + 3 scored activities
    learner_page = (reports / "learners" / "l01-complete.html").read_text()
    assert "Sharing something positive first" in learner_page
    assert "Module total: 19 of 21 points" in learner_page
    assert "l13-not-started" in page


def test_certificates(course):
    """Do exactly the learners who completed everything get a certificate?"""
    folder = course["course"] / "certificates"
    got = sorted(p.stem for p in folder.glob("*.html"))
    assert got == ["l01-complete", "l06-spanish", "l08-copied", "l09-export"]
    page = (folder / "l01-complete.html").read_text()
    assert "2026-11-30" in page and "Hours" in page


def test_report_and_certificates_in_spanish(course):
    """Do `report --lang es` and `certificate --lang es` write Spanish pages for the cohort?"""
    from partnership_course.cli import main

    root, course_dir = course["root"], str(course["course"])
    out = root / "reports-es"
    args = ["report", "--course-dir", course_dir, "--roster", str(root / "roster.txt")]
    assert main([*args, "--quiet", "--lang", "es", "--out", str(out)]) == 0
    assert '<html lang="es">' in (out / "report.html").read_text()
    assert (out / "report.csv").read_text() == (
        course["course"] / "reports" / "report.csv"
    ).read_text()
    certs = root / "certificates-es"
    args = ["certificate", "--course-dir", course_dir, "--date", "2026-11-30", "--modules", M]
    assert main([*args, "--lang", "es", "--no-pdf", "--out", str(certs)]) == 0
    pages = sorted(p.stem for p in certs.glob("*.html"))
    assert pages == ["l01-complete", "l06-spanish", "l08-copied", "l09-export"]
    assert parse((certs / "l01-complete.html").read_text()).html["lang"] == "es"
