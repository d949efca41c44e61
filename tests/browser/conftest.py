"""Voila served for real, and Debian's chromium driven by Playwright for Python.

`voila_url` starts `partnership-course serve` on a free port with a private response store;
`page` opens a fresh browser context, records console errors, and saves a screenshot under
`test-artifacts/screenshots/` when a test fails (`shoot()` saves one on purpose).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from browsing import FACILITATOR_KEY, ROOT, WORKSHOP_CODE, shoot
from support.launch import chromium, free_port, wait_for_http


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
    with chromium() as instance:
        yield instance


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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


# -- workshops: a server with participant sessions, and more than one browser context --------


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
