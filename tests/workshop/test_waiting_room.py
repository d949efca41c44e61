"""One real wait at the door: the server prepares one page at a time (`--max-starting 1`, no
preheated kernels), so a second person arriving while the first's page is prepared waits on
the waiting page, is told when to ask again (soon: first in line), asks then, and gets their
page. In chromium, in English and Spanish, the waiting page has no axe finding and its script
asks again by itself at the address that keeps the place in the line. The server's kernels
talk over Unix sockets (no port to lose, `serve.kernel_transport`)."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import math
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import psutil
import pytest
from support.launch import Server, chromium, wait_until, workshop_server
from widget_client import join, open_page

from partnership_course.workshop import admission as door
from partnership_course.workshop.outline import outline

pytestmark = pytest.mark.kernel

CODE = "room-door"
FIRST = outline()[0].pages[0].path
PLACE = re.compile(r"Your place in the line: (\d+)")


@dataclass
class Door:
    server: Server
    log: Path
    store: str


@pytest.fixture(scope="module")
def door_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Door]:
    folder = tmp_path_factory.mktemp("door")
    store = f"sqlite:///{folder / 'responses.db'}"
    log_path = folder / "server.log"
    with (
        log_path.open("w") as log,
        workshop_server(store, CODE, pool_size=0, log=log, extra=["--max-starting=1"]) as server,
    ):
        yield Door(server, log_path, store)


@pytest.fixture
def backend_store(door_server: Door) -> str:
    """The module's one server has its own SQLite store (the door does not depend on it)."""
    return door_server.store


def test_a_later_arrival_waits_as_told_and_gets_their_page(door_server: Door) -> None:
    """Two people are ahead (one page prepared, one waiting): the third waits, is told when
    to ask again by place (soonest once first in line), asks then, and gets the page."""
    url = door_server.server.url
    started = door_server.log.read_text().count("Kernel started:")
    thread, ahead = hold_the_door(url, 2)
    thread.start()
    try:
        wait_until(
            lambda: door_server.log.read_text().count("Kernel started:") > started,
            timeout=120,
            what="the first page ahead to start its kernel",
            interval=0.05,
        )

        async def third() -> tuple[list[float], list[httpx.Response], str]:
            async with httpx.AsyncClient(timeout=300) as client:
                token = await join(client, url, CODE, "Third at the door")
                waits: list[float] = []
                waiting: list[httpx.Response] = []
                page = await open_page(client, url, FIRST, token, waits=waits, waiting=waiting)
                try:
                    assert page.activities()
                    return waits, waiting, page.kernel_id
                finally:
                    await page.close(client)

        waits, waiting, kernel = asyncio.run(third())
    finally:
        thread.join(timeout=600)
    assert len(ahead) == 2 and all(isinstance(k, str) for k in ahead), ahead
    assert len({kernel, *ahead}) == 3
    assert waiting, "the third arrival never waited while the pages ahead were prepared"
    places = []
    for reply, wait in zip(waiting, waits, strict=True):
        assert reply.status_code == 503
        assert reply.headers["Retry-After"] == str(max(1, math.ceil(wait)))
        places.append(int(PLACE.search(reply.text).group(1)))  # type: ignore[union-attr]
        low, high = door.SOONEST * (1 - door.JITTER), door.LATEST * (1 + door.JITTER)
        assert low <= wait <= high
        if places[-1] == 1:  # the first in line is told to come back soon
            assert wait <= door.SOONEST * (1 + door.JITTER)
    assert places == sorted(places, reverse=True), places  # never further back


def test_the_server_talks_to_its_kernels_over_unix_sockets(door_server: Door) -> None:
    async def one_page() -> None:
        async with httpx.AsyncClient(timeout=300) as client:
            token = await join(client, door_server.server.url, CODE, "Socket checker")
            page = await open_page(client, door_server.server.url, FIRST, token)
            try:
                files = [
                    Path(part)
                    for child in psutil.Process(door_server.server.process.pid).children(True)
                    for part in child.cmdline()
                    if part.endswith(f"kernel-{page.kernel_id}.json")
                ]
                assert files, "no kernel process for the page"
                info = json.loads(files[0].read_text())
                assert info["transport"] == "ipc"
                assert Path(f"{info['ip']}-{info['shell_port']}").exists()  # the socket file
            finally:
                await page.close(client)

    asyncio.run(one_page())


def browsing() -> ModuleType:
    """tests/browser/browsing.py (the suite's one axe call), imported once under its name."""
    if "browsing" not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "browser" / "browsing.py"
        spec = importlib.util.spec_from_file_location("browsing", path)
        assert spec and spec.loader
        sys.modules["browsing"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["browsing"])
    return sys.modules["browsing"]


def hold_the_door(url: str, people: int) -> tuple[threading.Thread, list[Any]]:
    """`people` open the first page at once (in a thread): one is prepared, the rest wait."""
    done: list[Any] = []

    async def arrive(number: int) -> None:
        async with httpx.AsyncClient(timeout=300) as client:
            token = await join(client, url, CODE, f"Ahead in line {number}")
            page = await open_page(client, url, FIRST, token)
            await page.close(client)
            done.append(page.kernel_id)

    async def everyone() -> None:
        results = await asyncio.gather(*(arrive(n) for n in range(people)), return_exceptions=True)
        done.extend(r for r in results if isinstance(r, BaseException))

    thread = threading.Thread(target=lambda: asyncio.run(everyone()), daemon=True)
    return thread, done


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_waiting_page_in_chromium_asks_again_by_itself(door_server: Door, lang: str) -> None:
    """The waiting page as a browser gets it: in the page's language, no axe finding, and its
    script goes to the "try again" address (the same place in the line) by itself."""
    url = door_server.server.url
    with httpx.Client(timeout=60) as client:
        reply = client.post(f"{url}/workshop/join", data={"code": CODE, "name": f"Browser {lang}"})
        token = reply.headers["location"].split("p=", 1)[1]
    started = door_server.log.read_text().count("Kernel started:")
    thread, done = hold_the_door(url, 2)
    thread.start()
    try:
        wait_until(
            lambda: door_server.log.read_text().count("Kernel started:") > started,
            timeout=120,
            what="the page ahead to start its kernel",
            interval=0.05,
        )
        with chromium() as browser:
            page = browser.new_page()  # type: ignore[attr-defined]
            retried: list[str] = []

            def hold(route: Any) -> None:  # keep the waiting page to look at it
                retried.append(route.request.url)
                route.abort("aborted")  # as if the person had stopped it: the page stays

            page.route("**/*wait=*", hold)
            reply = page.goto(f"{url}/voila/render/{FIRST}?p={token}&lang={lang}")
            assert reply is not None and reply.status == 503
            retry = page.locator("#pc-retry")
            wait_ms = int(retry.get_attribute("data-retry-ms") or 0)
            assert 0 < wait_ms <= door.LATEST * (1 + door.JITTER) * 1000
            href = page.evaluate("document.getElementById('pc-retry').href")
            for _ in range(300):  # Playwright calls the route only while it runs: its own wait
                if retried:
                    break
                page.wait_for_timeout(200)
            assert retried == [href]  # by itself, once, keeping its ticket
            # the asking again was stopped, so the waiting page is still there to look at
            assert page.evaluate("document.documentElement.lang") == lang
            assert browsing().axe_violations(page) == []
            browsing().shoot(page, f"waiting-page-{lang}", full_page=False)
    finally:
        thread.join(timeout=600)
    assert len(done) == 2 and not [d for d in done if isinstance(d, BaseException)], done
