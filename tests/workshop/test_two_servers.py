"""One room served by two `serve --workshop` processes over one database (a hall split across
two machines): each server's facilitator view shows the participants who joined on either.

Runs on SQLite (one file, two processes) and on PostgreSQL (the district's shared server)."""

from __future__ import annotations

import asyncio
import html
import threading
from contextlib import ExitStack
from pathlib import Path

import httpx
from support.launch import workshop_server
from widget_client import join

from partnership_course.workshop.sessions import WorkshopStore

CODE = "room-two-halls"
KEY = "two-servers-one-key"
REFLECTION = "01-dual-capacity/challenge-reflection"


async def facilitator_view(base: str) -> str:
    async with httpx.AsyncClient(timeout=120) as client:
        login = await client.post(f"{base}/workshop/facilitator", data={"key": KEY})
        assert login.status_code == 303, login.text[:300]
        page = await client.get(f"{base}/workshop/facilitator")
        page.raise_for_status()
        return page.text


def test_each_facilitator_view_shows_both_servers_participants(
    tmp_path: Path, isolated_store: str
) -> None:
    with ExitStack() as stack:
        servers = [
            stack.enter_context(
                workshop_server(
                    isolated_store,
                    code=CODE,
                    key=KEY,
                    log=stack.enter_context((tmp_path / f"server-{hall}.log").open("w")),
                )
            )
            for hall in ("a", "b")
        ]

        async def scenario() -> tuple[str, list[str]]:
            async with httpx.AsyncClient(timeout=120) as client:
                ana = await join(client, servers[0].url, CODE, "Ana in hall <A>")
                ben = await join(client, servers[1].url, CODE, "Ben in hall B")
            store = WorkshopStore(url=isolated_store)
            who = store.participant(CODE, ben)
            assert who is not None
            store.responses.save(
                who.learner, "01-dual-capacity", REFLECTION, "reflection", {"text": "Ben's words"}
            )
            views = [await facilitator_view(server.url) for server in servers]
            return ana, views

        ana, views = asyncio.run(scenario())
    for view in views:
        shown = html.unescape(view)
        assert "Ana in hall <A>" in shown and "<A>" not in view  # shown, and escaped
        assert "Ben in hall B" in shown
        assert "Ben's words" in shown
    workshop = WorkshopStore(url=isolated_store)
    assert {p.display_name for p in workshop.participants(CODE)} == {
        "Ana in hall <A>",
        "Ben in hall B",
    }
    assert workshop.participant(CODE, ana) is not None


def test_servers_opening_one_room_at_once_do_not_collide(isolated_store: str) -> None:
    """Every server opens its room at start; on one database they must not trip over each other."""
    store = WorkshopStore(url=isolated_store)
    openers, rooms = 6, 30
    barrier = threading.Barrier(openers)
    failures: list[BaseException] = []

    def open_rooms() -> None:
        for room in range(rooms):
            barrier.wait()
            try:
                store.open_workshop(f"room-{room}", KEY)
            except BaseException as error:  # collected and reported below
                failures.append(error)

    threads = [threading.Thread(target=open_rooms) for _ in range(openers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert all(store.is_facilitator(f"room-{room}", KEY) for room in range(rooms))
