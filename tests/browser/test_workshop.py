"""A workshop in real browsers: join, answer every activity kind with the keyboard alone, reload,
stay private from a second participant, and show up in the facilitator view.

The tests in this file run in order and share one workshop server (a room): participant A's
link is kept in ROOM for the later tests.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import parse_qs, urlparse

import pytest
from browsing import FACILITATOR_KEY, WORKSHOP_CODE, shoot
from keyboard import choose_in_group, press_button

from partnership_course.content import load_scenario
from partnership_course.workshop.sessions import WorkshopStore

pytestmark = pytest.mark.browser

FRAMEWORK = "01-dual-capacity/02-the-framework.ipynb"
EMPATHY = "02-principles/01-communication-and-empathy.ipynb"
SPECIAL = 'I will <script>alert("x")</script> & ask "why?" first'
ROOM: dict[str, str] = {}
TIMEOUT = 120_000


def tab_to(page: object, target: object, limit: int = 400) -> None:
    """Press Tab until `target` has the keyboard focus (proves it is reachable by keyboard)."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):  # type: ignore[attr-defined]
            return
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
    raise AssertionError(f"could not reach {target} with the Tab key")


def wait_for_activities(page: object, count: int) -> object:
    activities = page.locator(".pc-activity")  # type: ignore[attr-defined]
    activities.nth(count - 1).wait_for(state="visible", timeout=TIMEOUT)
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    assert activities.count() == count
    return activities


def open_module_page(page: object, path: str, count: int) -> object:
    """From the start page, follow the link to `path` with the keyboard."""
    link = page.locator(f'a[href^="/voila/render/{path}"]')  # type: ignore[attr-defined]
    tab_to(page, link)
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url(f"**/voila/render/{path}?p=*", timeout=TIMEOUT)  # type: ignore[attr-defined]
    return wait_for_activities(page, count)


def join_with_keyboard(page: object, base: str, name: str) -> str:
    page.goto(base + "/", wait_until="domcontentloaded")  # type: ignore[attr-defined]
    page.wait_for_url("**/workshop/join")  # type: ignore[attr-defined]
    tab_to(page, page.locator("#code"))  # type: ignore[attr-defined]
    page.keyboard.type(WORKSHOP_CODE)  # type: ignore[attr-defined]
    tab_to(page, page.locator("#name"))  # type: ignore[attr-defined]
    page.keyboard.type(name)  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url("**/?p=*")  # type: ignore[attr-defined]
    return parse_qs(urlparse(page.url).query)["p"][0]  # type: ignore[attr-defined]


def choose_select(page: object, select: object, index: int) -> None:
    """Move a closed drop-down to option `index` with the arrow keys."""
    tab_to(page, select)
    current = select.evaluate("el => el.selectedIndex")  # type: ignore[attr-defined]
    for _ in range(index - current):
        page.keyboard.press("ArrowDown")  # type: ignore[attr-defined]
    assert select.evaluate("el => el.selectedIndex") == index  # type: ignore[attr-defined]


def wait_saved(page: object) -> None:
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]


def test_participant_joins_answers_every_kind_and_finds_it_after_reload(
    workshop_url: str, workshop_store_url: str, new_page: object
) -> None:
    """Keyboard only: sort, choice, self_assessment, reflection, starters; then reload."""
    page = new_page()  # type: ignore[operator]
    token = join_with_keyboard(page, workshop_url, "Ana <i>Admin</i>")
    ROOM["a"] = token
    assert "Ana <i>Admin</i>" in page.inner_text("main")  # shown as text, not markup
    shoot(page, "workshop-landing")

    activities = open_module_page(page, FRAMEWORK, 7)
    # 1. sort: every card into its category by key
    sort = load_scenario("01-dual-capacity/conditions-sort")
    categories = [c.id for c in sort.categories]
    cards = activities.nth(0).locator("fieldset")
    for number, item in enumerate(sort.items):  # one named radio group per card
        choose_in_group(page, cards.nth(number), categories.index(item.category))
    check = activities.nth(0).get_by_role("button", name="Check my sort")
    tab_to(page, check)
    page.keyboard.press("Enter")
    activities.nth(0).get_by_text("cards match the key").wait_for(timeout=TIMEOUT)
    # 2. choice: Tab into the radio group, arrows to choose, then Check
    choose_in_group(page, activities.nth(1), 1)
    press_button(page, activities.nth(1).get_by_role("button", name="Check my answer"))
    activities.nth(1).locator(".pc-feedback").wait_for(timeout=TIMEOUT)
    # 3. self-assessment: rate every item (2nd level), one radio group each
    assessment = load_scenario("01-dual-capacity/four-cs-self-check")
    levels = len(assessment.scale)
    for number in range(len(assessment.items)):
        choose_in_group(page, activities.nth(2).locator("fieldset").nth(number), 1)
    # 4. reflection
    box = activities.nth(3).locator("textarea")
    tab_to(page, box)
    page.keyboard.type(SPECIAL)
    # 5. choice, 7. reflection (6. is the branching conversation, left unanswered)
    choose_in_group(page, activities.nth(4), 0)
    press_button(page, activities.nth(4).get_by_role("button", name="Check my answer"))
    box2 = activities.nth(6).locator("textarea")
    tab_to(page, box2)
    page.keyboard.type("Families belong here.")
    wait_saved(page)
    shoot(page, "workshop-framework-answered")

    page.reload(wait_until="domcontentloaded")
    activities = wait_for_activities(page, 7)
    cards = activities.nth(0).locator("fieldset")
    for number, item in enumerate(sort.items):
        radios = cards.nth(number).locator("input[type=radio]")
        assert radios.nth(categories.index(item.category)).is_checked()
    assert activities.nth(0).get_by_text("cards match the key").is_visible()
    assert activities.nth(1).locator("input[type=radio]").nth(1).is_checked()
    for number in range(len(assessment.items)):
        assert activities.nth(2).locator("input[type=radio]").nth(number * levels + 1).is_checked()
    assert activities.nth(3).locator("textarea").input_value() == SPECIAL
    assert activities.nth(4).locator("input[type=radio]").nth(0).is_checked()
    assert activities.nth(6).locator("textarea").input_value() == "Families belong here."
    assert "Your saved answers are back." in activities.nth(3).inner_text()
    print(page.console_errors)
    assert page.console_errors == []
    shoot(page, "workshop-framework-after-reload")

    # starters, on another page: pick a reply, choose a starter, finish the sentence
    page.goto(f"{workshop_url}/?p={token}")
    activities = open_module_page(page, EMPATHY, 12)
    starters = activities.nth(4)
    choose_in_group(page, starters.locator("fieldset").nth(0), 0)
    press_button(page, starters.get_by_role("button", name="Check my reply").nth(0))
    starters.locator(".pc-feedback").first.wait_for(timeout=TIMEOUT)
    choose_select(page, starters.locator("select").nth(0), 1)
    first_box = starters.locator("textarea").nth(0)
    tab_to(page, first_box)
    page.keyboard.type("that sounds really hard.")
    wait_saved(page)
    page.reload(wait_until="domcontentloaded")
    activities = wait_for_activities(page, 12)
    starters = activities.nth(4)
    assert starters.locator("input[type=radio]").nth(0).is_checked()
    assert starters.locator("select").nth(0).evaluate("el => el.selectedIndex") == 1
    assert starters.locator("textarea").nth(0).input_value() == "that sounds really hard."

    # the store agrees, under A's learner only
    store = WorkshopStore(url=workshop_store_url)
    me = store.participant(WORKSHOP_CODE, token)
    assert me is not None
    saved = {a.activity: a.value for a in store.answers_of(me.learner)}
    assert saved["01-dual-capacity/four-cs-reflection"]["text"] == SPECIAL
    assert saved["01-dual-capacity/conditions-sort"]["score"] == len(sort.items)
    assert len(saved) == 7


def test_second_participant_sees_none_of_the_first(workshop_url: str, new_page: object) -> None:
    """Another browser, another participant: empty answers; a forged token is refused."""
    assert "a" in ROOM, "participant A comes from the previous test: run the whole file"
    page = new_page()  # type: ignore[operator]
    token_b = join_with_keyboard(page, workshop_url, "Ben")
    ROOM["b"] = token_b
    assert token_b != ROOM["a"]
    assert "0 of 7 activities answered" in page.inner_text("main")
    activities = open_module_page(page, FRAMEWORK, 7)
    assert activities.nth(3).locator("textarea").input_value() == ""
    assert activities.nth(1).locator("input[type=radio]:checked").count() == 0
    for select in activities.nth(0).locator("select").all():
        assert select.evaluate("el => el.selectedIndex") == 0
    assert SPECIAL not in page.content()
    shoot(page, "workshop-second-participant")

    # B's download holds only B's (empty) answers
    reply = page.request.get(f"{workshop_url}/workshop/answers.json?p={token_b}")
    assert reply.ok and json.loads(reply.text())["answers"] == []

    # guessed or forged tokens get nothing: no page, no kernel, no download
    forged = ROOM["a"][:-4] + ("AAAA" if not ROOM["a"].endswith("AAAA") else "BBBB")
    for url in (
        f"{workshop_url}/voila/render/{FRAMEWORK}?p={forged}",
        f"{workshop_url}/?p={forged}",
        f"{workshop_url}/workshop/answers.csv?p={forged}",
        f"{workshop_url}/workshop/answers.csv",
    ):
        reply = page.request.get(url, max_redirects=0)
        assert reply.status in (302, 403), url
        assert SPECIAL not in reply.text()
    page.goto(f"{workshop_url}/voila/render/{FRAMEWORK}?p={forged}")
    assert "not valid" in page.inner_text("main")
    assert page.locator(".pc-activity").count() == 0
    shoot(page, "workshop-forged-token")


def test_facilitator_view_shows_both_and_exports(workshop_url: str, new_page: object) -> None:
    """The facilitator sees both names, aggregate answers, A's reflection as text; CSV export."""
    assert "b" in ROOM, "participants A and B come from the previous tests: run the whole file"
    page = new_page()  # type: ignore[operator]
    page.goto(f"{workshop_url}/workshop/facilitator")
    assert page.locator(".pc-activity").count() == 0
    tab_to(page, page.locator("#key"))
    page.keyboard.type("not-the-key")
    page.keyboard.press("Enter")
    page.get_by_text("does not open this workshop").wait_for()  # the refused login page
    tab_to(page, page.locator("#key"))
    page.keyboard.type(FACILITATOR_KEY)
    page.keyboard.press("Enter")
    page.wait_for_url("**/workshop/facilitator")
    page.get_by_role("heading", name="Who has joined (2)").wait_for()
    main = page.inner_text("main")
    assert "Ana <i>Admin</i>" in main and "Ben" in main
    assert page.locator("main i").count() == 0  # the name was escaped, not rendered
    # the room's sort and knowledge check, counted
    assert "answered by 1 of 2" in main
    details = page.locator(
        "section[aria-labelledby='a-01-dual-capacity-four-cs-reflection'] details"
    )
    tab_to(page, details.locator("summary"))
    page.keyboard.press("Enter")
    assert SPECIAL in details.inner_text()
    assert page.locator("main script").count() == 0
    shoot(page, "workshop-facilitator")

    export = page.request.get(f"{workshop_url}/workshop/facilitator/export.csv")
    assert export.ok and "text/csv" in export.headers["content-type"]
    exported = export.text()
    assert load_scenario("01-dual-capacity/four-cs-reflection").title in exported
    cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
    assert "Ana <i>Admin</i>" in cells and SPECIAL in cells  # words, not JSON (read as CSV)
    assert '"text":' not in exported
    # without the facilitator cookie: nothing
    other = new_page()  # type: ignore[operator]
    refused = other.request.get(f"{workshop_url}/workshop/facilitator/export.csv")
    assert refused.status == 403
