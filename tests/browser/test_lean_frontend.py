"""The lean page front end (`serve --page-frontend lean`, templates/partnership/static/
pagefront.js) on a real workshop server in Debian's chromium: a course page loads none of
Voila's bundle or JupyterLab's extensions, draws every activity, takes an answer by keyboard
that the store keeps, speaks Spanish, draws the survey page's tables and charts, and shuts its
kernel down when the page is closed.

The whole browser suite runs on this front end too with `PARTNERSHIP_COURSE_PAGE_FRONTEND=lean`
(the server the fixtures start inherits it); this file pins the lean path whatever the default.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from browsing import FACILITATOR_KEY, WORKSHOP_CODE, shoot
from keyboard import (
    TIMEOUT,
    Saved,
    choose_in_group,
    join,
    open_page,
    press_button,
    wait_for_activities,
)
from support.launch import CHROMIUM_ARGS, chromium_path, wait_until, workshop_server

from partnership_course.workshop.outline import outline

pytestmark = pytest.mark.browser

FRAMEWORK = "01-dual-capacity/02-the-framework.ipynb"
SURVEY = "03-continuum/03-measuring-engagement.ipynb"
CHOICE = "01-dual-capacity/which-c-check"
# what only Voila's bundle and the JupyterLab extensions fetch
BUNDLE = ("/voila/static/", "/voila/labextensions/")


@pytest.fixture(scope="module")
def lean(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    store = f"sqlite:///{tmp_path_factory.mktemp('lean') / 'responses.db'}"
    log_path = tmp_path_factory.mktemp("lean-log") / "voila.log"
    with (
        log_path.open("w") as log,
        workshop_server(
            store,
            code=WORKSHOP_CODE,
            key=FACILITATOR_KEY,
            log=log,
            extra=["--page-frontend=lean"],
        ) as server,
    ):
        yield server.url, store


def count(path: str) -> int:
    return next(len(p.activities) for m in outline() for p in m.pages if p.path == path)


def fetched(page: Any) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_a_page_loads_no_voila_bundle_and_takes_an_answer(
    lean: tuple[str, str], new_page: Any
) -> None:
    base, store = lean
    page = new_page()
    token = join(page, base, "Lean")
    urls = fetched(page)
    activities = open_page(page, base, FRAMEWORK, token, count(FRAMEWORK))
    assert page.evaluate("document.documentElement.dataset.pcFrontend") == "lean"
    assert not [u for u in urls if any(part in u for part in BUNDLE)], urls
    assert any("/static/pagefront.js" in u for u in urls), urls
    # every output was drawn: no output left as Voila's JSON, no error drawn instead
    assert page.locator('script[type="application/vnd.voila.cell-output+json"]').count() == 0
    assert "Javascript Error" not in page.inner_text("#rendered_cells")
    # the choice, by keyboard: the kernel answers, the store keeps it
    saved = Saved(store, token)
    choose_in_group(page, activities.nth(1), 1)
    press_button(page, activities.nth(1).get_by_role("button", name="Check my answer"))
    activities.nth(1).locator(".pc-feedback").wait_for(timeout=TIMEOUT)
    saved.wait(CHOICE, lambda v: bool(v.get("choice")))
    assert not page.console_errors, page.console_errors
    shoot(page, "lean-framework-answered")
    # the answer comes back on a new page load (state from the kernel's request_states)
    page.reload(wait_until="domcontentloaded")
    activities = wait_for_activities(page, count(FRAMEWORK))
    assert activities.nth(1).locator("input[type=radio]:checked").count() == 1


def test_spanish_and_the_survey_page(lean: tuple[str, str], new_page: Any) -> None:
    base, _ = lean
    page = new_page()
    token = join(page, base, "Lean ES")
    open_page(page, base, FRAMEWORK, token, count(FRAMEWORK), lang="es")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.get_by_role("button", name="Comprobar mi respuesta").count() >= 1
    # the survey page: pandas tables and the course's charts, drawn from the outputs
    open_page(page, base, SURVEY, token, count(SURVEY))
    cells = page.locator("#rendered_cells")
    assert cells.locator(".jp-RenderedHTML table").count() >= 3
    assert cells.locator(".jp-OutputArea-output svg, .jp-OutputArea-output img").count() >= 1
    assert "Javascript Error" not in cells.inner_text()
    assert not page.console_errors, page.console_errors
    shoot(page, "lean-survey")


def test_closing_the_page_shuts_its_kernel_down(lean: tuple[str, str], new_page: Any) -> None:
    base, _ = lean
    page = new_page()
    token = join(page, base, "Lean Leaves")
    open_page(page, base, FRAMEWORK, token, count(FRAMEWORK))
    kernel = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    with httpx.Client(base_url=base, timeout=30) as client:
        assert client.get(f"/api/kernels/{kernel}").status_code == 200
        page.close(run_before_unload=True)
        wait_until(
            lambda: client.get(f"/api/kernels/{kernel}").status_code == 404,
            30,
            "the closed page's kernel to be shut down",
        )


def test_the_stock_front_end_is_still_there(tmp_path: Any, new_page: Any) -> None:
    """`--page-frontend voila`: the same page on Voila's bundle (the fallback) still works."""
    store = f"sqlite:///{tmp_path / 'stock.db'}"
    with (
        (tmp_path / "voila.log").open("w") as log,
        workshop_server(
            store, code=WORKSHOP_CODE, key=FACILITATOR_KEY, log=log, extra=["--page-frontend=voila"]
        ) as server,
    ):
        page = new_page()
        token = join(page, server.url, "Stock")
        urls = fetched(page)
        open_page(page, server.url, FRAMEWORK, token, count(FRAMEWORK))
        assert any(u.endswith("/voila.js") for u in urls), urls
        assert not any("/static/pagefront.js" in u for u in urls), urls
        assert page.evaluate("document.documentElement.dataset.pcFrontend") is None


def test_a_room_on_plain_http_by_the_servers_address(lean: tuple[str, str], browser: Any) -> None:
    """A room reaches the server by the laptop's address on the school's Wi-Fi, over plain
    HTTP: not a secure context, so APIs browsers keep for HTTPS and localhost (such as
    `crypto.randomUUID`) are not there. Chromium is told that `room.school.test` is this
    machine, so the page is the same server seen from a name that is not localhost."""
    base, store = lean
    port = base.rsplit(":", 1)[1]
    remote = browser.browser_type.launch(
        executable_path=chromium_path(),
        headless=True,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP room.school.test 127.0.0.1"],
    )
    try:
        page = remote.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        lan = f"http://room.school.test:{port}"
        token = join(page, lan, "Wi-Fi")
        assert page.evaluate("window.isSecureContext") is False
        activities = open_page(page, lan, FRAMEWORK, token, count(FRAMEWORK))
        assert page.evaluate("document.documentElement.dataset.pcFrontend") == "lean"
        saved = Saved(store, token)
        choose_in_group(page, activities.nth(1), 1)
        press_button(page, activities.nth(1).get_by_role("button", name="Check my answer"))
        activities.nth(1).locator(".pc-feedback").wait_for(timeout=TIMEOUT)
        saved.wait(CHOICE, lambda v: bool(v.get("choice")))
        assert not errors, errors
    finally:
        remote.close()
