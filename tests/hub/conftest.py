"""One real hub per test module: `partnership-course hub` with configurable-http-proxy, an admin,
a coach and teachers signed up and approved through NativeAuthenticator, and Debian's chromium.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from hubtools import HubProcess, HubSession, api
from support.launch import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
sys.path.insert(0, str(ROOT / "tests" / "workshop"))  # widget_client: a browserless page


@dataclass
class District:
    hub: HubProcess
    admin: HubSession
    admin_api: httpx.Client
    course_dir: Path
    people: dict[str, HubSession] = field(default_factory=dict)


def open_district(
    tmp: Path, store: str, gradebook: str, teachers: list[str], coaches: list[str]
) -> District:
    """Start a hub and sign everybody up; the admin approves each sign-up."""
    hub = HubProcess(tmp / "data", store, gradebook, admins=["admin"], coaches=coaches)
    hub.start()
    admin = HubSession(hub, "admin")
    admin.sign_up()
    admin.log_in()
    district = District(hub, admin, api(hub, admin.api_token()), tmp / "data" / "grader")
    for name in [*coaches, *teachers]:
        person = HubSession(hub, name)
        person.sign_up()
        admin.approve(name)
        district.people[name] = person
    return district


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.fail("Debian's chromium is required (./run setup installs it)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """On a failed test, a screenshot of every page the module keeps open (`PAGES`)."""
    outcome = yield
    report = outcome.get_result()
    pages = getattr(item.module, "PAGES", {})
    if report.when == "call" and report.failed:
        for name, page in pages.items():
            with contextlib.suppress(Exception):  # a closed page must not hide the failure
                shoot(page, f"FAILED-{item.name}-{name}")


def shoot(page: object, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
