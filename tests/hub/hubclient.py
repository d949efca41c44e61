"""A browserless person on the hub: start their server through the REST API, and open a course
page in it over the kernel websocket, through configurable-http-proxy, as the page's JavaScript
does (`tests/workshop/widget_client.py` speaks the widget protocol).
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid

import httpx
import websockets
from widget_client import KERNEL_ID, PageSession


async def spawn(client: httpx.AsyncClient, hub_url: str, name: str) -> int:
    """Start `name`'s server with the client's token and wait until it is ready; returns how
    often the hub said "too many users, try again" (429, past `concurrent_spawn_limit`): like
    the spawn page, wait `Retry-After` seconds and ask again."""
    throttled = 0
    while True:
        started = await client.post(f"{hub_url}/hub/api/users/{name}/server")
        if started.status_code != 429:
            break
        throttled += 1
        await asyncio.sleep(float(started.headers.get("Retry-After", "10")))
    if started.status_code not in (201, 202):
        raise RuntimeError(f"spawn request {started.status_code}: {started.text[:200]}")
    while True:
        user = (await client.get(f"{hub_url}/hub/api/users/{name}")).json()
        server = user["servers"].get("", {})
        if server.get("ready"):
            return throttled
        if not server and not user.get("pending"):
            raise RuntimeError("the hub stopped the server while starting it (see its log)")
        await asyncio.sleep(1)


async def open_hub_page(
    client: httpx.AsyncClient, server: str, page_path: str, token: str
) -> PageSession:
    """Render the page in the person's server (a kernel runs it), connect, read every widget."""
    reply = await client.get(f"{server}/voila/render/{page_path}")
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
