"""Running the room in real browsers, keyboard only, in English and Spanish: the facilitator
paces the parts and sends everyone to one, participants see it, a closed part's link says it
opens later, the projector steps with the arrow keys and updates by itself; axe finds nothing
on any of these pages. Then Voila's static files: compressed and cached by version.

The tests share one workshop server (this file's room) and run in order.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
from browsing import FACILITATOR_KEY, WORKSHOP_CODE, shoot
from browsing import axe_violations as violations  # every finding: the issue asks for none
from keyboard import assert_focus_visible, choose_select, join, tab_to

from partnership_course.content import load_scenario
from partnership_course.content.model import text_in
from partnership_course.i18n.overlay import translated_scenario
from partnership_course.workshop.outline import outline
from partnership_course.workshop.sessions import WorkshopStore

pytestmark = pytest.mark.browser

FIRST = "01-dual-capacity/01-why-partnership.ipynb"
SECOND = "01-dual-capacity/02-the-framework.ipynb"
CHOICE = "01-dual-capacity/challenge-check"
TIMEOUT = 120_000
ROOM: dict[str, Any] = {}

SMALL_TEXT = """() => {
  const small = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;  // not shown (e.g. the skip link)
    if (el.closest('.skip')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 28) small.push(`${el.tagName} ${size}px: ${node.textContent.trim().slice(0, 40)}`);
  }
  return small;
}"""


def log_in(page: Any, base: str, lang: str) -> None:
    """The facilitator logs in with the keyboard alone."""
    page.goto(f"{base}/workshop/facilitator?lang={lang}")
    tab_to(page, page.locator("#key"))
    page.keyboard.type(FACILITATOR_KEY)
    page.keyboard.press("Enter")
    page.locator("#pacing").wait_for()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_pacing_with_the_keyboard(
    workshop_url: str, workshop_store_url: str, new_page: Any, lang: str
) -> None:
    facilitator = new_page()
    log_in(facilitator, workshop_url, lang)
    assert violations(facilitator) == []
    # open only the first part: every box but the first is unticked with Space
    boxes = facilitator.locator("input[name=open]")
    for index in range(boxes.count()):
        box = boxes.nth(index)
        wanted = box.get_attribute("value") == FIRST
        if box.is_checked() != wanted:
            tab_to(facilitator, box)
            assert_focus_visible(facilitator)
            facilitator.keyboard.press("Space")
        assert box.is_checked() == wanted
    tab_to(facilitator, facilitator.locator("button[value=open]"))
    facilitator.keyboard.press("Enter")
    facilitator.wait_for_url("**/workshop/facilitator*#pacing")

    participant = new_page()
    token = join(participant, workshop_url, f"Pacer {lang}")
    participant.goto(f"{workshop_url}/?p={token}&lang={lang}")
    later = "(opens later)" if lang == "en" else "(se abre más adelante)"
    assert participant.locator(f'a[href^="/voila/render/{FIRST}"]').count() == 1
    assert participant.locator(f'a[href^="/voila/render/{SECOND}"]').count() == 0
    assert later in participant.inner_text("main")
    assert violations(participant) == []
    # the closed part's own address: a polite page, no kernel
    participant.goto(f"{workshop_url}/voila/render/{SECOND}?p={token}&lang={lang}")
    heading = "This part opens later" if lang == "en" else "Esta parte se abre más adelante"
    assert participant.locator("h1").inner_text() == heading
    assert participant.evaluate("document.documentElement.lang") == lang
    assert violations(participant) == []
    shoot(participant, f"room-closed-part-{lang}")
    back = participant.locator("main a")
    tab_to(participant, back)
    participant.keyboard.press("Enter")
    participant.wait_for_url("**/?p=*")

    # send everyone to the second part, from a drop-down, with the keyboard
    select = facilitator.locator("#send-to")
    options = [o.get_attribute("value") for o in select.locator("option").all()]
    choose_select(facilitator, select, options.index(SECOND))
    tab_to(facilitator, facilitator.locator("button[value=send]"))
    facilitator.keyboard.press("Enter")
    facilitator.wait_for_url("**/workshop/facilitator*#pacing")
    # the participant's open start page shows the link by itself (now.js), and it works
    notice = participant.locator(f'#pc-now a[href^="/voila/render/{SECOND}"]')
    notice.wait_for(timeout=20_000)
    assert violations(participant) == []
    shoot(participant, f"room-sent-{lang}")
    tab_to(participant, notice)
    participant.keyboard.press("Enter")
    participant.wait_for_url(f"**/voila/render/**{SECOND}?p=*", timeout=TIMEOUT)
    participant.locator(".pc-activity").first.wait_for(timeout=TIMEOUT)
    ROOM[f"token-{lang}"] = token
    # back to an unpaced room for the next test
    store = WorkshopStore(url=workshop_store_url)
    from partnership_course.workshop.pacing import PacingStore

    pacing = PacingStore(store.engine)
    pacing.set_open(store_code(store), {p.path for m in outline() for p in m.pages})
    pacing.send_everyone(store_code(store), None)


def store_code(store: WorkshopStore) -> str:

    assert store.workshop_exists(WORKSHOP_CODE)
    return WORKSHOP_CODE


@pytest.mark.parametrize("lang", ["en", "es"])
def test_projector_steps_with_the_keyboard_and_updates_itself(
    workshop_url: str, workshop_store_url: str, new_page: Any, lang: str
) -> None:
    store = WorkshopStore(url=workshop_store_url)
    code = store_code(store)
    choice = load_scenario(CHOICE)
    _token, person = store.join(code, f"Never Shown {lang}")
    store.responses.save(
        person.learner, "01-dual-capacity", CHOICE, "choice", {"choice": choice.options[0].id}
    )
    facilitator = new_page()
    log_in(facilitator, workshop_url, lang)
    link = facilitator.locator('a[href^="/workshop/present"]')
    tab_to(facilitator, link)
    facilitator.keyboard.press("Enter")
    facilitator.wait_for_url("**/workshop/present*")
    steps = [a for m in outline() for p in m.pages for a in p.activities]
    assert "step=2" in (facilitator.locator("#pc-next").get_attribute("href") or "")
    facilitator.keyboard.press("ArrowRight")
    facilitator.wait_for_url(re.compile(r"step=2(&|$)"))
    facilitator.keyboard.press("ArrowLeft")
    facilitator.wait_for_url(re.compile(r"step=1(&|$)"))
    for number in range(2, steps.index(CHOICE) + 2):
        facilitator.keyboard.press("PageDown")
        facilitator.wait_for_url(re.compile(rf"step={number}(&|$)"))
    main = facilitator.locator("main")
    assert text_in(translated_scenario(CHOICE, lang).title, lang) in main.inner_text()
    assert "Never Shown" not in facilitator.content()
    assert facilitator.evaluate(SMALL_TEXT) == []  # readable from the back of the room
    assert violations(facilitator) == []
    before = facilitator.locator(".pc-count").inner_text()
    shoot(facilitator, f"room-projector-{lang}", full_page=False)
    # another answer arrives: the page shows it without a reload
    _token, other = store.join(code, f"Also Never Shown {lang}")
    store.responses.save(
        other.learner, "01-dual-capacity", CHOICE, "choice", {"choice": choice.options[1].id}
    )
    facilitator.wait_for_function(
        "before => document.querySelector('.pc-count').innerText !== before",
        arg=before,
        timeout=20_000,
    )
    figures = facilitator.locator("table").first.inner_text()
    assert re.search(r"\b\d+ \(\d+ ?%\)", figures), figures  # counts as text beside the chart
    assert "Also Never Shown" not in facilitator.content()
    shoot(facilitator, f"room-projector-updated-{lang}")


def test_static_files_are_compressed_and_cached_by_version(workshop_url: str) -> None:
    token = ROOM.get("token-en")
    with httpx.Client(base_url=workshop_url, timeout=180) as client:
        if token is None:
            joined = client.post("/workshop/join", data={"code": WORKSHOP_CODE, "name": "Bytes"})
            token = re.search(r"p=([\w-]+)", joined.headers["location"]).group(1)
        page = client.get(f"/voila/render/{FIRST}", params={"p": token})
        assert page.status_code == 200
        config = json.loads(
            re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page.text, re.S).group(1)
        )
        static = config["fullStaticUrl"]
        assert re.fullmatch(r"/voila/static/v-[0-9a-f]{16}", static), static
        if config.get("pcPageFrontend") == "lean":  # the course's module, not Voila's bundle
            assert "/static/pagefront.js?v=" in page.text and "voila.js" not in page.text
        else:
            assert f'src="{static}/voila.js"' in page.text
        bundle = client.get(f"{static}/voila.js", headers={"Accept-Encoding": "gzip"})
        assert bundle.status_code == 200
        assert bundle.headers["content-encoding"] == "gzip"
        assert "immutable" in bundle.headers["cache-control"]
        assert "max-age=31536000" in bundle.headers["cache-control"]
        assert len(bundle.content) > int(bundle.headers.get("content-length", "0") or 0)
        # the unversioned address still works but is revalidated, never cached for long
        plain = client.get("/voila/static/voila.js")
        assert plain.status_code == 200 and "immutable" not in plain.headers.get(
            "cache-control", ""
        )
        # an extension file named by its content hash: immutable; its package.json: not
        extension = config["federated_extensions"][0]
        hashed = f"/voila/labextensions/{extension['name']}/{extension['load']}"
        entry = client.get(hashed, headers={"Accept-Encoding": "gzip"})
        assert entry.status_code == 200 and "immutable" in entry.headers["cache-control"]
        assert entry.headers.get("content-encoding") == "gzip"
        package = client.get(f"/voila/labextensions/{extension['name']}/package.json")
        assert "immutable" not in package.headers.get("cache-control", "")
        kernel = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page.text)
        if kernel:
            client.delete(f"/api/kernels/{kernel.group(1)}")
