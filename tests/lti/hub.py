"""A real JupyterHub (with configurable-http-proxy) on loopback, logging people in by LTI 1.3.

`launch(client, platform, who)` walks a launch the way a browser does, one request at a time:
the LMS course link, the tool's login initiation (state and nonce cookies), the platform's
authorization page, and the form post of the id_token to the tool's redirect URI.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from lms import Platform

from partnership_course.workshop.launch import free_port

API_TOKEN_SCOPES = ["list:users", "read:users", "read:groups", "admin:users"]

CONFIG = '''
from partnership_course.lti.hubconfig import configure_lti

c = get_config()  # noqa: F821
configure_lti(c, {lti!r}, {store!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{data}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{data}/cookie_secret"
c.JupyterHub.pid_file = "{data}/jupyterhub.pid"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = "{data}/proxy.pid"
c.JupyterHub.services = [{{"name": "lti-tests", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [
    {{"name": "lti-tests", "services": ["lti-tests"], "scopes": {scopes!r}}}
]
'''


def proxy_command() -> str:
    found = shutil.which("configurable-http-proxy")
    local = Path(sys.prefix) / "node_modules" / ".bin" / "configurable-http-proxy"
    if found:
        return found
    if local.exists():
        return str(local)
    raise FileNotFoundError("configurable-http-proxy is needed (./run setup installs it)")


@dataclass
class Hub:
    url: str
    token: str
    process: subprocess.Popen
    log: Path

    def api(self, path: str) -> httpx.Response:
        return httpx.get(
            f"{self.url}/hub/api/{path.lstrip('/')}",
            headers={"Authorization": f"token {self.token}"},
            timeout=30,
        )

    def user(self, name: str) -> dict | None:
        found = self.api(f"users/{name}")
        return found.json() if found.status_code == 200 else None


def wait_until_up(url: str, process: subprocess.Popen, seconds: float) -> None:
    """Poll until the hub itself (not just the proxy in front of it) answers 200."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the hub exited early with code {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def stop_proxy(pid_file: Path) -> None:
    """The proxy runs in its own session (so it outlives a hub restart); stop it too."""
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, 15)
    except (OSError, ValueError):
        pass  # already stopped by the hub, or never started


@contextmanager
def running_hub(data: Path, lti_yaml: Path, store: str, port: int) -> Iterator[Hub]:
    data.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    config = data / "jupyterhub_config.py"
    config.write_text(
        CONFIG.format(
            lti=str(lti_yaml), store=store, port=port, hub_port=free_port(), data=data,
            proxy_port=free_port(), proxy=proxy_command(), token=token, scopes=API_TOKEN_SCOPES,
        ),
        encoding="utf-8",
    )
    log = data / "hub.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=data,
            env={**os.environ, "PARTNERSHIP_COURSE_STORE": store},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(f"{url}/hub/health", process, seconds=180)
            yield Hub(url, token, process, log)
        finally:
            os.killpg(process.pid, 15)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
            stop_proxy(data / "proxy.pid")


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
