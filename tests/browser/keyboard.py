"""Keyboard-only helpers for the browser tests: reach a control with Tab or Shift+Tab, operate it
with Space, Enter, the arrow keys or typing, and check that the focus is visible and stays put.

Nothing here clicks, fills or focuses an element from script: every move is a key press through
`page.keyboard`, as a participant without a mouse would make it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlparse

from browsing import WORKSHOP_CODE, axe_violations  # noqa: F401  (tests import it from here)

from partnership_course.workshop.sessions import WorkshopStore

TIMEOUT = 120_000

#: -1 when the focused element comes after `el` in the document, 1 when before, 0 when it is `el`.
WHERE_IS_FOCUS = """el => {
  const active = document.activeElement;
  if (active === el) return 0;
  if (!active || active === document.body) return 1;
  return (active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) ? -1 : 1;
}"""

FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute('type') || '',
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    boxShadow: style.boxShadow,
  };
}"""

DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el) return 'nothing';
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').slice(0, 60);
  return `${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} "${text}"`;
}"""


def tab_to(page: Any, target: Any, limit: int = 400) -> None:
    """Press Tab (or Shift+Tab, when `target` lies above the focus) until `target` is focused."""
    target.wait_for(state="visible", timeout=TIMEOUT)
    direction = target.evaluate(WHERE_IS_FOCUS)
    key = "Shift+Tab" if direction < 0 else "Tab"
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"could not reach {target} with {key}; focus is on {describe_focus(page)}")


def describe_focus(page: Any) -> str:
    return page.evaluate(DESCRIBE_FOCUS)


def focus_ring(page: Any) -> dict[str, Any] | None:
    """Outline and box-shadow of the focused element (None when nothing is focused)."""
    return page.evaluate(FOCUS_RING)


def assert_focus_visible(page: Any) -> dict[str, Any]:
    """The focused element draws a focus indicator: a non-zero outline or a box-shadow."""
    ring = focus_ring(page)
    assert ring is not None, "nothing has the focus"
    outlined = ring["outlineStyle"] != "none" and ring["outlineWidth"] > 0
    shadowed = ring["boxShadow"] not in ("", "none")
    assert outlined or shadowed, f"focus is invisible on {describe_focus(page)}: {ring}"
    return ring


def focus_inside(page: Any, container: Any) -> bool:
    """Whether the focused element is inside `container` (an activity)."""
    del page
    return container.evaluate("el => el.contains(document.activeElement)")


def assert_focus_kept(page: Any, container: Any) -> None:
    assert focus_inside(page, container), (
        f"focus left the activity after feedback: it is on {describe_focus(page)}"
    )


def choose_radio(page: Any, group: Any, index: int, check_ring: bool = True) -> Any:
    """Tab to the `index`th radio button in `group` and press Space; returns the radio."""
    radio = group.locator("input[type=radio]").nth(index)
    tab_to(page, radio)
    if check_ring:
        assert_focus_visible(page)
    page.keyboard.press("Space")
    assert radio.is_checked()
    return radio


def choose_in_group(page: Any, group: Any, index: int) -> Any:
    """The radio group pattern: Tab into the group (its one Tab stop: the checked radio, else
    the first, or the last when coming back with Shift+Tab), then arrow keys to the `index`th
    radio (arrows move and select, so only the radio wanted is ever chosen; Space when the group
    is entered at it). Returns the radio, checked and focused."""
    radios = group.locator("input[type=radio]")
    checked = group.locator("input[type=radio]:checked")
    start = radios.evaluate_all("els => els.findIndex(e => e.checked)") if checked.count() else 0
    if not checked.count() and radios.first.evaluate(WHERE_IS_FOCUS) < 0:
        start = radios.count() - 1  # Shift+Tab into a group with nothing checked: its last radio
    tab_to(page, radios.nth(max(start, 0)))
    assert_focus_visible(page)
    start = max(start, 0)
    if not radios.nth(start).is_checked() and index == start:
        page.keyboard.press("Space")  # otherwise the arrows below move and select at once
    key = "ArrowDown" if index >= start else "ArrowUp"
    for _ in range(abs(index - start)):
        page.keyboard.press(key)
    radio = radios.nth(index)
    assert radio.is_checked() and radio.evaluate("el => el === document.activeElement")
    return radio


def choose_select(page: Any, select: Any, index: int) -> None:
    """Move a closed drop-down to option `index` with the arrow keys."""
    tab_to(page, select)
    current = select.evaluate("el => el.selectedIndex")
    key = "ArrowDown" if index >= current else "ArrowUp"
    for _ in range(abs(index - current)):
        page.keyboard.press(key)
    assert select.evaluate("el => el.selectedIndex") == index


def press_button(page: Any, button: Any, key: str = "Enter") -> None:
    """Tab to `button`, check its focus ring, and press Enter (or Space)."""
    tab_to(page, button)
    assert_focus_visible(page)
    page.keyboard.press(key)


def type_into(page: Any, box: Any, text: str) -> None:
    """Tab to a text box and type `text`, key by key."""
    tab_to(page, box)
    page.keyboard.type(text)


def join(page: Any, base: str, name: str) -> str:
    """Join the workshop from the join page with the keyboard; returns the participant token."""
    page.goto(base + "/workshop/join", wait_until="domcontentloaded")
    tab_to(page, page.locator("#code"))
    page.keyboard.type(WORKSHOP_CODE)
    tab_to(page, page.locator("#name"))
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    page.wait_for_url("**/?p=*")
    return parse_qs(urlparse(page.url).query)["p"][0]


def open_page(page: Any, base: str, notebook: str, token: str, count: int, lang: str = "") -> Any:
    """Open a module page (following any redirect) and wait for its `count` activities."""
    extra = f"&lang={lang}" if lang else ""
    page.goto(
        f"{base}/voila/render/{notebook}?p={token}{extra}",
        wait_until="domcontentloaded",
        timeout=TIMEOUT,
    )
    return wait_for_activities(page, count)


def wait_for_activities(page: Any, count: int) -> Any:
    activities = page.locator(".pc-activity")
    activities.nth(count - 1).wait_for(state="visible", timeout=TIMEOUT)
    page.wait_for_timeout(300)
    assert activities.count() == count
    return activities


class Saved:
    """The participant's answers as the workshop store holds them, polled until they agree."""

    def __init__(self, store_url: str, token: str) -> None:
        self.store = WorkshopStore(url=store_url)
        me = self.store.participant(WORKSHOP_CODE, token)
        assert me is not None, "the participant is not in the store"
        self.learner = me.learner

    def value(self, activity: str) -> dict[str, Any] | None:
        for answer in self.store.answers_of(self.learner):
            if answer.activity == activity:
                return answer.value
        return None

    def wait(
        self, activity: str, holds: Callable[[dict[str, Any]], bool], seconds: float = 15
    ) -> dict[str, Any]:
        """Poll until the stored answer of `activity` satisfies `holds`; return it."""
        deadline = time.monotonic() + seconds
        value = None
        while time.monotonic() < deadline:
            value = self.value(activity)
            if value is not None:
                try:
                    if holds(value):
                        return value
                except (KeyError, IndexError, TypeError):
                    pass
            time.sleep(0.2)
        raise AssertionError(f"the store never held the expected answer for {activity}: {value}")


CUT_OFF = """els => els.flatMap(a => Array.from(a.querySelectorAll('button'))
  .filter(b => b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1)
  .map(b => `${b.innerText.trim()} (${b.scrollWidth}px of text in ${b.clientWidth}px)`))"""


def cut_off_buttons(activities: Any) -> list[str]:
    """Visible buttons in `activities` whose label does not fit (ellipsis or clipped)."""
    return activities.evaluate_all(CUT_OFF)
