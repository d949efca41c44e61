"""The coaches' grading page in chromium: a coach grades three reflections with the keyboard
alone; the gradebook then holds exactly those scores and comments, the feedback pages show
them, and anyone without the coach's key is refused (403).

One small course (four learners, one left nothing to read) is autograded for real once for
the module; one `partnership-course grade review` server serves every test here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyboard import TIMEOUT, tab_to
from support.demo import GOOD_TEXT, SORT_KEY, make_demo_course

pytestmark = pytest.mark.kernel

ROOT = Path(__file__).resolve().parents[2]
M = "m1"
TEXTS = {
    "ana": GOOD_TEXT,
    "ben": '<script>alert("ben")</script> I will call. Trust & respect\nline two',
    "cy": "Voy a llamar mañana. La confianza importa, y escucho primero.",
}
LONG_TITLE = (
    "Sort the practices that families in our district told us build two-way communication, "
    "and those that only send information home"
)
CRITERIA = ["family-perspective", "specific", "guidance", "assumptions"]
# what the coach gives, per learner: the level (index) of each criterion, and a comment
GIVEN = {
    "ana": ([3, 2, 3, 1], "Clear and kind. <em>Well done</em>."),
    "ben": ([1, 0, 1, 0], "Say more about the family's view."),
    "cy": ([2, 2, 2, 3], "Buen paso: escuchar primero."),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory, request) -> Iterator[dict]:
    """A demo course with four learners, injected and autograded by `partnership-course grade`."""
    from partnership_course.cli import main
    from partnership_course.grading.nbg import generate_release
    from partnership_course.grading.rubric import load_rubric
    from partnership_course.grading.source import build_source
    from partnership_course.store import open_store

    root = tmp_path_factory.mktemp("review")
    paths = make_demo_course(root, (M,))
    mp = pytest.MonkeyPatch()
    request.addfinalizer(mp.undo)  # undone even when the set-up below fails
    mp.setenv("PARTNERSHIP_COURSE_SCENARIOS", str(paths["scenarios"]))
    course = paths["course"]
    shutil.copy(ROOT / "grader" / "course.yaml", course / "course.yaml")
    shutil.copy(ROOT / "grader" / "rubric.yaml", course / "rubric.yaml")
    anchors = course / "anchors" / M
    anchors.mkdir(parents=True)
    (anchors / "reflect.yaml").write_text(
        "schema_version: 1\nstrong: I will phone <b>Ms. Ruiz</b> first with good news.\n"
        "adequate: I will send a note home.\n",
        encoding="utf-8",
    )
    sort = paths["scenarios"] / M / "sort.yaml"
    sort.write_text(sort.read_text().replace("title: Sort the practices", f"title: {LONG_TITLE}"))
    build_source(
        paths["modules"], course, [M], load_rubric(course / "rubric.yaml"), paths["scenarios"]
    )
    assert generate_release(course, [M]) == {M: []}
    url = f"sqlite:///{root / 'responses.db'}"
    store = open_store(url)
    for learner, text in TEXTS.items():
        store.save(learner, M, f"{M}/reflect", "reflection", {"text": text})
        store.save(learner, M, f"{M}/check", "choice", {"choice": "b"})
        store.save(learner, M, f"{M}/sort", "sort", {"placements": SORT_KEY})
    store.save("dee", M, f"{M}/check", "choice", {"choice": "a"})  # no reflection
    assert main(["grade", "inject", "--course-dir", str(course), "--responses", url]) == 0
    assert main(["grade", "--course-dir", str(course), "--workers", "2", "--quiet"]) == 0
    yield {"root": root, "course": course}
    mp.undo()


@pytest.fixture(scope="module")
def review(graded) -> Iterator[str]:
    """`partnership-course grade review` running; yields the address it printed (with key)."""
    env = {**os.environ, "PARTNERSHIP_COURSE_SCENARIOS": os.environ["PARTNERSHIP_COURSE_SCENARIOS"]}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "partnership_course.cli",
            "grade",
            "review",
            "--course-dir",
            str(graded["course"]),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = ""
        for line in process.stdout:
            if "Grading page:" in line:
                break
        match = re.search(r"(http://\S+)", line)
        assert match, f"no address printed: {line!r}"
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_a_coach_grades_three_reflections_with_the_keyboard(browser, review, graded):
    """Tab to each radio group, choose a level with the arrow keys, type a comment, save with
    Enter; three times. Then the gradebook holds exactly those scores and comments."""
    from nbgrader.api import Gradebook

    from partnership_course.cli import main
    from partnership_course.grading.nbg import db_url

    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)  # a busy shared machine: pages may take a while
    context.set_default_navigation_timeout(TIMEOUT)
    page = context.new_page()
    page.goto(review)
    assert page.title() == "Reflections to grade"
    assert "3" in page.locator("nav.pc-nav p").inner_text()  # dee wrote nothing: not queued
    done = []
    for _ in range(3):
        heading = page.locator("#review-title").inner_text()
        assert heading == "Your next step"
        learner = page.locator("article p").first.inner_text().split(": ", 1)[1].split(" ")[0]
        levels, comment = GIVEN[learner]
        for index, level in enumerate(levels):
            group = page.locator("fieldset").nth(index)
            first = group.locator("input[type=radio]").first
            if index == 0:
                tab_to(page, first)
            else:  # one Tab stop per group: a single Tab leaves one group for the next
                page.keyboard.press("Tab")
                assert first.evaluate("el => el === document.activeElement")
            page.keyboard.press("Space")
            for _ in range(level):
                page.keyboard.press("ArrowDown")
            checked = group.locator("input:checked")
            assert checked.count() == 1
            assert checked.evaluate("el => el === document.activeElement")
        box = page.locator("#comment")
        tab_to(page, box)
        page.keyboard.type(comment)
        tab_to(page, page.locator("#save"))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("[role=status]").inner_text() == "Saved."
        done.append(learner)
    assert sorted(done) == ["ana", "ben", "cy"]
    assert "No reflection is waiting" in page.content()

    with Gradebook(db_url(graded["course"]), "family-partnership") as gb:
        for learner, (levels, comment) in GIVEN.items():
            scores = [gb.find_grade(f"reflect--{c}", M, M, learner) for c in CRITERIA]
            assert [g.manual_score for g in scores] == [float(x) for x in levels]
            assert not any(g.needs_manual_grade for g in scores)
            assert gb.find_comment("reflect--answer", M, M, learner).manual_comment == comment
        dee = [gb.find_grade(f"reflect--{c}", M, M, "dee") for c in CRITERIA]
        assert [g.manual_score for g in dee] == [0.0] * 4  # settled: nothing to read
    assert main(["grade", "feedback", "--course-dir", str(graded["course"])]) == 0
    page_ana = (graded["course"] / "feedback-pages" / "ana" / f"{M}.html").read_text()
    assert "Clear and kind. &lt;em&gt;Well done&lt;/em&gt;." in page_ana
    assert "described with empathy and without deficit words" in page_ana  # level 3
    assert "Module total: 18 of 21 points" in page_ana  # 2 + 3 + 4 checks + 9 coach
    context.close()


def test_page_shows_text_escaped_anchors_and_hides_names(browser, review):
    """Learner markup is text, anchors are shown to the coach, names can be hidden."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    context.set_default_navigation_timeout(TIMEOUT)
    page = context.new_page()
    page.goto(review)
    page.goto(page.url.split("?")[0] + "?all=1&learner=ben&hide=1")
    assert page.locator("#learner-text").inner_text() == TEXTS["ben"]
    assert "I will phone <b>Ms. Ruiz</b> first" in page.locator(".pc-anchor").first.inner_text()
    # hidden names: neither the learner line nor the learner filter shows "ben" (the learner's
    # own text may say anything, so it is not part of this check)
    shown = [*page.locator("#f-learner option").all_inner_texts()]
    shown.append(page.locator("article p").first.inner_text())
    assert shown and not any("ben" in name for name in shown)
    assert page.locator("article p").first.inner_text().startswith("Learner: Learner 2")
    assert page.locator(".pc-privacy").count() == 0  # ben names nobody
    # ana's reflection names "Ms. Rivera": a flag for the coach beside the text, not a point
    page.goto(page.url.split("?")[0] + "?all=1&learner=ana")
    flag = page.locator(".pc-privacy").inner_text()
    assert "may name a student or family: Rivera" in flag and "costs no point" in flag
    context.close()


def test_without_the_coach_key_the_page_is_refused(review):
    """No key, no page: 403 for the page and for saving."""
    base = review.split("?")[0]
    for url, data in ((base, None), (base + "save", b"item=m1/reflect/ana")):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=120)
        assert refused.value.code == 403
        assert "For coaches only" in refused.value.read().decode()


MEASURE = """() => [...document.querySelectorAll('figure.pc-chart svg')].map(svg => {
  const width = svg.getBoundingClientRect().width;
  return [...svg.querySelectorAll('text')].map(t => {
    const box = t.getBBox();
    return {text: t.textContent, left: box.x, right: box.x + box.width, width};
  });
}).flat()"""


def test_report_labels_fit_their_charts_and_use_titles(browser, graded):
    """Every chart label lies inside its chart (measured in chromium), activities are named by
    their titles, and a long title wraps instead of being cut off."""
    from partnership_course.cli import main

    course = graded["course"]
    assert main(["report", "--course-dir", str(course), "--quiet"]) == 0
    report = course / "reports" / "report.html"
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    page.goto(report.as_uri())
    labels = page.evaluate(MEASURE)
    assert len(labels) > 10
    for label in labels:
        assert label["left"] >= 0 and label["right"] <= label["width"] + 0.5, label
    text = page.locator("main").inner_text()
    assert "Quick check" in text and LONG_TITLE in text and "Your next step" in text
    for wrapped in ("Sort the practices", "send information home"):
        assert any(wrapped in lab["text"] for lab in labels) or wrapped in text
    assert not re.search(r"\bm1 / |\breflect\b|\bsort\b", text)
    shots = ROOT / "test-artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "grading-report.png"), full_page=True)
    learner = course / "reports" / "learners" / "ana.html"
    page.goto(learner.as_uri())
    assert "Sharing something positive first" in page.locator("main").inner_text()
    page.screenshot(path=str(shots / "grading-learner-page.png"), full_page=True)
    context.close()


def test_grading_pages_pass_axe(browser, review, graded):
    """axe-core finds nothing, of any impact, on the grading page (English and Spanish feedback
    and report pages too)."""
    from browsing import axe_violations

    from partnership_course.cli import main

    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    context.set_default_navigation_timeout(TIMEOUT)
    page = context.new_page()
    page.goto(review)
    page.goto(page.url.split("?")[0] + "?all=1")
    problems = {"grading page": axe_violations(page)}
    course = graded["course"]
    args = ["grade", "feedback", "--course-dir", str(course), "--lang", "es"]
    assert main([*args, "--out", str(graded["root"] / "fb-es")]) == 0
    assert main(["report", "--course-dir", str(course), "--quiet"]) == 0
    for name, path in (
        ("feedback es", graded["root"] / "fb-es" / "ana" / f"{M}.html"),
        ("report", course / "reports" / "report.html"),
    ):
        page.goto(path.as_uri())
        problems[name] = axe_violations(page)
    assert problems == {name: [] for name in problems}
    context.close()
