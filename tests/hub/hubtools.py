"""A real `partnership-course hub` for tests and benchmarks: start, restart, stop, and talk to it.

`HubProcess` runs the command exactly as a district would (CourseHub, configurable-http-proxy,
the formgrader and idle-culler services), on free loopback ports that stay the same across a
restart, so running user servers find their hub again. Stopping it stops every process it
started, including user servers that outlived a restart.
`HubSession` is one person's browserless session: sign up, log in (with the hub's XSRF
cookie), approve sign-ups as an admin, and call the REST API with a token.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
from support.launch import free_port, free_port_run

ROOT = Path(__file__).resolve().parents[2]
READY = "JupyterHub is now running"


@dataclass
class HubProcess:
    data_dir: Path
    store: str
    gradebook: str = ""
    admins: list[str] = field(default_factory=lambda: ["admin"])
    coaches: list[str] = field(default_factory=list)
    cull_idle_minutes: float = 60
    cull_every_minutes: float = 10
    extra_args: list[str] = field(default_factory=list)  # more `partnership-course hub` options
    port: int = field(default_factory=free_port)
    hub_port: int = field(default_factory=free_port)
    proxy_api_port: int = field(default_factory=free_port)
    # coach service n listens on base + n: a run of free ports, not one
    service_port_base: int = field(default_factory=lambda: free_port_run(16))
    process: subprocess.Popen | None = None
    seen: set[int] = field(default_factory=set)
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_dir.parent / f"hub-{self.starts}.log"

    def argv(self) -> list[str]:
        argv = [
            sys.executable, "-m", "partnership_course.cli", "hub",
            f"--data-dir={self.data_dir}",
            f"--port={self.port}",
            f"--hub-port={self.hub_port}",
            f"--proxy-api-port={self.proxy_api_port}",
            f"--service-port-base={self.service_port_base}",
            f"--store={self.store}",
            f"--cull-idle-minutes={self.cull_idle_minutes}",
            f"--cull-every-minutes={self.cull_every_minutes}",
            *self.extra_args,
        ]  # fmt: skip
        if self.gradebook:
            argv.append(f"--gradebook={self.gradebook}")
        argv += [f"--admin={name}" for name in self.admins]
        argv += [f"--coach={name}" for name in self.coaches]
        return argv

    def start(self, seconds: float = 600) -> None:
        self.starts += 1
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.argv(),
            cwd=ROOT,
            env={**os.environ, "PARTNERSHIP_COURSE_LEARNER": ""},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"hub exited ({self.process.returncode}): {self.tail()}")
            if READY in self.log_path.read_text(errors="replace"):
                return
            time.sleep(0.5)
        raise TimeoutError(f"hub not ready in {seconds} s: {self.tail()}")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def remember_children(self) -> None:
        """Note every process the hub started (user servers outlive a hub restart)."""
        roots = [self.process.pid] if self.process and self.process.poll() is None else []
        for pid in [*roots, *self.seen]:
            with contextlib.suppress(psutil.Error):
                self.seen.update(child.pid for child in psutil.Process(pid).children(True))

    def stop_hub(self) -> None:
        """Stop the hub (and its proxy and services) the way a district would, leaving user
        servers running (`cleanup_servers = False`)."""
        self.remember_children()
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def stop_everything(self) -> None:
        self.stop_hub()
        self.remember_children()
        alive = []
        for pid in self.seen:
            with contextlib.suppress(psutil.Error):
                process = psutil.Process(pid)
                process.terminate()
                alive.append(process)
        _, still = psutil.wait_procs(alive, timeout=15)
        for process in still:
            with contextlib.suppress(psutil.Error):
                process.kill()


class HubSession:
    """One person's cookies (or token) on the hub."""

    def __init__(self, hub: HubProcess, name: str, password: str = "") -> None:
        self.hub = hub
        self.name = name
        self.password = password or f"{name}-long-password-2026"
        self.client = httpx.Client(base_url=hub.url, timeout=300, follow_redirects=False)

    def close(self) -> None:
        self.client.close()

    def _xsrf(self, path: str) -> str:
        self.client.get(path)
        return self.client.cookies.get("_xsrf", path="/hub/") or ""

    def sign_up(self) -> str:
        reply = self.client.post(
            "/hub/signup",
            data={
                "username": self.name,
                "signup_password": self.password,
                "signup_password_confirmation": self.password,
                "_xsrf": self._xsrf("/hub/signup"),
            },
        )
        reply.raise_for_status()
        return reply.text

    def log_in(self) -> httpx.Response:
        reply = self.client.post(
            "/hub/login",
            data={
                "username": self.name,
                "password": self.password,
                "_xsrf": self._xsrf("/hub/login"),
            },
        )
        assert reply.status_code == 302, (reply.status_code, reply.text[:300])
        return reply

    def approve(self, name: str) -> None:
        """As an admin: authorise a sign-up (NativeAuthenticator's /hub/authorize toggle)."""
        page = self.client.get("/hub/authorize")
        page.raise_for_status()
        row = re.search(
            rf"<tr[^>]*>(?:(?!</tr>).)*?\b{re.escape(name)}\b(?:(?!</tr>).)*</tr>", page.text, re.S
        )
        assert row, f"{name} is not waiting for approval"
        if "Unauthorize" in row.group(0):
            return
        reply = self.client.get(f"/hub/authorize/{name}")
        assert reply.status_code in (200, 302), reply.status_code

    def api_token(self) -> str:
        """A REST API token for this (logged-in) person."""
        reply = self.client.post(
            f"/hub/api/users/{self.name}/tokens",
            json={"note": "tests", "expires_in": 7200},
            headers={"X-XSRFToken": self.client.cookies.get("_xsrf", path="/hub/") or ""},
        )
        assert reply.status_code == 201, (reply.status_code, reply.text[:300])
        return reply.json()["token"]


def api(hub: HubProcess, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=hub.url + "/hub/api", headers={"Authorization": f"token {token}"}, timeout=300
    )


def wait_until_ready(admin_api: httpx.Client, name: str, seconds: float = 600) -> dict:
    """Poll the REST API until `name`'s default server is ready; return the user model."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        user = admin_api.get(f"/users/{name}").json()
        server = user.get("servers", {}).get("", {})
        if server.get("ready"):
            return user
        if not server and not user.get("pending"):
            raise RuntimeError(f"{name}'s server stopped: {user}")
        time.sleep(1)
    raise TimeoutError(f"{name}'s server not ready in {seconds} s")


@dataclass
class District:
    hub: HubProcess
    admin: HubSession
    admin_api: httpx.Client
    course_dir: Path
    people: dict[str, HubSession] = field(default_factory=dict)


def open_district(
    tmp: Path,
    store: str,
    gradebook: str,
    teachers: list[str],
    coaches: list[str],
    **hub_options: Any,
) -> District:
    """Start a hub (`hub_options`: more HubProcess fields) and sign everybody up; the admin
    approves each sign-up."""
    hub = HubProcess(
        tmp / "data", store, gradebook, admins=["admin"], coaches=coaches, **hub_options
    )
    hub.start()
    admin = HubSession(hub, "admin")
    admin.sign_up()
    admin.log_in()
    district = District(hub, admin, api(hub, admin.api_token()), tmp / "data" / "grader")
    for name in [*coaches, *teachers]:
        person = HubSession(hub, name)
        person.sign_up()
        admin.approve(name)
        district.people[name] = person
    return district


SHOTS = ROOT / "test-artifacts" / "screenshots"


def page_activities(notebook: str) -> list[str]:
    """The activity ids (without the module) a course notebook shows, in page order, read from
    the notebook itself: positions follow the content instead of being written into the tests."""
    from partnership_course.content.paths import modules_dir
    from partnership_course.notebooks import activity_refs

    _module, refs = activity_refs(modules_dir() / notebook)
    return [ref.scenario_id.rsplit("/", 1)[-1] for ref in refs]


def shoot(page: object, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
