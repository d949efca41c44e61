"""A preheated kernel's wait for its participant's request, without importing Voila.

Why not `voila.utils.wait_for_request`: importing anything from `voila` runs `voila/__init__`,
which loads Voila's server extension, jupyter_server, jupyterlab_server, jupyter_events and
jsonschema, whose `rfc3987_syntax` compiles a Lark grammar at import. In a kernel that was about
8 of the 10.4 CPU-seconds a workshop kernel had spent by the time it was warm, and about 60 MB
of its memory (py-spy on `serve --expect 2`; docs/capacity.md), all for one websocket read.

What the wait does is Voila's documented preheat protocol: the kernel opens
`{VOILA_WS_PROTOCOL}://{VOILA_APP_IP}:{VOILA_APP_PORT}{VOILA_WS_BASE_URL}voila/query/{kernel id}`
(the variables Voila puts in a preheated kernel's environment, with Voila's defaults), the
server sends one JSON object once a request takes this kernel, and its keys and values become
environment variables (`QUERY_STRING` among them). Tornado's websocket client is used because
the kernel has Tornado loaded already; the read runs on a thread with its own event loop, since
the cell that waits runs inside the kernel's loop.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import warnings

CONNECT_TIMEOUT = 5.0  # seconds, as Voila's own client


def query_url() -> str:
    """Where this kernel's request info is served (Voila's environment variables)."""
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{host}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID')}"


async def _receive(url: str) -> str | None:
    from tornado.websocket import websocket_connect

    try:
        connection = await websocket_connect(url, connect_timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        warnings.warn(f"Failed to connect to {url}: {error}", stacklevel=2)
        return None
    try:
        message = await connection.read_message()
    finally:
        connection.close()
    return message if isinstance(message, str) else None


def wait_for_request() -> None:
    """Block until the server says which request this kernel serves; set its environment."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    found: list[str | None] = []

    def receive() -> None:
        loop = asyncio.new_event_loop()
        try:
            found.append(loop.run_until_complete(_receive(query_url())))
        finally:
            loop.close()

    thread = threading.Thread(target=receive, name="voila-request-wait", daemon=True)
    thread.start()
    thread.join()
    if found and found[0] is not None:
        for name, value in json.loads(found[0]).items():
            os.environ[name] = value
