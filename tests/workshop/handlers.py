"""The workshop's own Tornado handlers served on a free loopback port, without Voila or kernels.

`fetch(path, ...)` starts the application for one request (redirects not followed, errors
returned, not raised), so tests read status, headers and body exactly as a browser gets them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from urllib.parse import urlencode

import tornado.web
from tornado.httpclient import AsyncHTTPClient, HTTPResponse
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from partnership_course.workshop import app

COOKIE_SECRET = "test-cookie-secret-" + "x" * 20


def application() -> tornado.web.Application:
    """Every workshop route the server adds in front of Voila's."""
    return tornado.web.Application(app.workshop_routes(), cookie_secret=COOKIE_SECRET)


def fetch(
    path: str,
    method: str = "GET",
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    make: Callable[[], tornado.web.Application] = application,
    timeout: float = 20,
) -> HTTPResponse:
    """One request to the handlers on a free loopback port."""

    async def run() -> HTTPResponse:
        sockets = bind_sockets(0, "127.0.0.1")
        server = HTTPServer(make())
        server.add_sockets(sockets)
        client = AsyncHTTPClient(force_instance=True)
        try:
            return await client.fetch(
                f"http://127.0.0.1:{sockets[0].getsockname()[1]}{path}",
                method=method,
                body=urlencode(form) if form is not None else None,
                headers=headers,
                follow_redirects=False,
                raise_error=False,
                request_timeout=timeout,
            )
        finally:
            client.close()
            server.stop()
            await server.close_all_connections()

    return asyncio.run(run())


def text(reply: HTTPResponse) -> str:
    return (reply.body or b"").decode("utf-8")


def cookie_of(reply: HTTPResponse) -> str:
    """The `name=value` of the cookie a reply sets (for the next request's Cookie header)."""
    return reply.headers["Set-Cookie"].split(";", 1)[0]
