"""The anywidget kinds where the learner types (starters, action_plan, contact_planner,
plain_language) as a browser meets them, each completed by keyboard alone in English and in
Spanish: Tab into each radio group and arrow to a choice, arrows in each drop-down, typing that
reaches the store once the field loses the focus, text shown exactly (markup stays text), every
group named and every control visibly labelled, axe with no violation, no sideways scrolling at
320 px, and a screenshot of each kind after a reload has brought every answer back.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from audits import audit_controls, axe_violations, look, overflow
from keyboard import TIMEOUT, choose_in_group, choose_select, press_button, tab_to

from partnership_course.content import load_scenario
from partnership_course.store import ResponseStore

pytestmark = pytest.mark.browser

LEARNER = "browser-tester"  # the voila_url server's learner
EMPATHY = "02-principles/01-communication-and-empathy.ipynb"
STARTERS = "02-principles/starters-everyday-worries"  # the first starters on that page
MARKUP = "<b>not bold</b> & ¿sí? 🙂"


def open_page(page: Any, base: str, notebook: str, lang: str, selector: str) -> Any:
    """Open a module page in `lang` and wait for the first `selector` activity to be drawn."""
    page.goto(f"{base}/voila/render/{notebook}?lang={lang}", wait_until="commit", timeout=TIMEOUT)
    activity = page.locator(selector).first
    activity.locator("textarea, input[type=text]").first.wait_for(state="visible", timeout=TIMEOUT)
    assert page.evaluate("document.documentElement.lang") == lang
    return activity


def saved(store_url: str, activity: str, holds: Any, seconds: float = 20) -> dict[str, Any]:
    """Poll the store until the learner's answer to `activity` satisfies `holds`; return it."""
    store = ResponseStore(store_url)
    module = activity.split("/", 1)[0]
    deadline, value = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        found = store.load(LEARNER, module, activity)
        value = found.value if found is not None else None
        try:
            if value is not None and holds(value):
                return value
        except (KeyError, IndexError, TypeError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"the store never held the expected answer for {activity}: {value}")


def is_focused(locator: Any) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def assert_clean(page: Any, activity: Any, selector: str, groups: int) -> None:
    audit = audit_controls(activity)
    assert audit["problems"] == [] and audit["groups"] >= groups, audit
    assert axe_violations(page, selector) == []


# -- starters -------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "number"), [("en", 0), ("es", 1)])
def test_starters_by_keyboard(
    voila_url: str, browser_store: str, page: Any, lang: str, number: int
) -> None:
    """Reply to one statement with the radio group pattern and "Check my reply", pick a starter
    with the arrows, finish it by typing; the store has it once the box loses the focus; the
    feedback says the reply type; after a reload every part is back."""
    sc = load_scenario(STARTERS)
    statement = sc.statements[number]
    empathy = next(i for i, r in enumerate(statement.replies) if r.type == "empathy")
    starters = open_page(page, voila_url, EMPATHY, lang, ".pc-starters")
    assert_clean(page, starters, ".pc-starters", len(sc.statements))
    part = starters.locator(".pc-statement").nth(number)
    assert part.locator("fieldset legend").inner_text().strip()

    choose_in_group(page, part.locator("fieldset"), empathy)
    check = part.get_by_role("button")
    press_button(page, check)
    part.locator(".pc-feedback.pc-right").wait_for(timeout=TIMEOUT)
    assert is_focused(check), "the feedback moved the focus"
    reply = statement.replies[empathy].id
    saved(browser_store, STARTERS, lambda v: v["statements"][statement.id]["reply"] == reply)

    choose_select(page, part.locator("select"), 2)
    typed = f"{lang}: I hear how worrying this is. {MARKUP}"
    box = part.locator("textarea")
    tab_to(page, box)
    page.keyboard.press("Control+A")
    page.keyboard.type(typed)
    page.keyboard.press("Tab")  # leaving the box sends the text at once
    value = saved(browser_store, STARTERS, lambda v: v["statements"][statement.id]["text"] == typed)
    entry = value["statements"][statement.id]
    assert entry["starter"] == sc.starters[1].id and entry["type"] == "empathy"
    preview = part.locator(".pc-preview")
    preview.filter(has_text=MARKUP).wait_for(timeout=TIMEOUT)
    assert starters.locator("b").count() == 0  # the learner's markup stayed text
    assert page.console_errors == []
    look(page, starters, f"typed-starters-{lang}")

    page.reload(wait_until="commit")
    starters = open_page(page, voila_url, EMPATHY, lang, ".pc-starters")
    part = starters.locator(".pc-statement").nth(number)
    assert part.locator("input[type=radio]").nth(empathy).is_checked()
    assert part.locator("select").evaluate("el => el.selectedIndex") == 2
    assert part.locator("textarea").input_value() == typed
    part.locator(".pc-feedback.pc-right").wait_for(timeout=TIMEOUT)
    assert page.console_errors == []


def context_at(browser: Any, width: int) -> Any:
    """A browser context `width` px wide; 640 stands for 200% zoom (scale 2 on a 1280 px screen)."""
    scale = 2 if width == 640 else 1
    return browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=scale)


@pytest.mark.parametrize("width", [320, 640])
def test_typed_kinds_reflow(voila_url: str, browser: Any, width: int) -> None:
    """At 320 px and at 200% zoom (640 px at scale 2) no activity of these kinds is wider than
    its box; a screenshot of each."""
    context = context_at(browser, width)
    try:
        page = context.new_page()
        starters = open_page(page, voila_url, EMPATHY, "en", ".pc-starters")
        assert overflow(starters) == ""
        look(page, starters, f"typed-starters-{width}px")
    finally:
        context.close()


# -- action plan and plain language: named, labelled, axe clean, in both languages ------------
PAGES = [
    ("03-continuum/04-passing-it-on.ipynb", ".pc-action-plan"),
    ("02-principles/02-time-access-flexibility.ipynb", ".pc-plain-language"),
]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_action_plan_and_plain_language_audit(voila_url: str, page: Any, lang: str) -> None:
    """Every control visibly labelled, headings in order, axe clean, in English and Spanish
    (their keyboard-only completion is in test_keyboard_kinds.py); a screenshot of each."""
    for notebook, selector in PAGES:
        activity = open_page(page, voila_url, notebook, lang, selector)
        assert_clean(page, activity, selector, 0)
        assert overflow(activity) == ""
        look(page, activity, f"typed-{selector[4:]}-{lang}")
    assert page.console_errors == []


# -- contact planner: reflow with a plan on the page ----------------------------------------
PLANNER = "03-continuum/02-contact-planner.ipynb"


@pytest.mark.parametrize("width", [320, 640, 1280])
def test_contact_planner_reflow_with_a_plan(voila_url: str, browser: Any, width: int) -> None:
    """A family added by keyboard, then at 320 px, at 200% zoom (640 px at scale 2) and at
    1280 px: the planner is no wider than its box (the plan's table scrolls inside its own
    focusable region), every control is labelled, axe is clean; a screenshot of each."""
    context = context_at(browser, width)
    try:
        page = context.new_page()
        planner = open_page(page, voila_url, PLANNER, "en", ".pc-contact-planner")
        tab_to(page, planner.locator("input[type=text]"))
        page.keyboard.type(f"W{width}")
        press_button(page, planner.get_by_role("button", name="Add or update family"))
        plan = planner.locator(".pc-plan [role=region] table")
        plan.wait_for(timeout=TIMEOUT)
        assert plan.locator("tbody tr").count() >= 1
        assert overflow(planner) == ""
        assert_clean(page, planner, ".pc-contact-planner", 0)
        look(page, planner, f"typed-contact-planner-{width}px")
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_plain_language_times_column_keeps_its_word(
    voila_url: str, browser: Any, width: int
) -> None:
    """The findings table's narrow count column shows "Times" whole, at 320 px and 1280 px."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        plain = open_page(page, voila_url, PAGES[1][0], "en", ".pc-plain-language")
        tab_to(page, plain.locator("textarea"))
        page.keyboard.type("The IEP team will review FAPE, LRE and the IEP goals.")
        press_button(page, plain.get_by_role("button", name="Check my message"))
        head = plain.locator("th.pc-count")
        head.wait_for(timeout=TIMEOUT)
        # one line box for the heading's text: a word broken inside has two or more
        lines = head.evaluate(
            "el => { const r = document.createRange(); r.selectNodeContents(el);"
            " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }"
        )
        assert lines == 1, f"the Times heading wraps onto {lines} lines"
        assert overflow(plain) == ""
        look(page, plain, f"typed-plain-language-{width}px")
    finally:
        context.close()
