"""One real hub per test module: `partnership-course hub` with configurable-http-proxy, an admin,
a coach and teachers signed up and approved through NativeAuthenticator, and Debian's chromium.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hubtools import shoot
from support.launch import chromium

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
sys.path.insert(0, str(ROOT / "tests" / "workshop"))  # widget_client: a browserless page


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as instance:
        yield instance


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
