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
        "sort": ("sort", {"placements": THREE}),
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
COACH = {  # manual scores out of 6 the coach gives through the Gradebook API
    "l01-complete": 5,
    "l02-partial": 1,
    "l04-megabyte": 3,
    "l05-script": 2,
    "l06-spanish": 6,
    "l07-deleted": 4,
    "l08-copied": 4,
    "l09-export": 5,
    "l12-odd": 2,
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
def course(tmp_path_factory, rubric):
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
        for learner, score in COACH.items():
            grade = gb.find_grade("reflect--answer", M, M, learner)
            grade.manual_score = score
            grade.needs_manual_grade = False  # what formgrader's grade handler does on save
            comment = gb.find_comment("reflect--answer", M, M, learner)
            comment.manual_comment = COMMENT
        gb.db.commit()
    assert main(["grade", "feedback", "--course-dir", str(course_dir)]) == 0
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
            answer = gb.find_grade("reflect--answer", M, M, learner)
            if learner in MISSING_REFLECTION:
                # empty reflection: nbgrader's checksum rule, 0 and "No response."
                assert answer.auto_score == 0
                assert answer.manual_score is None
                assert not answer.needs_manual_grade
                comment = gb.find_comment("reflect--answer", M, M, learner)
                assert comment.auto_comment == "No response."
            else:
                # a written reflection is never auto-zeroed: it waited for the coach
                assert answer.auto_score is None
                assert answer.manual_score == COACH[learner]
            total = gb.find_submission(M, learner).score
            coach = COACH.get(learner, 0)
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


def test_feedback_escapes_markup(course):
    """Does feedback show the learner's and coach's markup as text, and each criterion?"""
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
    assert score[("l06-spanish", "reflect")] == 10
    page = (reports / "report.html").read_text()
    assert "<script>roster</script>" not in page and "&lt;script&gt;roster" in page
    assert "<title>Completion per module" in page  # text alternative of the chart
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
    assert "<html lang='es'>" in (out / "report.html").read_text()
    assert (out / "report.csv").read_text() == (
        course["course"] / "reports" / "report.csv"
    ).read_text()
    certs = root / "certificates-es"
    args = ["certificate", "--course-dir", course_dir, "--date", "2026-11-30", "--modules", M]
    assert main([*args, "--lang", "es", "--no-pdf", "--out", str(certs)]) == 0
    pages = sorted(p.stem for p in certs.glob("*.html"))
    assert pages == ["l01-complete", "l06-spanish", "l08-copied", "l09-export"]
    assert parse((certs / "l01-complete.html").read_text()).html["lang"] == "es"
