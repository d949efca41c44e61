"""A real JupyterHub (with configurable-http-proxy) on loopback, logging people in by LTI 1.3.

`launch(client, platform, who)` walks a launch the way a browser does, one request at a time:
the LMS course link, the tool's login initiation (state and nonce cookies), the platform's
authorization page, and the form post of the id_token to the tool's redirect URI.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from lms import Platform
from support.launch import free_port

API_TOKEN_SCOPES = ["list:users", "read:users", "read:groups", "admin:users"]

# added to the configuration `partnership-course hub` writes: an API token for the tests
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


@contextmanager
def running_hub(
    data: Path, lti_yaml: Path, store: str, port: int, passback_seconds: int = 2
) -> Iterator[Hub]:
    """`partnership-course hub --login lti` as a district runs it, on free loopback ports."""
    from partnership_course.hub.launch import hub_argv

    token = secrets.token_hex(16)
    written = subprocess.run(
        [
            sys.executable, "-m", "partnership_course.cli", "hub", f"--data-dir={data}",
            f"--port={port}", f"--hub-port={free_port()}", f"--proxy-api-port={free_port()}",
            f"--service-port-base={free_port()}", f"--store={store}", "--login=lti",
            f"--lti-config={lti_yaml}", f"--lti-passback-seconds={passback_seconds}",
            "--write-config",
        ],
        capture_output=True, text=True, env={**os.environ, "PARTNERSHIP_COURSE_LEARNER": ""},
    )  # fmt: skip
    assert written.returncode == 0, written.stdout + written.stderr
    config = data / "jupyterhub_config.py"
    with config.open("a", encoding="utf-8") as out:
        out.write(TEST_SERVICE.format(token=token, scopes=API_TOKEN_SCOPES))
    log = data.parent / "hub.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            hub_argv(config),
            cwd=data,
            env={**os.environ, "PARTNERSHIP_COURSE_LEARNER": ""},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/hub/health", process, seconds=300)
        yield Hub(url, token, process, log)
    finally:
        stop_all(process)


def stop_all(process: subprocess.Popen) -> None:
    """Stop the hub and everything it started (proxy, services, user servers, kernels)."""
    import psutil

    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.Error:
        children = []
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=15)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()


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
