"""The course in Notebook 7 (`jupyter notebook`), behind a hub-like base URL (`/user/ana/`):
a module page run with Run All Cells shows every activity, their code comes from the course's
cached route under that prefix (the server extension `lab_server`), and an answer chosen with
the keyboard reaches the store."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import shoot
from keyboard import TIMEOUT, choose_in_group, press_button
from support.gzipped import assert_route_gzipped_once
from support.launch import running

from partnership_course.content.paths import modules_dir
from partnership_course.notebooks import activity_refs
from partnership_course.store import open_store

pytestmark = pytest.mark.browser

TOKEN = "notebook7-token-for-tests"
BASE = "/user/ana/"
PAGE = "01-dual-capacity/01-why-partnership.ipynb"
LEARNER = "notebook-teacher"
ROUTE = f"{BASE}partnership-course/activities/"


@pytest.fixture(scope="module")
def notebook7(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """`jupyter notebook` over the modules with the course's server extension, as the hub's
    user servers enable it; (its URL, the store's URL)."""
    config = tmp_path_factory.mktemp("nb7-config")
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"open_browser": False}, "IdentityProvider": {"token": TOKEN}})
    )
    store = f"sqlite:///{tmp_path_factory.mktemp('nb7-store') / 'responses.db'}"
    env = {
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(tmp_path_factory.mktemp("nb7-runtime")),
        "PARTNERSHIP_COURSE_STORE": store,
        "PARTNERSHIP_COURSE_LEARNER": LEARNER,
        "PARTNERSHIP_COURSE_LANG": "en",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    argv = [
        sys.executable,
        "-m",
        "jupyter",
        "notebook",
        "--port={port}",
        f"--ServerApp.root_dir={modules_dir()}",
        # the hub's contents manager: course notebooks are never written (a stray
        # .ipynb_checkpoints left in the checkout made test_preheat wait for a notebook's pool)
        "--ServerApp.contents_manager_class=partnership_course.hub.contents.CourseContentsManager",
        # and listing a notebook's checkpoints makes their folder: keep it out of the checkout
        f"--FileCheckpoints.checkpoint_dir={tmp_path_factory.mktemp('nb7-checkpoints')}",
        f"--ServerApp.base_url={BASE}",
        "--ServerApp.jpserver_extensions=partnership_course.lab_server=True",
        *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),
    ]
    log_path = tmp_path_factory.mktemp("nb7-log") / "notebook.log"
    with log_path.open("w") as log, running(argv, env, log, probe=f"{BASE}api/status") as (url, _):
        yield url, store


def test_module_page_in_notebook_7_renders_and_saves(notebook7: tuple[str, str], page: Any):
    """Run All Cells: is every activity drawn, with its code from the route under the prefix,
    and does a choice made with the keyboard and checked reach the store?"""
    url, store = notebook7
    _, refs = activity_refs(modules_dir() / PAGE)
    fetched: list[tuple[str, int, str]] = []
    page.on(
        "response",
        lambda r: (
            fetched.append((r.url, r.status, r.headers.get("cache-control", ""), r.headers))
            if ROUTE in r.url
            else None
        ),
    )
    page.goto(f"{url}{BASE}notebooks/{PAGE}?token={TOKEN}", wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-Cell").first.click(timeout=TIMEOUT)
    menu = page.get_by_role("menubar")
    menu.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    activities = page.locator(".pc-activity")
    activities.nth(len(refs) - 1).wait_for(state="visible", timeout=TIMEOUT)
    assert activities.count() == len(refs)
    assert fetched and all(status == 200 for _, status, _, _ in fetched), fetched
    assert all("immutable" in cache for _, _, cache, _ in fetched), fetched
    assert {u.rsplit("/", 1)[1].split("-")[0] for u, _, _, _ in fetched} >= {"choice", "css"}
    # a Jupyter server gzips nothing itself: the route does (the hub's staff load it)
    assert all(h.get("content-encoding") == "gzip" for _, _, _, h in fetched), fetched
    assert_route_gzipped_once(fetched[0][0])

    first = activities.first
    choose_in_group(page, first.locator("fieldset"), 1)
    press_button(page, first.get_by_role("button", name="Check my answer"))
    first.locator(".pc-feedback-region > *").first.wait_for(timeout=TIMEOUT)  # the verdict
    shoot(page, "notebook7-module-page")
    saved = open_store(store).load(LEARNER, "01-dual-capacity", refs[0].scenario_id)
    assert saved is not None and saved.value["attempts"], saved
