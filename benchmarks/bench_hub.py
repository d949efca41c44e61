"""Spawn time and memory per person: the course on JupyterHub against one workshop server.

Prints figures; asserts nothing. In one run, for the same N people (50 by default):
  1. `partnership-course hub`: every person asks for a server at once through the hub's REST
     API; beyond the hub's `concurrent_spawn_limit` the hub answers 429 and the person retries
     after `Retry-After`, as the spawn page tells them to. Spawn time is first request to ready
     (p50/p95), with the failures and retries counted. Then each person opens module 01's first
     page in the web-app view (a kernel runs it). Memory (psutil): RSS of each user server and
     of its kernel, PSS of the two together, and of the hub, configurable-http-proxy and the
     hub's services.
  2. `partnership-course serve --workshop`: the same N people join and open the same page;
     time from join to rendered page (p50/p95), PSS per kernel and of the server.

    .venv/bin/python benchmarks/bench_hub.py [--users 50] [--concurrent-spawns N]
        [--only hub|workshop]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hub"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "workshop"))

from hubclient import spawn  # noqa: E402
from hubtools import HubProcess, HubSession, api  # noqa: E402
from support.launch import workshop_server  # noqa: E402
from widget_client import RETRY  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stats import spread  # noqa: E402  (benchmarks/stats.py: the one percentile)

PAGE = "01-dual-capacity/01-why-partnership.ipynb"
MB = 1024**2


def pss(process: psutil.Process) -> int:
    try:
        info = process.memory_full_info()
    except psutil.Error:
        return 0
    return getattr(info, "pss", info.rss)


def tree_pss(process: psutil.Process) -> int:
    """PSS of a process and all its descendants (a user server and its kernels)."""
    try:
        family = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    return sum(pss(p) for p in family)


@dataclass
class Outcome:
    """One person's spawn through the hub: seconds to ready and to the rendered page, how many
    times the hub said "too many users, try again" (429), or why it failed."""

    spawn: float = 0.0
    page: float = 0.0
    throttled: int = 0
    failure: str = ""


async def spawn_and_open(
    hub: HubProcess, name: str, token: str, gate: asyncio.Semaphore
) -> Outcome:
    """Ask for a server as the spawn page does (`hubclient.spawn`), then open the page."""
    headers = {"Authorization": f"token {token}"}
    outcome = Outcome()
    async with httpx.AsyncClient(headers=headers, timeout=1800) as client:
        started = time.monotonic()
        try:
            outcome.throttled = await spawn(client, hub.url, name)
        except RuntimeError as failure:
            outcome.failure = str(failure)
            return outcome
        outcome.spawn = time.monotonic() - started
        async with gate:  # pages render a few at a time, as people arrive over a minute
            opened = time.monotonic()
            page = await client.get(f"{hub.url}/user/{name}/voila/render/{PAGE}")
            if page.status_code != 200:
                outcome.failure = f"page {page.status_code}"
                return outcome
            outcome.page = time.monotonic() - opened
        return outcome


def rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def is_kernel(process: psutil.Process) -> bool:
    try:
        return "ipykernel" in " ".join(process.cmdline())
    except psutil.Error:
        return False


def megabytes(values: list[int]) -> str:
    if not values:
        return "none measured"
    return f"median {statistics.median(values) / MB:.0f}, max {max(values) / MB:.0f}"


def bench_hub(users: int, tmp: Path, concurrent: int) -> None:
    options = [f"--concurrent-spawns={concurrent}"] if concurrent else []
    hub = HubProcess(
        tmp / "hub" / "data",
        f"sqlite:///{tmp / 'hub.db'}",
        cull_idle_minutes=0,
        extra_args=options,
    )
    (tmp / "hub").mkdir(parents=True)
    hub.start()
    try:
        admin = HubSession(hub, "admin")
        admin.sign_up()
        admin.log_in()
        admin_api = api(hub, admin.api_token())
        names = [f"staff{n:03d}" for n in range(users)]
        assert admin_api.post("/users", json={"usernames": names}).status_code == 201
        tokens = {n: admin_api.post(f"/users/{n}/tokens", json={}).json()["token"] for n in names}
        hub_process = psutil.Process(hub.process.pid)
        base_pss = tree_pss(hub_process)

        async def everyone():
            gate = asyncio.Semaphore(8)
            return await asyncio.gather(*(spawn_and_open(hub, n, tokens[n], gate) for n in names))

        started = time.monotonic()
        outcomes: list[Outcome] = asyncio.run(everyone())
        wall = time.monotonic() - started
        time.sleep(3)
        servers = [
            p for p in hub_process.children() if "jupyterhub.singleuser" in " ".join(p.cmdline())
        ]
        services = [p for p in servers if "root_dir" in " ".join(p.cmdline())]
        user_servers = [p for p in servers if p not in services]
        kernels = [[k for k in p.children(recursive=True) if is_kernel(k)] for p in user_servers]
        server_rss = [rss(p) for p in user_servers]
        kernel_rss = [rss(k) for found in kernels for k in found]
        together_rss = [
            rss(p) + sum(rss(k) for k in found)
            for p, found in zip(user_servers, kernels, strict=True)
        ]
        per_user = [tree_pss(p) for p in user_servers]
        proxy = [
            p for p in hub_process.children() if "configurable-http-proxy" in " ".join(p.cmdline())
        ]
        others = [p for p in hub_process.children() if p not in servers and p not in proxy]
        done = [o for o in outcomes if not o.failure]
        failed = [o for o in outcomes if o.failure]
        limit = concurrent or f"default, {5 * (os.cpu_count() or 1)}"
        print(
            f"\npartnership-course hub, {users} people at once (simple spawner, SQLite store, "
            f"concurrent_spawn_limit {limit})"
        )
        print(f"  failures: {len(failed)} of {users}")
        for reason in sorted({o.failure for o in failed}):
            print(f"    {sum(o.failure == reason for o in failed)} x {reason}")
        print(
            f"  asked to retry (429): {sum(o.throttled > 0 for o in outcomes)} people, "
            f"{sum(o.throttled for o in outcomes)} times"
        )
        if done:
            print(
                f"  spawn (first request to ready, retries included): "
                f"{spread([o.spawn for o in done])}"
            )
            print(f"  page render after spawn:      {spread([o.page for o in done])}")
        print(f"  all {users} finished in {wall:.0f} s")
        print(f"  RSS MB per user server: {megabytes(server_rss)} (servers: {len(server_rss)})")
        print(f"  RSS MB per page kernel: {megabytes(kernel_rss)} (kernels: {len(kernel_rss)})")
        print(f"  RSS MB server + its kernel: {megabytes(together_rss)}")
        print(
            f"  PSS MB server + its kernel (shared pages split): {megabytes(per_user)}; "
            f"all user servers together {sum(per_user) / MB:.0f} MB"
        )
        hub_own = pss(hub_process)
        proxy_pss = sum(tree_pss(p) for p in proxy)
        service_pss = sum(tree_pss(p) for p in [*services, *others])
        print(
            f"  PSS: hub {hub_own / MB:.0f} MB, proxy {proxy_pss / MB:.0f} MB, services "
            f"(formgrader, grading) {service_pss / MB:.0f} MB; before any user: "
            f"{base_pss / MB:.0f} MB in all"
        )
    finally:
        hub.stop_everything()


async def join_and_open(base: str, code: str, number: int, gate: asyncio.Semaphore) -> float:
    async with httpx.AsyncClient(timeout=1800) as client, gate:
        started = time.monotonic()
        reply = await client.post(
            f"{base}/workshop/join", data={"code": code, "name": f"Staff {number}"}
        )
        token = reply.headers["location"].split("p=", 1)[1]
        url, params = f"{base}/voila/render/{PAGE}", {"p": token}
        while True:  # a full door answers 503 with a "try again" link, as the page's script does
            page = await client.get(url, params=params)
            retry = RETRY.search(page.text) if page.status_code == 503 else None
            if retry is None:
                break
            await asyncio.sleep(int(retry.group(2)) / 1000)  # when the server says
            url, params = base + html.unescape(retry.group(1)), None
        page.raise_for_status()
        return time.monotonic() - started


def bench_workshop(users: int, tmp: Path) -> None:
    with workshop_server(f"sqlite:///{tmp / 'workshop.db'}", code="room-bench") as server:
        process = psutil.Process(server.process.pid)

        async def everyone():
            gate = asyncio.Semaphore(8)
            return await asyncio.gather(
                *(join_and_open(server.url, "room-bench", n, gate) for n in range(users))
            )

        started = time.monotonic()
        times = asyncio.run(everyone())
        wall = time.monotonic() - started
        time.sleep(3)
        kernels = [
            pss(k) for k in process.children(recursive=True) if "ipykernel" in " ".join(k.cmdline())
        ]
        server_own = sum(
            pss(p)
            for p in [process, *process.children(recursive=True)]
            if "ipykernel" not in " ".join(p.cmdline())
        )
        print(f"\npartnership-course serve --workshop, the same {users} people")
        print(f"  join + page render:           {spread(times)}")
        print(f"  all {users} rendered in {wall:.0f} s")
        print(
            f"  kernel per open page, PSS MB: median {statistics.median(kernels) / MB:.0f}, "
            f"max {max(kernels) / MB:.0f} (kernels: {len(kernels)})"
        )
        print(f"  server (Voila) {server_own / MB:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument(
        "--concurrent-spawns", type=int, default=0, help="the hub's limit (0: its default)"
    )
    parser.add_argument(
        "--only", choices=["hub", "workshop"], help="run one half (default: both, in one run)"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    print(f"{psutil.cpu_count()} cores, {psutil.virtual_memory().total / 1024**3:.0f} GB")
    if args.only != "workshop":
        bench_hub(args.users, tmp, args.concurrent_spawns)
    if args.only != "hub":
        bench_workshop(args.users, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
