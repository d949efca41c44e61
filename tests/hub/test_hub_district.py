"""A district on one server: a real hub, three teachers and a coach, in Debian's chromium.

The tests run in order on one hub (module-scoped): the teachers log in and answer in the web-app
view, are kept out of formgrader and each other's servers, meet a JupyterLab without instructor
tools that never asks to save a course notebook; the coach grades the cohort and sees it in
formgrader; then the hub restarts and nobody loses an answer or a server.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from hubtools import District, open_district, page_activities, shoot, wait_until_ready
from support.launch import wait_until

from partnership_course.content import load_scenario
from partnership_course.store import open_store

pytestmark = [pytest.mark.browser, pytest.mark.kernel]

TEACHERS = ["ana", "ben", "chen"]
COACH = "dana"
MODULE = "01-dual-capacity"
PAGE = f"{MODULE}/01-why-partnership.ipynb"
CHOICE = "cannot-attend-check"
REFLECTION = "challenge-reflection"
TIMEOUT = 300_000
ON_PAGE = page_activities(PAGE)  # activity ids in page order
AT_CHOICE, AT_REFLECTION = ON_PAGE.index(CHOICE), ON_PAGE.index(REFLECTION)
AT_LATER = ON_PAGE.index("challenge-check")  # answered after the restart
PAGES: dict[str, object] = {}  # each teacher's browser page, kept for the later tests


def reflection_text(name: str) -> str:
    return f"{name} would call the family first <b>& ask</b> — ¿qué hora le sirve?"


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory, postgres: object) -> Iterator[District]:
    """The district's store and gradebook are databases on a real PostgreSQL server."""
    tmp = tmp_path_factory.mktemp("district")
    store = postgres.new_database("hub_district_store")  # type: ignore[attr-defined]
    gradebook = postgres.new_database("hub_district_gradebook")  # type: ignore[attr-defined]
    found = open_district(tmp, store, gradebook, TEACHERS, [COACH])
    try:
        yield found
    finally:
        found.hub.stop_everything()


def store_of(district: District):
    return open_store(district.hub.store)


def wait_for_answer(district: District, name: str, activity: str, wanted: dict) -> dict:
    """Poll the store until `name`'s `activity` holds `wanted` (a subset of its value)."""
    store = store_of(district)
    deadline = time.monotonic() + 60
    value: dict = {}
    while time.monotonic() < deadline:
        found = store.load(name, MODULE, f"{MODULE}/{activity}")
        value = found.value if found else {}
        if all(value.get(k) == v for k, v in wanted.items()):
            return value
        time.sleep(0.3)
    raise AssertionError(f"{name}/{activity}: {value} never became {wanted}")


def log_in(browser: object, district: District, name: str) -> object:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(district.hub.url + "/hub/login", wait_until="domcontentloaded")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(district.people[name].password)
    page.get_by_role("button", name="Sign in").click()
    return page


def activities(page: object, count: int) -> object:
    found = page.locator(".pc-activity")  # type: ignore[attr-defined]
    found.nth(count - 1).wait_for(state="visible", timeout=TIMEOUT)
    assert found.count() == count
    return found


def check_option(activity: object, number: int) -> None:
    """Choose option `number` of a knowledge check and press its Check button (which saves)."""
    activity.locator("input[type=radio]").nth(number).check()  # type: ignore[attr-defined]
    activity.get_by_role("button", name="Check my answer").click()  # type: ignore[attr-defined]


def test_teachers_log_in_and_answer_module_01_in_the_web_app(
    district: District, browser: object
) -> None:
    """Each teacher logs in, lands on the course start page, opens module 01 and answers."""
    options = [o.id for o in load_scenario(f"{MODULE}/{CHOICE}").options]
    for number, name in enumerate(TEACHERS):
        page = log_in(browser, district, name)
        page.wait_for_url(f"**/user/{name}/voila/tree**", timeout=TIMEOUT)
        heading = page.get_by_role("heading", name="Family partnership course")
        heading.wait_for(timeout=TIMEOUT)
        assert page.get_by_role("link", name="Open this in JupyterLab").is_visible()
        if number == 0:
            shoot(page, "hub-start-page")
        page.get_by_role("link", name="01 dual capacity").click()
        page.get_by_role("link", name="01 why partnership").click()
        page.wait_for_url(f"**/user/{name}/voila/render/{PAGE}", timeout=TIMEOUT)
        found = activities(page, len(ON_PAGE))
        check_option(found.nth(AT_CHOICE), number)
        box = found.nth(AT_REFLECTION).locator("textarea")
        box.fill(reflection_text(name))
        box.blur()
        PAGES[name] = page
    shoot(PAGES[TEACHERS[0]], "hub-module-01-answered")
    for number, name in enumerate(TEACHERS):
        wait_for_answer(district, name, CHOICE, {"choice": options[number]})
        wait_for_answer(district, name, REFLECTION, {"text": reflection_text(name)})
    assert {r.learner for r in store_of(district).query(module=MODULE)} == set(TEACHERS)


def test_teacher_cannot_reach_formgrader_the_gradebook_or_another_server(
    district: District,
) -> None:
    page = PAGES["ana"]
    for path in (
        "/services/formgrader/",
        "/services/formgrader/formgrader/api/students",
        "/user/ben/voila/tree",
        "/user/ben/api/contents",
    ):
        reply = page.goto(district.hub.url + path, wait_until="domcontentloaded")  # type: ignore[attr-defined]
        assert reply.status == 403, (path, reply.status, page.url)  # type: ignore[attr-defined]
    shoot(page, "hub-teacher-refused-formgrader")


def course_file_digest(district: District) -> str:
    return hashlib.sha256((district.hub.data_dir / "course" / PAGE).read_bytes()).hexdigest()


def test_teacher_jupyterlab_has_no_instructor_tools_and_never_asks_to_save(
    district: District,
) -> None:
    page = PAGES["ana"]
    before = course_file_digest(district)
    page.goto(f"{district.hub.url}/user/ana/lab/tree/{PAGE}", wait_until="domcontentloaded")  # type: ignore[attr-defined]
    # the notebook must be the current widget for the Run menu's commands to be enabled
    page.locator(".jp-Notebook .jp-Cell").first.click(timeout=TIMEOUT)  # type: ignore[attr-defined]
    menu = page.get_by_role("menubar")  # type: ignore[attr-defined]
    menu.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()  # type: ignore[attr-defined]
    found = activities(page, len(ON_PAGE))
    # the answer given in the web app is there in JupyterLab: one store, one learner
    assert found.nth(AT_CHOICE).locator("input[type=radio]").nth(0).is_checked()
    page.wait_for_function(IDLE_PROMPTS, timeout=TIMEOUT)  # type: ignore[attr-defined]
    shoot(page, "hub-teacher-jupyterlab")
    assert "Nbgrader" not in menu.inner_text()
    assert page.get_by_text("Create Assignment").count() == 0  # type: ignore[attr-defined]
    assert page.locator(".jp-Toolbar", has_text="Validate").count() == 0  # type: ignore[attr-defined]
    assert page.get_by_text("official Jupyter news").count() == 0  # type: ignore[attr-defined]
    loaded = page.evaluate(EXTENSIONS)  # type: ignore[attr-defined]
    assert "partnership-course-lab" in loaded
    tab = page.locator(".lm-TabBar-tab.jp-mod-current", has_text="01-why-partnership")  # type: ignore[attr-defined]
    assert "jp-mod-dirty" not in (tab.get_attribute("class") or "")
    # the server refuses to write a course notebook, whatever a client sends
    status, text = page.evaluate(SAVE_ATTEMPT, f"/user/ana/api/contents/{PAGE}")  # type: ignore[attr-defined]
    assert status == 403 and "read-only" in text, (status, text[:300])
    tab.locator(".lm-TabBar-tabCloseIcon").click()
    tab.wait_for(state="detached", timeout=30_000)  # closed at once: no "save your work?" dialog
    assert page.locator(".jp-Dialog").count() == 0  # type: ignore[attr-defined]
    assert course_file_digest(district) == before


EXTENSIONS = """() => JSON.parse(document.getElementById('jupyter-config-data').textContent)
  .federated_extensions.map(e => e.name)"""

IDLE_PROMPTS = """() => {
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-InputPrompt')];
  return prompts.length > 0 && prompts.every(p => !p.textContent.includes('*'));
}"""

SAVE_ATTEMPT = """async (url) => {
  const xsrf = (document.cookie.match(/(?:^|; )_xsrf=([^;]*)/) || [])[1] || '';
  const reply = await fetch(url, {
    method: 'PUT',
    headers: {'Content-Type': 'application/json', 'X-XSRFToken': decodeURIComponent(xsrf)},
    body: JSON.stringify({type: 'file', format: 'text', content: 'outputs of one teacher'}),
  });
  return [reply.status, await reply.text()];
}"""


def run_coach_command(district: District, *args: str) -> str:
    """A coach's command, run in the course folder with the hub's store and gradebook."""
    env = {
        **os.environ,
        "PARTNERSHIP_COURSE_STORE": district.hub.store,
        "PARTNERSHIP_COURSE_GRADEBOOK": district.hub.gradebook,
    }
    done = subprocess.run(
        [sys.executable, "-m", "partnership_course.cli", *args],
        cwd=district.course_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


def test_coach_grades_the_cohort_and_sees_it_in_formgrader(
    district: District, browser: object
) -> None:
    course = str(district.course_dir)
    run_coach_command(district, "grade", "release", "--course-dir", course, "--modules", MODULE)
    injected = run_coach_command(district, "grade", "inject", "--course-dir", course)
    for name in TEACHERS:
        assert f"{name} / {MODULE}" in injected
    run_coach_command(district, "grade", "--course-dir", course, "--quiet")
    report = run_coach_command(district, "report", "--course-dir", course)
    assert report.strip()

    page = log_in(browser, district, COACH)
    page.wait_for_url(f"**/user/{COACH}/voila/tree**", timeout=TIMEOUT)
    page.goto(district.hub.url + "/services/formgrader/formgrader/manage_students")
    for name in TEACHERS:  # formgrader fills its table from its API, so wait for each row
        page.locator("table").get_by_text(name, exact=True).first.wait_for(timeout=TIMEOUT)
    shoot(page, "hub-coach-formgrader-students")
    # a coach keeps nbgrader's tools in JupyterLab
    page.goto(f"{district.hub.url}/user/{COACH}/lab", wait_until="domcontentloaded")
    page.get_by_role("menubar").get_by_role("menuitem", name="Nbgrader").wait_for(timeout=TIMEOUT)


def test_hub_restart_keeps_every_answer_and_every_server(district: District) -> None:
    before = {
        name: district.admin_api.get(f"/users/{name}").json()["servers"][""]["started"]
        for name in TEACHERS
    }
    district.hub.stop_hub()
    district.hub.start()
    for name in TEACHERS:
        user = wait_until_ready(district.admin_api, name)
        assert user["servers"][""]["started"] == before[name]  # the same server, not a new one
    options = [o.id for o in load_scenario(f"{MODULE}/{CHOICE}").options]
    for number, name in enumerate(TEACHERS):
        page = PAGES[name]
        page.goto(f"{district.hub.url}/user/{name}/voila/render/{PAGE}")  # type: ignore[attr-defined]
        found = activities(page, len(ON_PAGE))
        assert found.nth(AT_CHOICE).locator("input[type=radio]").nth(number).is_checked()
        assert found.nth(AT_REFLECTION).locator("textarea").input_value() == reflection_text(name)
        check_option(found.nth(AT_LATER), 0)  # a new answer after restart
    for number, name in enumerate(TEACHERS):
        wait_for_answer(district, name, CHOICE, {"choice": options[number]})
        wait_for_answer(district, name, REFLECTION, {"text": reflection_text(name)})
        # answered last, just before this loop: wait for its save as for the others
        wait_until(
            lambda n=name: (
                store_of(district).load(n, MODULE, f"{MODULE}/challenge-check") is not None
            ),
            60,
            f"{name}'s answer given after the restart",
        )
