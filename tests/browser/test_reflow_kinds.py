"""Branching and ladder at 200% zoom (640 px at device scale 2) and at 320 px: no activity of
these kinds is wider than its box, nothing inside it sticks out, and a screenshot of each to
look at (the other kinds' are taken by test_activity_frontends and test_typed_kinds)."""

from __future__ import annotations

from typing import Any

import pytest
from audits import look, overflow
from keyboard import TIMEOUT

pytestmark = pytest.mark.browser

KINDS = {
    "branching": "02-principles/02-time-access-flexibility.ipynb",
    "ladder": "02-principles/03-goodwill-and-equity.ipynb",
}

# any descendant whose right edge passes the activity's own (clipped or sticking out)
STICKS_OUT = """el => {
  const edge = el.getBoundingClientRect().right + 1;
  return [...el.querySelectorAll('*')]
    .filter(c => c.getClientRects().length && c.getBoundingClientRect().right > edge)
    .map(c => `${c.tagName.toLowerCase()}.${c.className}`).slice(0, 5);
}"""


def context_at(browser: Any, width: int) -> Any:
    """A browser context `width` px wide; 640 stands for 200% zoom (scale 2 on a 1280 px screen)."""
    scale = 2 if width == 640 else 1
    return browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=scale)


@pytest.mark.parametrize("width", [320, 640])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_reflow_at_320_px_and_200_percent(
    voila_url: str, browser: Any, kind: str, width: int
) -> None:
    scale = 2 if width == 640 else 1
    context = context_at(browser, width)
    try:
        page = context.new_page()
        page.goto(f"{voila_url}/voila/render/{KINDS[kind]}", wait_until="commit", timeout=TIMEOUT)
        activity = page.locator(f".pc-{kind}").first
        activity.locator("input[type=radio]").first.wait_for(state="visible", timeout=TIMEOUT)
        assert overflow(activity) == ""
        assert activity.evaluate(STICKS_OUT) == []
        look(page, activity, f"reflow-{kind}-{'zoom-200' if scale == 2 else '320px'}")
    finally:
        context.close()


TOOLKIT = "03-continuum/02-contact-planner.ipynb"


@pytest.mark.parametrize("width", [320, 640])
def test_toolkit_reflows_with_its_files(voila_url: str, browser: Any, width: int) -> None:
    """The toolkit at 320 px and at 200% zoom, after its documents are made: no part wider than
    its box, the download links' long labels wrapped inside it; a screenshot of each."""
    scale = 2 if width == 640 else 1
    context = context_at(browser, width)
    try:
        page = context.new_page()
        page.goto(f"{voila_url}/voila/render/{TOOLKIT}", wait_until="commit", timeout=TIMEOUT)
        toolkit = page.locator(".pc-toolkit")
        toolkit.locator("input[type=radio]").first.wait_for(state="visible", timeout=TIMEOUT)
        if not toolkit.locator("input[type=checkbox]:checked").count():
            toolkit.locator("input[type=checkbox]").first.check()
        toolkit.get_by_role("button", name="Make my documents").click()
        toolkit.locator(".pc-toolkit-files a").first.wait_for(timeout=TIMEOUT)
        assert overflow(toolkit) == ""
        assert toolkit.evaluate(STICKS_OUT) == []
        look(page, toolkit, f"reflow-toolkit-{'zoom-200' if scale == 2 else '320px'}")
    finally:
        context.close()
