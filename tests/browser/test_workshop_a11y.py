"""axe-core on every page a workshop shows: no violation of any impact.

Pages: join, start page, every module page (with its activities rendered), the refused-link
page, the facilitator login and the facilitator view with answers in it.
"""

from __future__ import annotations

import pytest
from browsing import FACILITATOR_KEY, WORKSHOP_CODE, axe_violations, shoot

from partnership_course.workshop.outline import outline

pytestmark = pytest.mark.browser

PAGES = [page for module in outline() for page in module.pages]
_room: dict[str, str] = {}


def joined(base: str, page: object) -> str:
    """Join once (through the real form) and remember the participant link."""
    if "token" not in _room:
        page.goto(base + "/workshop/join")  # type: ignore[attr-defined]
        page.fill("#code", WORKSHOP_CODE)  # type: ignore[attr-defined]
        page.fill("#name", "Axe Auditor")  # type: ignore[attr-defined]
        page.click("button[type=submit]")  # type: ignore[attr-defined]
        page.wait_for_url("**/?p=*")  # type: ignore[attr-defined]
        _room["token"] = page.url.split("p=", 1)[1]  # type: ignore[attr-defined]
    return _room["token"]


def test_workshop_pages_are_accessible(workshop_url: str, new_page: object) -> None:
    page = new_page()  # type: ignore[operator]
    page.goto(workshop_url + "/workshop/join")
    problems = {"join": axe_violations(page)}
    token = joined(workshop_url, page)
    page.goto(f"{workshop_url}/?p={token}")
    problems["start"] = axe_violations(page)
    page.goto(f"{workshop_url}/voila/render/{PAGES[0].path}?p=not-a-real-token-at-all-xyz")
    problems["refused"] = axe_violations(page)
    facilitator = new_page()  # type: ignore[operator]
    facilitator.goto(workshop_url + "/workshop/facilitator")
    problems["facilitator login"] = axe_violations(facilitator)
    facilitator.fill("#key", FACILITATOR_KEY)
    facilitator.click("button[type=submit]")
    facilitator.get_by_role("heading", name="Who has joined").wait_for()
    problems["facilitator view"] = axe_violations(facilitator)
    shoot(facilitator, "a11y-facilitator-view")
    assert {name: found for name, found in problems.items() if found} == {}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("notebook", PAGES, ids=lambda p: p.path.replace("/", "__"))
def test_module_page_is_accessible(
    workshop_url: str, new_page: object, notebook: object, lang: str
) -> None:
    """No axe finding of any impact, in English and in Spanish, with `lang` declared."""
    page = new_page()  # type: ignore[operator]
    token = joined(workshop_url, page)
    url = f"{workshop_url}/voila/render/{notebook.path}?p={token}&lang={lang}"  # type: ignore[attr-defined]
    page.goto(url, timeout=120_000)
    count = len(notebook.activities)  # type: ignore[attr-defined]
    if count:
        page.locator(".pc-activity").nth(count - 1).wait_for(state="visible", timeout=120_000)
    page.wait_for_timeout(500)
    assert page.evaluate("document.documentElement.lang") == lang
    found = axe_violations(page)
    if found:
        shoot(page, f"a11y-{lang}-{notebook.path.replace('/', '__')}")  # type: ignore[attr-defined]
    assert found == []
