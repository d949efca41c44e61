"""The course in Jupyter's own front ends, run with Run All Cells, each activity drawn and an
answer chosen with the keyboard reaching the store:

- Notebook 7 (`jupyter notebook`) behind a hub-like base URL (`/user/ana/`) with the course's
  server extension (`lab_server`): the activities' code comes from the cached, gzipped route
  under that prefix;
- JupyterLab (`jupyter lab`) without the extension: the route is not there (404), so the stubs
  and the loader take every piece from the kernel websocket, once per page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from browsing import shoot
from keyboard import TIMEOUT, choose_in_group, press_button
from support.gzipped import assert_route_gzipped_once
from support.jupyter import TOKEN, jupyter_server

from partnership_course.content.paths import modules_dir
from partnership_course.notebooks import activity_refs
from partnership_course.store import open_store

pytestmark = pytest.mark.browser

BASE = "/user/ana/"
PAGE = "01-dual-capacity/01-why-partnership.ipynb"
LEARNER = "notebook-teacher"
ROUTE = "partnership-course/activities/"


@pytest.fixture(scope="module")
def notebook7(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """`jupyter notebook` over the modules with the course's server extension, as the hub's
    user servers enable it; (its URL, the store's URL)."""
    with jupyter_server(tmp_path_factory, "notebook", LEARNER, base_url=BASE) as server:
        yield server


@pytest.fixture(scope="module")
def lab_without_route(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """`jupyter lab` over the modules with no course extension: no route for the code."""
    with jupyter_server(tmp_path_factory, "lab", LEARNER, extension=False) as server:
        yield server


def watch(page: Any) -> dict[str, list]:
    """The route's responses (URL, status, headers) and the keys the page asked its kernel."""
    seen: dict[str, list] = {"files": [], "asked": []}

    def on_socket(socket: Any) -> None:
        def sent(payload: Any) -> None:
            text = payload.decode("utf-8", "ignore") if isinstance(payload, bytes) else payload
            seen["asked"] += re.findall(r'"event":\s*"module",\s*"key":\s*"([\w-]+)"', text)

        socket.on("framesent", sent)

    page.on(
        "response",
        lambda r: seen["files"].append((r.url, r.status, r.headers)) if ROUTE in r.url else None,
    )
    page.on("websocket", on_socket)
    return seen


def run_all_and_answer(page: Any, address: str, store: str, shot: str) -> None:
    """Open the page, Run All Cells: is every activity drawn, and does a choice made with the
    keyboard and checked reach the store?"""
    _, refs = activity_refs(modules_dir() / PAGE)
    page.goto(address, wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-Cell").first.click(timeout=TIMEOUT)
    menu = page.get_by_role("menubar")
    menu.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    activities = page.locator(".pc-activity")
    activities.nth(len(refs) - 1).wait_for(state="visible", timeout=TIMEOUT)
    assert activities.count() == len(refs)
    first = activities.first
    choose_in_group(page, first.locator("fieldset"), 1)
    press_button(page, first.get_by_role("button", name="Check my answer"))
    first.locator(".pc-feedback-region > *").first.wait_for(timeout=TIMEOUT)  # the verdict
    shoot(page, shot)
    saved = open_store(store).load(LEARNER, "01-dual-capacity", refs[0].scenario_id)
    assert saved is not None and saved.value["attempts"], saved


def test_module_page_in_notebook_7_renders_and_saves(notebook7: tuple[str, str], page: Any):
    """With the extension under the prefix: is the code fetched from the route, immutable and
    gzipped (a Jupyter server compresses nothing itself), with nothing asked of the kernel?"""
    url, store = notebook7
    seen = watch(page)
    address = f"{url}{BASE}notebooks/{PAGE}?token={TOKEN}"
    run_all_and_answer(page, address, store, "notebook7-module-page")
    fetched = seen["files"]
    assert fetched and all(f"{BASE}{ROUTE}" in u for u, _, _ in fetched), fetched
    assert all(status == 200 for _, status, _ in fetched), fetched
    assert all("immutable" in h.get("cache-control", "") for _, _, h in fetched), fetched
    names = {u.rsplit("/", 1)[1].split("-")[0] for u, _, _ in fetched}
    assert names >= {"loader", "choice", "shared", "css"}, names
    assert all(h.get("content-encoding") == "gzip" for _, _, h in fetched), fetched
    assert_route_gzipped_once(fetched[0][0])
    assert seen["asked"] == []


def test_module_page_in_jupyterlab_without_the_route(
    lab_without_route: tuple[str, str], page: Any
) -> None:
    """Without the extension: does every piece come over the kernel websocket, each asked once
    per page, after the route answered 404, and does the page still work and save?"""
    url, store = lab_without_route
    seen = watch(page)
    run_all_and_answer(page, f"{url}/lab/tree/{PAGE}?token={TOKEN}", store, "lab-websocket-page")
    assert seen["files"] and all(status == 404 for _, status, _ in seen["files"]), seen["files"]
    asked = seen["asked"]
    assert sorted(asked) == sorted(set(asked)), asked  # once per page, not once per activity
    assert {key.split("-")[0] for key in asked} >= {"loader", "choice", "shared", "css"}, asked
    style = page.locator(".pc-activity").first.evaluate("el => getComputedStyle(el).maxWidth")
    assert style != "none"  # the CSS came over the websocket too
