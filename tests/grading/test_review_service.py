"""The grading page as a JupyterHub service: it starts with the environment the hub gives it, and
a visitor without a hub login is sent to the hub's OAuth page, not shown the page or an error.

The hub itself is exercised in tests/hub; this catches a service that cannot even start (it once
read an attribute HubOAuth does not have, and only the hub tests, minutes in, saw it).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import tornado.httpclient
from support.demo import make_demo_course

from partnership_course.grading.review_server import make_app

HUB_ENV = {
    "JUPYTERHUB_API_TOKEN": "service-token-for-tests",
    "JUPYTERHUB_API_URL": "http://127.0.0.1:1/hub/api",
    "JUPYTERHUB_BASE_URL": "/",
    "JUPYTERHUB_SERVICE_PREFIX": "/services/grading/",
    "JUPYTERHUB_SERVICE_NAME": "grading",
    "JUPYTERHUB_CLIENT_ID": "service-grading",
    "JUPYTERHUB_OAUTH_CALLBACK_URL": "/services/grading/oauth_callback",
    "JUPYTERHUB_HOST": "",
}


async def fetch(app, path: str) -> tornado.httpclient.HTTPResponse:
    server = app.listen(0, "127.0.0.1")
    port = next(iter(server._sockets.values())).getsockname()[1]
    try:
        client = tornado.httpclient.AsyncHTTPClient()
        return await client.fetch(
            f"http://127.0.0.1:{port}{path}", follow_redirects=False, raise_error=False
        )
    finally:
        server.stop()


def test_as_a_hub_service_a_visitor_is_sent_to_the_hub_login(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in HUB_ENV.items():
        monkeypatch.setenv(name, value)
    course = make_demo_course(tmp_path)["course"]
    app = make_app(course, "en", None, "/services/grading/", hub=True)
    again = make_app(course, "en", None, "/services/grading/", hub=True)
    # the same secret after a restart, so a login that was under way still completes
    assert app.settings["cookie_secret"] == again.settings["cookie_secret"]
    response = asyncio.run(fetch(app, "/services/grading/"))
    assert response.code == 302, response.body[:300]
    assert "/hub/api/oauth2/authorize" in response.headers["Location"]
    assert "client_id=service-grading" in response.headers["Location"]


def test_outside_the_hub_the_page_asks_for_its_key(tmp_path: Path) -> None:
    course = make_demo_course(tmp_path)["course"]
    app = make_app(course, "en", "key-for-tests", "/", hub=False)
    response = asyncio.run(fetch(app, "/"))
    assert response.code == 403
