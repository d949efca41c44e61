"""The knowledge test's comparison on the real last page, in Voila: keyboard only, a late answer
picked up by the redraw button, axe with no violation in the panel."""

from __future__ import annotations

from typing import Any

import pytest
from browsing import SHOTS
from keyboard import TIMEOUT, axe_violations, choose_in_group, press_button

from partnership_course.content import load_scenario
from partnership_course.content.model import text_in
from partnership_course.content.paths import modules_dir
from partnership_course.notebooks import activity_refs

pytestmark = pytest.mark.browser

PAGE = "03-continuum/04-passing-it-on.ipynb"


def first_after_item() -> Any:
    _, refs = activity_refs(modules_dir() / PAGE)
    return load_scenario(next(r.scenario_id for r in refs if "/after-" in r.scenario_id))


def test_comparison_picks_up_an_answer_from_the_keyboard(page: Any, voila_url: str) -> None:
    """Answer the first after-item with the keyboard, ask for the comparison again: does its row
    now say right after the course, with the chart's table beside it?"""
    item = first_after_item()
    question = text_in(item.question, "en")
    keyed = next(i for i, o in enumerate(item.options) if o.correct)
    page.goto(f"{voila_url}/voila/render/{PAGE}", wait_until="commit", timeout=TIMEOUT)
    panel = page.locator(".pc-knowledge")
    panel.wait_for(state="visible", timeout=TIMEOUT)
    row = panel.locator("tr", has_text=question[:60])
    assert row.locator("td").nth(1).inner_text() == "not answered"
    activity = page.locator(".pc-choice", has_text=question[:60])
    choose_in_group(page, activity.locator("fieldset"), keyed)
    press_button(page, activity.get_by_role("button", name="Check my answer"))
    activity.get_by_text("Yes.").first.wait_for(timeout=TIMEOUT)
    press_button(page, page.get_by_role("button", name="Show my comparison again"))
    page.wait_for_function(
        """([text]) => [...document.querySelectorAll('.pc-knowledge tr')]
            .some(tr => tr.innerText.includes(text) && /\\bright\\s*$/.test(tr.innerText))""",
        arg=[question[:60]],
        timeout=TIMEOUT,
    )
    assert panel.locator("#knowledge-gain-table").count() == 1
    assert axe_violations(page, include=".pc-knowledge") == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    panel.screenshot(path=str(SHOTS / "knowledge-gain.png"))
