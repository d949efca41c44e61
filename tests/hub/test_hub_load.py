"""Thirty staff spawn their servers and answer at once, through the hub.

Each simulated person has a hub account and a token; their server is started through the hub's
REST API, and they open module 01's first page in the web-app view and answer over the kernel
websocket, through configurable-http-proxy, exactly as the page's JavaScript would
(`tests/workshop/widget_client.py`). Then every answer must be in the one store, under its own
hub name, and nobody's answer under anybody else's.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import httpx
import pytest
from hubclient import open_hub_page, spawn
from hubtools import District, open_district, page_activities

from partnership_course.content import load_scenario
from partnership_course.store import open_store

pytestmark = pytest.mark.kernel

PEOPLE = int(os.environ.get("PC_HUB_LOAD_USERS", "30"))
MODULE = "01-dual-capacity"
PAGE = f"{MODULE}/01-why-partnership.ipynb"
ON_PAGE = page_activities(PAGE)  # activity ids in page order
CHOICES = ["cannot-attend-check", "interpreter-check", "challenge-check"]


def name_of(person: int) -> str:
    return f"staff{person:02d}"


def marker(person: int) -> str:
    return f"{name_of(person)} wrote this <i>&</i> nobody else"


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory, postgres: object) -> Iterator[District]:
    """A hub whose one store is a PostgreSQL database, as in a district."""
    tmp = tmp_path_factory.mktemp("load")
    store = postgres.new_database("hub_load_store")  # type: ignore[attr-defined]
    found = open_district(tmp, store, "", [], [])
    try:
        yield found
    finally:
        found.hub.stop_everything()


async def person(hub_url: str, number: int, token: str) -> dict[str, int]:
    """Spawn through the hub, open the page, answer every activity; returns the picks."""
    name = name_of(number)
    headers = {"Authorization": f"token {token}"}
    async with httpx.AsyncClient(headers=headers, timeout=600) as client:
        await spawn(client, hub_url, name)
        server = f"{hub_url}/user/{name}"
        page = await open_hub_page(client, server, PAGE, token)
        picks: dict[str, int] = {}
        try:
            found = page.activities()
            assert len(found) == len(ON_PAGE)
            for activity_id in [*CHOICES, "challenge-reflection"]:
                activity = found[ON_PAGE.index(activity_id)]
                picked = await page.answer(activity, number + len(picks), marker(number))
                if picked:
                    picks[activity_id] = picked[0]
            await page.settle()
        finally:
            await page.close(client)
        return picks


def test_thirty_people_spawn_and_answer_at_once_through_the_hub(district: District) -> None:
    names = [name_of(n) for n in range(PEOPLE)]
    created = district.admin_api.post("/users", json={"usernames": names})
    assert created.status_code == 201, created.text
    tokens = {}
    for name in names:
        reply = district.admin_api.post(f"/users/{name}/tokens", json={"note": "load test"})
        assert reply.status_code == 201, reply.text
        tokens[name] = reply.json()["token"]

    async def everyone() -> list[dict[str, int]]:
        return await asyncio.gather(
            *(person(district.hub.url, n, tokens[name_of(n)]) for n in range(PEOPLE))
        )

    picks = asyncio.run(everyone())
    store = open_store(district.hub.store)
    options = {a: [o.id for o in load_scenario(f"{MODULE}/{a}").options] for a in CHOICES}
    for number, chosen in enumerate(picks):
        name = name_of(number)
        mine = {
            r.activity.removeprefix(f"{MODULE}/"): r.value
            for r in store.query(learner=name, module=MODULE)
        }
        assert mine["challenge-reflection"]["text"] == marker(number)
        for activity, index in chosen.items():
            assert mine[activity]["choice"] == options[activity][index], (name, activity)
    everybody = store.query(module=MODULE)
    assert {r.learner for r in everybody} == set(names)
    for row in everybody:
        if row.activity == f"{MODULE}/challenge-reflection":
            assert row.value["text"] == marker(names.index(row.learner))
