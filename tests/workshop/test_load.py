"""A room of sixty arriving at once, each answering every activity of three pages through real
widget traffic (30 activities a person: module 01's first page opens with the ten-item
knowledge pre-test).

Every simulated participant joins over HTTP, opens the room's first page at the same moment as
everyone else, then the next two (Voila runs each page in its own kernel), and answers through
the kernel websocket exactly as the page's JavaScript would, then leaves the page (its kernel is
shut down, as the page's script does on close). Sixty pages asked for at once are more than the
door prepares at once (four places here), so most of the room waits its turn on the waiting
page: nobody's connection may be dropped. Then the store must hold every answer, each under the
right participant and nobody else. The server runs as a workshop does by default: one warm
kernel per page, refilled behind the door.
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

PARTICIPANTS = int(os.environ.get("PC_LOAD_PARTICIPANTS", "60"))
DOOR = 4  # pages prepared at once (`--max-starting`): two per core on the 2-core machine
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
        log[person] = {"token": token, "answers": {}, "waited": 0, "closed": []}
        for path in pages or PAGES:  # the room's order: everyone starts on the first page
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
                log[person]["closed"].append(await page.close(client))


def test_sixty_arrive_at_once_and_answer_three_pages(tmp_path: Path, isolated_store: str) -> None:
    """Do 60 participants arriving at once all get their three pages, with every activity's
    answer in the store under its own person, none mixed, nothing twice?"""
    per_person = activity_count(PAGES)
    assert per_person >= 20  # the three pages are the load the room test was sized for
    assert PARTICIPANTS > DOOR  # more than the door takes at once: some must wait their turn
    store = isolated_store  # SQLite, then PostgreSQL (tests/workshop/conftest.py)
    log: dict[int, dict] = {}
    with (
        (tmp_path / "server.log").open("w") as server_log,
        workshop_server(
            store, code="room-load", pool_size=1, log=server_log, extra=[f"--max-starting={DOOR}"]
        ) as server,
    ):
        started = time.monotonic()

        async def everyone() -> None:
            await asyncio.gather(
                *(participant(server.url, "room-load", n, log) for n in range(PARTICIPANTS))
            )

        asyncio.run(everyone())
        elapsed = time.monotonic() - started
    waited = sum(1 for entry in log.values() if entry["waited"])
    print(
        f"\n{PARTICIPANTS} participants x {per_person} activities in {elapsed:.0f} s; "
        f"{waited} waited their turn at the door"
    )
    assert waited, "sixty at once and a door of four: somebody must have waited"
    for person, entry in log.items():  # every page left as a browser leaves it: kernel gone
        assert entry["closed"] == [204] * len(PAGES), (person, entry["closed"])

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
