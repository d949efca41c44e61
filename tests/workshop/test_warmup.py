"""`serve --workshop ... --expect N`: the room's first page is warm for N people before any
other page's kernels start, and the facilitator page says "Ready" when it is.

One real server for the module (N = 2, a small room): warming every page's kernels would take
minutes on a shared machine, so the tests stop the server soon after it is ready.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from support.launch import Server, wait_until, workshop_server
from widget_client import join, open_page

from partnership_course.workshop.outline import outline

pytestmark = pytest.mark.kernel

CODE = "room-warm"
KEY = "warm-up-facilitator-key"
EXPECT = 2
FIRST = outline()[0].pages[0].path
FIRST_PAGES = {FIRST, f"es/{FIRST}"}  # the first page and its Spanish copy warm first
STATUS = re.compile(r'<p id="warm-up"[^>]*role="status">(.*?)</p>', re.S)


@dataclass
class WarmRoom:
    server: Server
    log: Path
    store: str
    statuses: list[str]  # the facilitator page's status line, from start until "Ready"


def status_line(client: httpx.Client, url: str) -> str:
    reply = client.get(f"{url}/workshop/facilitator/live")
    assert reply.status_code == 200, reply.text[:300]
    found = STATUS.search(reply.text)
    assert found, "the facilitator page shows no warm-up status"
    return " ".join(found.group(1).split())


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarmRoom]:
    folder = tmp_path_factory.mktemp("warm")
    store = f"sqlite:///{folder / 'responses.db'}"
    log_path = folder / "server.log"
    with (
        log_path.open("w") as log,
        workshop_server(
            # one page prepared at a time: after Ready the other pages' warm-up holds that
            # place almost always, and a warm page must not wait for it
            store,
            CODE,
            KEY,
            pool_size=1,
            log=log,
            extra=[f"--expect={EXPECT}", "--max-starting=1"],
        ) as server,
        httpx.Client(timeout=60) as client,
    ):
        assert client.post(f"{server.url}/workshop/facilitator", data={"key": KEY}).status_code in (
            200,
            303,
        )
        statuses: list[str] = []

        def ready() -> bool:
            statuses.append(status_line(client, server.url))
            return statuses[-1].startswith(("Ready", "Not fully ready"))

        wait_until(ready, timeout=900, what="the facilitator page to say Ready", interval=1)
        yield WarmRoom(server, log_path, store, statuses)


@pytest.fixture
def backend_store(room: WarmRoom) -> str:
    """The module's one server has its own SQLite store; the warm-up does not depend on the
    store's backend (the other workshop tests run on both)."""
    return room.store


def before_ready(room: WarmRoom) -> str:
    text = room.log.read_text(errors="replace")
    assert "Ready:" in text, text[-2000:]
    return text[: text.index("Ready:")]


def test_the_first_page_warms_first_and_the_facilitator_page_says_ready(room: WarmRoom) -> None:
    log = room.log.read_text(errors="replace")
    ready = re.search(r"^Ready: (\d+) of (\d+) kernels warm for (\S+) ", log, re.M)
    assert ready, log[-2000:]
    assert ready.groups() == (str(EXPECT), str(EXPECT), FIRST)
    # the facilitator saw the room getting ready, the count never going back, then Ready
    *getting, last = room.statuses
    assert getting and all(s.startswith("Getting ready:") for s in getting)
    counts = [int(re.findall(r"prepared for (\d+) of", s)[0]) for s in getting]
    assert counts == sorted(counts) and counts[-1] <= EXPECT
    title = outline()[0].pages[0].title
    assert last == (
        f"Ready: the first page ({title}) is prepared for {EXPECT} people. Let people in."
    )
    # before Ready only the first page's kernels started: its pool of N and its Spanish copy's 1
    early = before_ready(room)
    filled = re.findall(r"Kernel pool of (\S+) is filled", early)
    assert set(filled) == FIRST_PAGES
    assert early.count("Kernel started:") == EXPECT + 1


def test_the_first_participant_gets_a_kernel_warmed_before_ready(room: WarmRoom) -> None:
    warmed = set(re.findall(r"Kernel started: (\S+)", before_ready(room)))

    async def arrive() -> str:
        async with httpx.AsyncClient(timeout=300) as client:
            token = await join(client, room.server.url, CODE, "First at the door")
            page = await open_page(client, room.server.url, FIRST, token)
            try:
                assert page.activities()
                assert page.waited == 0, "a warm page waited at the door"
                return page.kernel_id
            finally:
                await page.close(client)

    kernel = asyncio.run(arrive())
    assert kernel in warmed
    wait_until(
        lambda: f"Using pre-heated kernel: {kernel} for {FIRST}" in room.log.read_text(),
        timeout=30,
        what="the server's log of the pre-heated kernel",
    )
    # the facilitator page stays Ready as people take the warm kernels
    with httpx.Client(timeout=60) as client:
        client.post(f"{room.server.url}/workshop/facilitator", data={"key": KEY})
        assert status_line(client, room.server.url).startswith("Ready:")


def test_a_returning_participant_sees_their_answer_on_a_preheated_page(room: WarmRoom) -> None:
    """In chromium: the page a pool kernel ran before its participant arrived shows, once they
    arrive, the answer they saved earlier (restored by the page's last cell, `course.ready()`)."""
    from support.launch import chromium
    from widget_client import KERNEL_ID

    words = "Said before the break <b>not bold</b>"

    async def first_visit() -> str:
        # in Spanish (the same answers): its warm kernel, so the English page keeps its last one
        async with httpx.AsyncClient(timeout=300) as client:
            token = await join(client, room.server.url, CODE, "Back after the break")
            page = await open_page(client, room.server.url, f"es/{FIRST}", token)
            try:
                reflection = next(a for a in page.activities() if a.kind == "reflection")
                await page.answer(reflection, 0, words)
                await page.settle()
            finally:
                await page.close(client)
            return token

    token = asyncio.run(first_visit())
    with chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(
            f"{room.server.url}/voila/render/{FIRST}?p={token}",
            wait_until="commit",
            timeout=300_000,
        )
        box = page.locator(".pc-reflection textarea").first
        box.wait_for(timeout=300_000)
        page.wait_for_function(
            "(words) => [...document.querySelectorAll('.pc-reflection textarea')]"
            ".some((box) => box.value === words)",
            arg=words,
            timeout=60_000,
        )
        kernel = KERNEL_ID.search(page.content())
        assert kernel, "no kernel id in the page"
    assert f"Using pre-heated kernel: {kernel.group(1)} for {FIRST}" in room.log.read_text()
