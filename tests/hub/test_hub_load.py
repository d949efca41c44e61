"""Thirty staff spawn their servers and answer at once, through the hub.

Each simulated person has a hub account and a token; their server is started through the hub's
REST API, and they open module 01's first page in the web-app view and answer over the kernel
websocket, through configurable-http-proxy, exactly as the page's JavaScript would
(`tests/workshop/widget_client.py`). Then every answer must be in the one store, under its own
hub name, and nobody's answer under anybody else's.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import uuid
from collections.abc import Iterator

import httpx
import pytest
import websockets
from hubtools import District, open_district
from widget_client import KERNEL_ID, SELECTIONS, PageSession

from partnership_course.content import load_scenario
from partnership_course.store import open_store

pytestmark = pytest.mark.kernel

PEOPLE = int(os.environ.get("PC_HUB_LOAD_USERS", "30"))
MODULE = "01-dual-capacity"
PAGE = f"{MODULE}/01-why-partnership.ipynb"
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


async def open_hub_page(client: httpx.AsyncClient, server: str, token: str) -> PageSession:
    """Render the page in the person's server (a kernel runs it), connect, read every widget."""
    reply = await client.get(f"{server}/voila/render/{PAGE}")
    reply.raise_for_status()
    kernel_id = KERNEL_ID.search(reply.text).group(1)  # type: ignore[union-attr]
    session = uuid.uuid4().hex
    ws = await websockets.connect(
        re.sub("^http", "ws", server) + f"/api/kernels/{kernel_id}/channels?session_id={session}",
        additional_headers={"Authorization": f"token {token}"},
        max_size=None,
        open_timeout=120,
    )
    page = PageSession(server, kernel_id, ws, session, {})
    control = uuid.uuid4().hex
    await page.send(
        "comm_open",
        {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
        {"version": "1.0.0"},
    )
    await page.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
    async with asyncio.timeout(300):
        while True:
            message = json.loads(await ws.recv())
            data = message.get("content", {}).get("data", {})
            if (
                message["header"]["msg_type"] == "comm_msg"
                and data.get("method") == "update_states"
            ):
                page.states = data["states"]
                return page


async def person(hub_url: str, number: int, token: str) -> dict[str, int]:
    """Spawn through the hub, open the page, answer every activity; returns the picks."""
    name = name_of(number)
    headers = {"Authorization": f"token {token}"}
    async with httpx.AsyncClient(headers=headers, timeout=600) as client:
        started = await client.post(f"{hub_url}/hub/api/users/{name}/server")
        assert started.status_code in (201, 202), started.text
        while True:
            user = (await client.get(f"{hub_url}/hub/api/users/{name}")).json()
            if user["servers"].get("", {}).get("ready"):
                break
            await asyncio.sleep(1)
        server = f"{hub_url}/user/{name}"
        page = await open_hub_page(client, server, token)
        picks: dict[str, int] = {}
        try:
            found = page.activities()
            assert [a.kind for a in found] == ["choice", "choice", "choice", "reflection"]
            for activity_id, activity in zip(
                [*CHOICES, "challenge-reflection"], found, strict=True
            ):
                for model_id, model, state in activity.controls:
                    if model in SELECTIONS:
                        index = (number + len(picks)) % len(state["_options_labels"])
                        picks[activity_id] = index
                        await page.update(model_id, {"index": index})
                    elif model == "TextareaModel":
                        await page.update(model_id, {"value": marker(number)})
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
