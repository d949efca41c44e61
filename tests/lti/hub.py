"""A real JupyterHub (with configurable-http-proxy) on loopback, logging people in by LTI 1.3.

`launch(client, platform, who)` walks a launch the way a browser does, one request at a time:
the LMS course link, the tool's login initiation (state and nonce cookies), the platform's
authorization page, and the form post of the id_token to the tool's redirect URI.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from hubtools import HubProcess
from lms import Platform

from partnership_course.hub.config import LOCAL_CONFIG

API_TOKEN_SCOPES = ["list:users", "read:users", "read:groups", "admin:users"]

# a district's own config file (`<data-dir>/jupyterhub_config.d/`): an API token for the tests
TEST_SERVICE = """
c.JupyterHub.services.append({{"name": "lti-tests", "api_token": {token!r}}})
c.JupyterHub.load_roles.append(
    {{"name": "lti-tests", "services": ["lti-tests"], "scopes": {scopes!r}}}
)
"""


@dataclass
class Hub:
    url: str
    token: str
    process: HubProcess

    def api(self, path: str) -> httpx.Response:
        return httpx.get(
            f"{self.url}/hub/api/{path.lstrip('/')}",
            headers={"Authorization": f"token {self.token}"},
            timeout=30,
        )

    def user(self, name: str) -> dict | None:
        found = self.api(f"users/{name}")
        return found.json() if found.status_code == 200 else None


@contextmanager
def running_hub(
    data: Path, lti_yaml: Path, store: str, port: int, passback_seconds: int = 2
) -> Iterator[Hub]:
    """`partnership-course hub --login lti` as a district runs it (`hubtools.HubProcess`, as
    every hub test starts it), with the tests' API token in the hub's own config folder."""
    token = secrets.token_hex(16)
    extra = data / LOCAL_CONFIG
    extra.mkdir(parents=True, exist_ok=True)
    (extra / "50-lti-tests.py").write_text(
        TEST_SERVICE.format(token=token, scopes=API_TOKEN_SCOPES), encoding="utf-8"
    )
    hub = HubProcess(
        data_dir=data,
        store=store,
        admins=[],
        port=port,
        extra_args=[
            "--login=lti",
            f"--lti-config={lti_yaml}",
            f"--lti-passback-seconds={passback_seconds}",
        ],
    )
    try:
        hub.start(seconds=300)
        yield Hub(hub.url, token, hub)
    finally:
        hub.stop_everything()


@dataclass
class Launched:
    response: httpx.Response  # the tool's answer to the id_token post
    form: dict[str, str]  # what the platform posted
    cookies: httpx.Cookies  # the browser's cookies just before the post


def launch(client: httpx.Client, platform: Platform, who: str, target: str = "") -> Launched:
    """One launch of `who`, request by request; returns the tool's answer to the form post."""
    params = {"user": who, **({"target": target} if target else {})}
    to_tool = client.get(f"{platform.url}/course/launch", params=params)
    assert to_tool.status_code == 302, to_tool.text
    to_platform = client.get(to_tool.headers["location"])
    assert to_platform.status_code == 302, to_platform.text
    form_page = client.get(to_platform.headers["location"])
    assert form_page.status_code == 200, form_page.text
    form = dict(platform.last_form)
    cookies = httpx.Cookies(client.cookies)
    answer = client.post(platform.tool_redirect_uri, data=form)
    return Launched(answer, form, cookies)
