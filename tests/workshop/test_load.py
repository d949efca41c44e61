"""Thirty participants at once, each answering every activity of three pages through real widget
traffic (30 activities: module 01's first page opens with the ten-item knowledge pre-test).

Every simulated participant joins over HTTP, opens three module pages (Voila runs each in its own
kernel), and answers through the kernel websocket exactly as the page's JavaScript would. Then
the store must hold every answer, each under the right participant and nobody else.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import httpx
import pytest
from support.launch import workshop_server
from widget_client import SELECTIONS, join, open_page

from partnership_course.content import load_scenario
from partnership_course.workshop.outline import outline
from partnership_course.workshop.sessions import WorkshopStore

pytestmark = pytest.mark.kernel

PARTICIPANTS = int(os.environ.get("PC_LOAD_PARTICIPANTS", "30"))
PAGES = [
    "01-dual-capacity/01-why-partnership.ipynb",
    "01-dual-capacity/02-the-framework.ipynb",
    "02-principles/01-communication-and-empathy.ipynb",
]


def activity_count(pages: list[str]) -> int:
    """How many activities the pages hold, from the course outline (not from the pages served)."""
    return sum(len(p.activities) for m in outline() for p in m.pages if p.path in pages)


def marker(person: int, activity: int, control: int) -> str:
    return f"participant {person} activity {activity} box {control} <b>&amp;</b>"


async def participant(
    base: str, code: str, person: int, log: dict, pages: list[str] | None = None
) -> None:
    async with httpx.AsyncClient(timeout=900) as client:
        token = await join(client, base, code, f"Load tester {person}")
        log[person] = {"token": token, "answers": {}, "waited": 0}
        order = pages or PAGES[person % 3 :] + PAGES[: person % 3]  # spread over the pages
        for path in order:
            page = await open_page(client, base, path, token, timeout=900)
            log[person]["waited"] += page.waited
            try:
                activities = page.activities()
                ids = next(p.activities for m in outline() for p in m.pages if p.path == path)
                assert len(activities) == len(ids), (path, [a.kind for a in activities])
                for number, (activity_id, activity) in enumerate(zip(ids, activities, strict=True)):
                    picks: list[int] = []
                    if activity.model_id:  # one anywidget model: the events its page sends
                        text = marker(person, number, 0)
                        picks = await page.answer(activity, person, text)
                    for control, (model_id, model, state) in enumerate(activity.controls):
                        if model in SELECTIONS:
                            labels = state.get("_options_labels", [])
                            index = (person + control) % len(labels)
                            if labels and labels[index].lower().startswith("choose a"):
                                index = (index + 1) % len(labels)  # the empty first choice
                            picks.append(index)
                            await page.update(model_id, {"index": index})
                        elif model == "TextareaModel":
                            await page.update(model_id, {"value": marker(person, number, control)})
                        elif model == "ButtonModel" and activity.kind == "sort":
                            await page.click(model_id)
                    log[person]["answers"][activity_id] = (activity.kind, picks)
                await page.settle(timeout=900)
            finally:
                await page.close(client)


def test_thirty_participants_answer_three_pages(tmp_path: Path, isolated_store: str) -> None:
    """Do 30 participants x every activity of three pages all land in the store, unmixed?"""
    per_person = activity_count(PAGES)
    assert per_person >= 20  # the three pages are the load the room test was sized for
    store = isolated_store
    log: dict[int, dict] = {}
    with (
        (tmp_path / "server.log").open("w") as server_log,
        workshop_server(store, code="room-load", log=server_log) as server,
    ):
        started = time.monotonic()

        async def everyone() -> None:
            await asyncio.gather(
                *(participant(server.url, "room-load", n, log) for n in range(PARTICIPANTS))
            )

        asyncio.run(everyone())
        elapsed = time.monotonic() - started
    print(f"\n{PARTICIPANTS} participants x {per_person} activities in {elapsed:.0f} s")

    workshop = WorkshopStore(url=store)
    everybody = workshop.participants("room-load")
    assert len(everybody) == PARTICIPANTS
    for person, entry in log.items():
        me = workshop.participant("room-load", entry["token"])
        assert me is not None and me.display_name == f"Load tester {person}"
        mine = {a.activity: a for a in workshop.answers_of(me.learner)}
        assert len(entry["answers"]) == per_person
        assert set(mine) == set(entry["answers"]), f"participant {person} is missing answers"
        for number_and_id, (kind, picks) in entry["answers"].items():
            stored = mine[number_and_id].value
            scenario = load_scenario(number_and_id)
            if kind == "choice":
                assert stored["choice"] == scenario.options[picks[0]].id
            texts = _texts(stored)
            for text in texts:
                assert text.startswith(f"participant {person} activity "), (person, text)
    # and nobody outside the room, nothing twice
    total = len(workshop.workshop_answers("room-load"))
    assert total == PARTICIPANTS * per_person


def _texts(value: object) -> list[str]:
    """Every free-text answer inside a stored value."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "text" and isinstance(inner, str) and inner:
                found.append(inner)
            else:
                found.extend(_texts(inner))
    elif isinstance(value, list):
        for inner in value:
            found.extend(_texts(inner))
    return found


ARRIVALS = int(os.environ.get("PC_ARRIVALS", "60"))


def test_sixty_arrive_at_once_and_everyone_gets_their_page(
    tmp_path: Path, isolated_store: str
) -> None:
    """60 people open the first page at the same moment on a 2-core machine: more than it can
    start at once, so some wait their turn on the waiting page; every one of them gets the page
    (no dropped connection) and every answer is stored under its own person."""
    store = isolated_store  # SQLite, then PostgreSQL (tests/workshop/conftest.py)
    first = PAGES[0]
    ids = next(p.activities for m in outline() for p in m.pages if p.path == first)
    log: dict[int, dict] = {}
    with (
        (tmp_path / "server.log").open("w") as server_log,
        workshop_server(store, code="room-door", pool_size=1, log=server_log) as server,
    ):

        async def everyone() -> None:
            await asyncio.gather(
                *(participant(server.url, "room-door", n, log, [first]) for n in range(ARRIVALS))
            )

        asyncio.run(everyone())
    waited = sum(1 for entry in log.values() if entry["waited"])
    print(f"\n{ARRIVALS} arrivals at once: {waited} waited their turn")
    workshop = WorkshopStore(url=store)
    assert len(workshop.participants("room-door")) == ARRIVALS
    for person, entry in log.items():
        me = workshop.participant("room-door", entry["token"])
        assert me is not None
        mine = {a.activity: a for a in workshop.answers_of(me.learner)}
        assert set(mine) == set(ids), f"participant {person} is missing answers"
        for text in (t for a in mine.values() for t in _texts(a.value)):
            assert text.startswith(f"participant {person} activity "), (person, text)
    assert len(workshop.workshop_answers("room-door")) == ARRIVALS * len(ids)
