"""One real wait at the door: the server prepares one page at a time (`--max-starting 1`, no
preheated kernels), so a second person arriving while the first's page is prepared waits on
the waiting page, is told when to ask again (soon: first in line), asks then, and gets their
page. The server's kernels talk over Unix sockets (no port to lose, `serve.kernel_transport`)."""

from __future__ import annotations

import asyncio
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest
from support.launch import Server, workshop_server
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


def test_the_second_arrival_waits_as_told_and_gets_their_page(door_server: Door) -> None:
    url = door_server.server.url

    async def room() -> tuple[list[float], list[httpx.Response], int]:
        async with httpx.AsyncClient(timeout=300) as client:
            first_token = await join(client, url, CODE, "First at the door")
            second_token = await join(client, url, CODE, "Second at the door")
            started = door_server.log.read_text().count("Kernel started:")
            first = asyncio.ensure_future(open_page(client, url, FIRST, first_token))
            # the first page holds the door's one place while its kernel runs the page
            while door_server.log.read_text().count("Kernel started:") == started:
                assert not first.done(), "the first page came without a kernel starting"
                await asyncio.sleep(0.05)
            waits: list[float] = []
            waiting: list[httpx.Response] = []
            second = await open_page(client, url, FIRST, second_token, waits=waits, waiting=waiting)
            pages = [await first, second]
            try:
                assert all(page.activities() for page in pages)
                return waits, waiting, len({page.kernel_id for page in pages})
            finally:
                for page in pages:
                    await page.close(client)

    waits, waiting, kernels = asyncio.run(room())
    assert kernels == 2
    assert waiting, "the second arrival never waited while the first page was prepared"
    for reply, wait in zip(waiting, waits, strict=True):
        assert reply.status_code == 503
        assert reply.headers["Retry-After"] == str(max(1, math.ceil(wait)))
        place = int(PLACE.search(reply.text).group(1))  # type: ignore[union-attr]
        assert place == 1  # nobody else is in the line
        # the first in line is told to come back soon (the schedule's soonest, jittered)
        assert door.SOONEST * (1 - door.JITTER) <= wait <= door.SOONEST * (1 + door.JITTER)


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
