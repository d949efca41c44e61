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


@pytest.mark.parametrize("width", [320, 640])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_reflow_at_320_px_and_200_percent(
    voila_url: str, browser: Any, kind: str, width: int
) -> None:
    scale = 2 if width == 640 else 1
    context = browser.new_context(
        viewport={"width": width, "height": 900}, device_scale_factor=scale
    )
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
