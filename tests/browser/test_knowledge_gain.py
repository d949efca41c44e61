"""The before/after comparisons on the real pages, in Voila: the knowledge test's on the last page
and the ten-principle self-ratings' at the end of module 02. Keyboard only, a late answer picked
up by the redraw button, axe with no violation in the panel."""

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


RATINGS_PAGE = "02-principles/04-opportunity-and-curiosity.ipynb"


def test_ratings_side_by_side_after_rating_again_from_the_keyboard(
    page: Any, voila_url: str, browser_store: str
) -> None:
    """With the first ratings saved, rate the first principle again with the keyboard and ask
    for the comparison: does one chart with its table show both ratings and the change?"""
    from partnership_course import ratings_view
    from partnership_course.store import open_store

    first = load_scenario(ratings_view.BEFORE)
    label = text_in(first.items[0].label, "en")
    ratings = {item.id: 2 for item in first.items}
    open_store(browser_store).save(
        "browser-tester",
        ratings_view.MODULE,
        ratings_view.BEFORE,
        "self_assessment",
        {"ratings": ratings},
    )
    page.goto(f"{voila_url}/voila/render/{RATINGS_PAGE}", wait_until="commit", timeout=TIMEOUT)
    panel = page.locator(".pc-ratings")
    panel.wait_for(state="visible", timeout=TIMEOUT)
    start = panel.locator("tr", has_text=f"{label}: at the start of Module 2")
    assert start.locator("td").nth(0).inner_text() == "2"
    again = page.locator(".pc-self-assessment").last
    choose_in_group(page, again.locator("fieldset").first, 3)  # "A habit I could coach..."
    again.locator("tbody tr").first.get_by_text("4").wait_for(timeout=TIMEOUT)
    press_button(page, page.get_by_role("button", name="Show my comparison again").last)
    end = panel.locator("tr", has_text=f"{label}: at the end of Module 2")
    end.get_by_text("+2").wait_for(timeout=TIMEOUT)
    assert end.locator("td").nth(0).inner_text() == "4"
    assert panel.locator("svg[role=img] title").count() == 1
    assert panel.locator("#ratings-compared-table th[scope=col]").count() == 4
    assert axe_violations(page, include=".pc-ratings") == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    # tall enough for the whole panel: Voila scrolls an inner box, so parts of an element
    # outside the viewport come out blank in an element screenshot
    page.set_viewport_size({"width": 1000, "height": 2400})
    panel.screenshot(path=str(SHOTS / "ratings-compared.png"))


@pytest.mark.parametrize(
    ("path", "panel_class"), [(RATINGS_PAGE, ".pc-ratings"), (PAGE, ".pc-knowledge")]
)
def test_panel_at_200_percent(browser: Any, voila_url: str, path: str, panel_class: str) -> None:
    """The self-ratings' panel (module 02) and the knowledge test's (the last page) at 200% zoom
    (640 px at scale 2; the tests above shoot them at 1280 px): one bar per row of the chart's
    table, drawn from data, and nothing wider than the panel."""
    context = browser.new_context(viewport={"width": 640, "height": 900}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(f"{voila_url}/voila/render/{path}", wait_until="commit", timeout=TIMEOUT)
        panel = page.locator(panel_class)
        panel.wait_for(state="visible", timeout=TIMEOUT)
        bars = panel.locator("svg[role=img] rect")
        rows = panel.locator("table").first.locator("tbody tr")
        assert bars.count() == rows.count() > 0  # one bar per row of the chart's table
        wide = panel.evaluate("el => el.scrollWidth - el.clientWidth")
        assert wide <= 1, f"{panel_class} is {wide} px wider than its box"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 640, "height": 3000})
        panel.scroll_into_view_if_needed()
        panel.screenshot(path=str(SHOTS / f"comparison-{panel_class[4:]}-zoom-200.png"))
    except Exception:
        page.screenshot(path=str(SHOTS / f"FAILED-comparison-{panel_class[4:]}-zoom-200.png"))
        raise
    finally:
        context.close()
