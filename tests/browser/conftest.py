"""Voila served for real, and Debian's chromium driven by Playwright for Python.

`voila_url` starts `partnership-course serve` on a free port with a private response store;
`page` opens a fresh browser context, records console errors, and saves a screenshot under
`test-artifacts/screenshots/` when a test fails (`shoot()` saves one on purpose).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.launch import CHROMIUM_ARGS, free_port, wait_for_http

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("Debian's chromium is required for browser tests (./run setup installs it)")
    return found


@pytest.fixture(scope="session")
def browser_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('browser') / 'responses.db'}"


@pytest.fixture(scope="session")
def voila_url(browser_store: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running `partnership-course serve` over the real modules."""
    port = free_port()
    log = (tmp_path_factory.mktemp("voila") / "voila.log").open("w")
    env = {
        **os.environ,
        "PARTNERSHIP_COURSE_STORE": browser_store,
        "PARTNERSHIP_COURSE_LEARNER": "browser-tester",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "partnership_course.cli", "serve", f"--port={port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(url + "/", process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


# per test file: Playwright's sync API keeps an event loop running while it is open, and the
# workshop tests that follow use asyncio.run(), which refuses to start inside a running loop
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A page in a fresh context; `page.console_errors` collects JS errors as they happen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        shoot(page, f"FAILED-{request.node.name}")
    context.close()


SCROLL_HEIGHT = """() => {
  const cells = document.querySelector('#rendered_cells');
  return Math.max(cells ? cells.scrollHeight : 0, document.scrollingElement.scrollHeight);
}"""


def shoot(page: object, name: str, full_page: bool = True, max_height: int = 14000) -> Path:
    """Save a screenshot to test-artifacts/screenshots/<name>.png and return its path.

    Voila scrolls inside `#rendered_cells`, not the document, so a full-page shot first grows
    the viewport to the content's height (capped), then puts it back.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
    path = SHOTS / f"{safe}.png"
    size = page.viewport_size  # type: ignore[attr-defined]
    if full_page and size:
        height = min(int(page.evaluate(SCROLL_HEIGHT)), max_height)  # type: ignore[attr-defined]
        page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})  # type: ignore[attr-defined]
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
    page.screenshot(path=str(path))  # type: ignore[attr-defined]
    if full_page and size:
        page.set_viewport_size(size)  # type: ignore[attr-defined]
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


# -- workshops: a server with participant sessions, and more than one browser context --------
WORKSHOP_CODE = "room-2468"
FACILITATOR_KEY = "facilitator-key-for-tests"


# one room (server and store) per test file: each file's counts and tallies are its own
@pytest.fixture(scope="module")
def workshop_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('workshop') / 'responses.db'}"


@pytest.fixture(scope="module")
def workshop_url(
    workshop_store_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Base URL of `partnership-course serve --workshop room-2468 --facilitator-key ...`."""
    from support.launch import workshop_server

    log_path = tmp_path_factory.mktemp("workshop-log") / "voila.log"
    with (
        log_path.open("w") as log,
        workshop_server(
            workshop_store_url, code=WORKSHOP_CODE, key=FACILITATOR_KEY, log=log
        ) as server,
    ):
        yield server.url


@pytest.fixture
def new_page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """`new_page()` opens a page in a fresh context (another person's browser); every page
    opened is screenshotted if the test fails."""
    contexts: list[tuple[object, object]] = []

    def factory() -> object:
        context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page = context.new_page()
        errors: list[str] = []
        page.on(
            "console",
            lambda msg: (
                errors.append(f"{msg.text} {msg.location.get('url', '')}")
                if msg.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.console_errors = errors
        contexts.append((context, page))
        return page

    yield factory
    report = getattr(request.node, "rep_call", None)
    for number, (context, page) in enumerate(contexts):
        if report is not None and report.failed:
            with contextlib.suppress(Exception):  # a closed page must not hide the failure
                shoot(page, f"FAILED-{request.node.name}-{number}")
        context.close()  # type: ignore[attr-defined]
