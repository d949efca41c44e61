"""The idle culler stops a server nobody uses, and the learner's answers outlive it.

One hub with a tiny cull timeout (30 s, checked every 6 s; activity reported every 8 s, see
`spawner.activity_interval`): a teacher answers module 01's first page, closes the tab and
leaves. jupyterhub-idle-culler stops the server; the answers are in the store, and when she
comes back a new server opens the page with her answers in it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from hubclient import open_hub_page, spawn
from hubtools import District, open_district, page_activities

from partnership_course.store import open_store

pytestmark = pytest.mark.kernel

MODULE = "01-dual-capacity"
PAGE = f"{MODULE}/01-why-partnership.ipynb"
NAME = "ana"
ON_PAGE = page_activities(PAGE)
TEXT = "Ana asks the family <b>first</b> & listens — ¿cuándo le viene bien?"


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[District]:
    tmp: Path = tmp_path_factory.mktemp("culling")
    found = open_district(
        tmp, f"sqlite:///{tmp / 'store.db'}", "", [NAME], [],
        cull_idle_minutes=0.5, cull_every_minutes=0.1,
    )  # fmt: skip
    try:
        yield found
    finally:
        found.hub.stop_everything()


def token_for(district: District, name: str) -> str:
    """Log in as `name` (signed up and approved) and make a REST API token of her own."""
    person = district.people[name]
    person.log_in()
    return person.api_token()


async def answer_and_leave(district: District, token: str) -> None:
    """Spawn, answer the reflection and the first check, then close the tab."""
    async with httpx.AsyncClient(headers={"Authorization": f"token {token}"}, timeout=600) as c:
        await spawn(c, district.hub.url, NAME)
        page = await open_hub_page(c, f"{district.hub.url}/user/{NAME}", PAGE, token)
        found = page.activities()
        assert len(found) == len(ON_PAGE)
        await page.answer(found[ON_PAGE.index("cannot-attend-check")], 1, "")
        await page.answer(found[ON_PAGE.index("challenge-reflection")], 0, TEXT)
        await page.settle()
        await page.ws.close()  # the tab is closed; the kernel stays, idle, as in a browser


async def reopen(district: District, token: str) -> dict:
    """Come back: a new server, the same page; returns the reflection's shown response."""
    async with httpx.AsyncClient(headers={"Authorization": f"token {token}"}, timeout=600) as c:
        await spawn(c, district.hub.url, NAME)
        page = await open_hub_page(c, f"{district.hub.url}/user/{NAME}", PAGE, token)
        try:
            reflection = page.activities()[ON_PAGE.index("challenge-reflection")]
            return dict(page.states[reflection.model_id]["state"]["response"])
        finally:
            await page.close(c)


def wait_until_culled(district: District, seconds: float = 300) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        user = district.admin_api.get(f"/users/{NAME}").json()
        if not user["servers"] and not user.get("pending"):
            return user
        time.sleep(1)
    raise AssertionError(f"{NAME}'s idle server was not culled in {seconds} s: {user}")


def test_an_idle_server_is_culled_and_the_answers_remain(district: District) -> None:
    token = token_for(district, NAME)
    asyncio.run(answer_and_leave(district, token))
    running = district.admin_api.get(f"/users/{NAME}").json()["servers"][""]
    server = psutil.Process(running["state"]["pid"])  # the simple spawner's process id
    wait_until_culled(district)
    assert f"Culling server {NAME}" in district.hub.log_path.read_text(errors="replace")
    with contextlib.suppress(psutil.NoSuchProcess):
        server.wait(timeout=60)  # stopped, not merely forgotten by the hub
    store = open_store(district.hub.store)
    mine = {r.activity: r.value for r in store.query(learner=NAME, module=MODULE)}
    assert mine[f"{MODULE}/challenge-reflection"]["text"] == TEXT
    assert f"{MODULE}/cannot-attend-check" in mine
    shown = asyncio.run(reopen(district, token))
    assert shown.get("text") == TEXT
