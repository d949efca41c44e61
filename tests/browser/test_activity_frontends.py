"""The anywidget activities (sort, choice, self_assessment, reflection) as a browser meets them.

Keyboard only, in English and Spanish, with the radio group pattern; a DOM check that every radio
group has a programmatic name and every control a visible label; axe with no violation at all
inside the activities; reflow at 320 px; two copies of one page (the stale one never overwrites,
both texts shown, an earlier version brought back from the page); screenshots at 1280 px and 200%.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from audits import audit_controls
from browsing import SCROLL_HEIGHT, SHOTS, shoot
from keyboard import (
    TIMEOUT,
    assert_focus_visible,
    axe_violations,
    choose_in_group,
    press_button,
    tab_to,
)
from support.gzipped import assert_route_gzipped_once

from partnership_course.content import load_scenario
from partnership_course.store import ResponseStore

pytestmark = pytest.mark.browser

FRAMEWORK = "01-dual-capacity/02-the-framework.ipynb"
KINDS = ("sort", "choice", "self-assessment", "reflection")
LEARNER = "browser-tester"  # the voila_url server's learner

OVERFLOW = """() => [
  ...document.querySelectorAll('.pc-sort, .pc-choice, .pc-self-assessment, .pc-reflection')]
  .filter(el => el.scrollWidth > el.clientWidth + 1)
  .map(el => `${el.className}: ${el.scrollWidth} > ${el.clientWidth}`)"""


def open_framework(page: Any, base: str, lang: str = "en") -> Any:
    page.goto(f"{base}/voila/render/{FRAMEWORK}?lang={lang}", wait_until="commit", timeout=TIMEOUT)
    activities = page.locator(".pc-activity")
    page.locator(".pc-reflection textarea").nth(1).wait_for(state="visible", timeout=TIMEOUT)
    return activities


def axe_everything(page: Any) -> list[str]:
    """Every axe violation (any impact) inside the activities."""
    return axe_violations(page, ".pc-activity")


def audit_every_activity(page: Any) -> dict[str, Any]:
    """`audits.CONTROLS` over each activity on the page: its problems, and how many radio groups
    it found in all."""
    found = [audit_controls(activity) for activity in page.locator(".pc-activity").all()]
    return {
        "problems": [p for audit in found for p in audit["problems"]],
        "groups": sum(audit["groups"] for audit in found),
    }


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_kind_by_keyboard_with_named_groups(
    voila_url: str, browser_store: str, page: Any, lang: str
) -> None:
    """Tab into each radio group and choose with the arrows; type a reflection; untick sharing;
    every group named, every control labelled, axe clean; the answers reach the store."""
    open_framework(page, voila_url, lang)
    assert page.evaluate("document.documentElement.lang") == lang
    audit = audit_every_activity(page)
    assert audit["problems"] == [] and audit["groups"] >= 6, audit
    assert axe_everything(page) == []

    sort = page.locator(".pc-sort").first
    scenario = load_scenario("01-dual-capacity/conditions-sort")
    keyed = [c.id for c in scenario.categories]
    cards = sort.locator("fieldset")
    assert cards.count() == len(scenario.items)
    for number, item in enumerate(scenario.items):  # the last card left in a wrong category
        wrong = (keyed.index(item.category) + 1) % len(keyed)
        last = number == len(scenario.items) - 1
        choose_in_group(page, cards.nth(number), wrong if last else keyed.index(item.category))
    sort_check = sort.get_by_role("button", name=re.compile("."))
    first_counts = {"en": "first check is the one scored", "es": "Se puntúa su primera"}
    assert first_counts[lang] in sort.locator(".pc-hint").inner_text()  # said before the check
    press_button(page, sort_check)
    sort.locator(".pc-feedback li").wait_for(timeout=TIMEOUT)  # a note on the misplaced card
    assert sort_check.evaluate("el => el === document.activeElement"), "the check moved the focus"
    total = len(scenario.items)
    summary = {"en": f"{total - 1} of {total} cards match", "es": f"{total - 1} de {total}"}
    assert summary[lang] in sort.locator(".pc-feedback").inner_text()

    choice = page.locator(".pc-choice").first
    check = choice.locator("button")
    assert choice.locator(".pc-hint").inner_text().strip()  # the first answer counts: said first
    choose_in_group(page, choice.locator("fieldset"), 2)
    press_button(page, check)
    choice.locator(".pc-feedback").wait_for(timeout=TIMEOUT)
    assert check.evaluate("el => el === document.activeElement"), "feedback moved the focus"
    assert_focus_visible(page)

    rating = page.locator(".pc-self-assessment").first
    groups = rating.locator("fieldset")
    for number in range(groups.count()):
        choose_in_group(page, groups.nth(number), number % 4)
    rating.locator("tbody tr").first.locator("td").first.get_by_text("1").wait_for(timeout=TIMEOUT)

    reflection = page.locator(".pc-reflection").first
    box = reflection.locator("textarea")
    tab_to(page, box)
    page.keyboard.press("Control+A")
    page.keyboard.type(f"Mi reflexión {lang}: <b>no es negrita</b> y escucho primero.")
    share = reflection.locator("input[type=checkbox]")
    was_shared = share.is_checked()
    tab_to(page, share)  # leaving the text box saves at once
    page.keyboard.press("Space")
    assert share.is_checked() is not was_shared
    # the status line says "Saved at 10:03." once the store has the sharing choice
    reflection.locator(".pc-status[role=status]").filter(
        has_text=re.compile(r"\d\d:\d\d")
    ).wait_for(timeout=TIMEOUT)
    assert page.console_errors == []
    shoot(page, f"frontends-keyboard-{lang}")

    store = ResponseStore(browser_store)
    saved = {r.activity.rsplit("/", 1)[1]: r.value for r in store.query(learner=LEARNER)}
    assert (
        saved["which-c-check"]["attempts"][-1]
        == load_scenario("01-dual-capacity/which-c-check").options[2].id
    )
    assert saved["four-cs-self-check"]["ratings"]
    assert saved["conditions-sort"]["checked"] is True
    assert saved["conditions-sort"]["score"] == total - 1
    assert saved["four-cs-reflection"]["text"].startswith(f"Mi reflexión {lang}")
    assert saved["four-cs-reflection"]["shared"] is (not was_shared)
    # learner text is shown as text: no <b> element was made from it
    assert reflection.locator("b").count() == 0


def test_two_copies_stale_never_overwrites_and_versions_come_back(
    voila_url: str, browser_store: str, browser: Any
) -> None:
    """Two tabs: the older copy's typing is refused and both texts are shown; keeping it by
    keyboard saves it; the other text is an earlier version that the page brings back."""
    laptop = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desktop = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        for tab in (laptop, desktop):
            open_framework(tab, voila_url)
        newer = "Written on the laptop, a long and careful reflection about families. " * 3
        box = laptop.locator(".pc-reflection textarea").nth(1)
        tab_to(laptop, box)
        laptop.keyboard.press("Control+A")
        laptop.keyboard.type(newer)
        laptop.keyboard.press("Tab")
        laptop.locator(".pc-reflection").nth(1).locator("p.pc-status").filter(
            has_text=re.compile(r"· saved$")
        ).wait_for(timeout=TIMEOUT)

        stale = desktop.locator(".pc-reflection").nth(1)
        tab_to(desktop, stale.locator("textarea"))
        desktop.keyboard.type("Typed on the old desktop tab.")
        desktop.keyboard.press("Tab")
        conflict = stale.locator(".pc-conflict")
        conflict.wait_for(timeout=TIMEOUT)
        assert newer.strip() in conflict.inner_text()
        assert "Typed on the old desktop tab." in conflict.inner_text()
        assert "another window or tab" in stale.locator("[role=alert]").inner_text()
        store = ResponseStore(browser_store)
        current = store.load(LEARNER, "01-dual-capacity", "01-dual-capacity/belonging-reflection")
        assert current is not None
        assert current.value["text"] == newer  # the stale copy replaced nothing
        shoot(desktop, "frontends-two-copies-conflict")

        keep = conflict.get_by_role("button", name="Keep the text typed here")
        assert keep.evaluate("el => el === document.activeElement")  # focus moved to the choice
        desktop.keyboard.press("Enter")
        conflict.wait_for(state="detached", timeout=TIMEOUT)
        current = store.load(current.learner, current.module, current.activity)
        assert current.value["text"].endswith("Typed on the old desktop tab.")

        # the laptop's text is an earlier version: open the list and bring it back by keyboard
        earlier = stale.locator("summary")
        tab_to(desktop, earlier)
        desktop.keyboard.press("Enter")
        bring = stale.get_by_role("button", name="Bring back this version").first
        bring.wait_for(timeout=TIMEOUT)
        versions = stale.locator(".pc-version")
        index = next(
            i for i in range(versions.count()) if newer.strip() in versions.nth(i).inner_text()
        )
        press_button(desktop, versions.nth(index).get_by_role("button"))
        desktop.wait_for_function(
            "([el, text]) => el.value === text",
            arg=[stale.locator("textarea").element_handle(), newer],
            timeout=TIMEOUT,
        )
        current = store.load(current.learner, current.module, current.activity)
        assert current.value["text"] == newer
    finally:
        laptop.context.close()
        desktop.context.close()


@pytest.mark.parametrize(
    ("width", "scale", "name"), [(1280, 1, "1280"), (640, 2, "zoom-200"), (320, 1, "320px")]
)
def test_screenshots_and_reflow(
    voila_url: str, browser: Any, width: int, scale: int, name: str
) -> None:
    """Each kind at 1280 px, at 200% zoom (640 px at scale 2) and at 320 px: no sideways scroll."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, device_scale_factor=scale
    )
    try:
        page = context.new_page()
        open_framework(page, voila_url)
        assert page.evaluate(OVERFLOW) == []
        # Voila scrolls inside #rendered_cells: grow the viewport to the content so each
        # activity can be shot whole without scrolling
        tall = min(int(page.evaluate(SCROLL_HEIGHT)), 14000)
        page.set_viewport_size({"width": width, "height": max(tall, 900)})
        page.wait_for_timeout(300)
        for kind in KINDS:
            activity = page.locator(f".pc-{kind}").first
            activity.scroll_into_view_if_needed()
            activity.screenshot(path=str(shoot_path(f"frontend-{kind}-{name}")))
    finally:
        context.close()


def shoot_path(name: str) -> Any:

    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"


ROUTE = "/partnership-course/activities/"


def watch_delivery(page: Any) -> dict[str, list]:
    """What a page load brings of the activities' code: the route's responses (URL, status,
    headers) and every loader request that crossed the kernel websocket."""
    seen: dict[str, list] = {"files": [], "asked": []}

    def on_response(response: Any) -> None:
        if ROUTE in response.url:
            seen["files"].append((response.url, response.status, response.headers))

    def on_socket(socket: Any) -> None:
        def sent(payload: Any) -> None:
            text = payload.decode("utf-8", "ignore") if isinstance(payload, bytes) else payload
            seen["asked"] += re.findall(r'"event":\s*"module",\s*"key":\s*"([\w-]+)"', text)

        socket.on("framesent", sent)

    page.on("response", on_response)
    page.on("websocket", on_socket)
    return seen


def test_code_comes_as_immutable_files_once_per_page(voila_url: str, page: Any) -> None:
    """Do the kinds' modules, the helpers and the CSS come from the route, each file once, named
    by its hash and cached for a year, with nothing asked of the kernel?"""
    seen = watch_delivery(page)
    open_framework(page, voila_url)
    names = [url.rsplit("/", 1)[1] for url, _, _ in seen["files"]]
    assert sorted(names) == sorted(set(names)), names  # each piece once per page
    kinds = {name.split("-")[0] for name in names}
    assert {"sort", "choice", "self_assessment", "reflection", "shared", "css"} <= kinds, names
    for url, status, headers in seen["files"]:
        assert status == 200, url
        assert headers["cache-control"] == "public, max-age=31536000, immutable", url
        assert re.search(r"-[0-9a-f]{12}\.(js|css)$", url), url
        assert headers.get("content-encoding") == "gzip", url  # the workshop server's gzip
    assert_route_gzipped_once(seen["files"][0][0])  # and only once: no second layer
    assert seen["asked"] == []  # nothing crossed the websocket
    assert page.console_errors == []


def test_without_the_route_the_kernel_sends_the_code(voila_url: str, page: Any) -> None:
    """Where the route fails (a server without it), do the activities still come, with their
    code and CSS from the kernel, each piece asked once per page?"""
    page.route(f"**{ROUTE}**", lambda route: route.fulfill(status=404, body="not here"))
    seen = watch_delivery(page)
    open_framework(page, voila_url)
    asked = seen["asked"]
    assert sorted(asked) == sorted(set(asked)), asked
    assert {key.split("-")[0] for key in asked} >= {"sort", "choice", "shared", "css"}, asked
    sort = page.locator(".pc-sort").first
    assert sort.locator("fieldset").count() > 1
    # the CSS came too: the activity has the course's look, not the browser's default
    style = page.locator(".pc-activity").first.evaluate("el => getComputedStyle(el).maxWidth")
    assert style != "none"
