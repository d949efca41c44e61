"""Bytes a participant's browser moves for a module page: first visit and a repeat visit.

Prints figures; asserts nothing. Headless Debian chromium opens one module page twice in the
same browser context (so its HTTP cache is kept, as a laptop's would be), and counts, from the
DevTools network events, how many responses came over the wire and their encoded (compressed)
size, versus the decoded size. Then multiplies by a room.

The activities' code (kind modules, helpers, CSS) is counted on its own: the bytes of its files
from `partnership-course/activities/` (cached for a year, so a repeat visit should move none) and
every byte the page received on the kernel websocket (where the code came before, and still
comes when the route fails: the last two visits block it, as a server without the route would;
Playwright's request routing also turns the HTTP cache off, so there only the websocket counts).

Then the same route under a Jupyter server (`jupyter server` with `lab_server`, under a hub-like
`/user/bench/` prefix: JupyterLab's, Notebook 7's and the hub's path), which compresses nothing
itself: the bytes of the page's code files and of every file, sent to a browser that accepts gzip
and to one that does not (what every browser received before the route gzipped).

    .venv/bin/python benchmarks/bench_static.py [--room 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import urllib.request
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # tests/support

from support.launch import CHROMIUM_ARGS, running, workshop_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "workshop"))
from widget_client import join

PAGE = "01-dual-capacity/01-why-partnership.ipynb"


ROUTE = "/partnership-course/activities/"


def visit(page, cdp, url: str) -> dict[str, float]:
    sizes: dict[str, dict[str, float]] = {}
    cached: set[str] = set()
    socket = {"bytes": 0}
    cdp.on(
        "Network.webSocketFrameReceived",
        lambda e: socket.update(bytes=socket["bytes"] + len(e["response"]["payloadData"])),
    )
    cdp.on(
        "Network.responseReceived",
        lambda e: sizes.setdefault(e["requestId"], {}).update(
            url=e["response"]["url"], decoded=0, encoded=0
        ),
    )
    cdp.on(
        "Network.dataReceived",
        lambda e: sizes.setdefault(e["requestId"], {}).update(
            decoded=sizes.get(e["requestId"], {}).get("decoded", 0) + e["dataLength"]
        ),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.setdefault(e["requestId"], {}).update(encoded=e["encodedDataLength"]),
    )
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    page.goto(url, timeout=240_000)
    page.locator(".pc-activity").first.wait_for(state="visible", timeout=240_000)
    page.wait_for_timeout(1500)
    wire = {k: v for k, v in sizes.items() if k not in cached and v.get("encoded", 0) > 0}
    code = [v for v in wire.values() if ROUTE in v.get("url", "")]
    return {
        "code_names": [v["url"].rsplit("/", 1)[1] for v in code],
        "code_files": len(code),
        "code_encoded": sum(v.get("encoded", 0) for v in code),
        "socket": socket["bytes"],
        "requests": len(sizes),
        "over_the_wire": len(wire),
        "from_cache": len(cached),
        "encoded": sum(v.get("encoded", 0) for v in wire.values()),
        "decoded": sum(v.get("decoded", 0) for v in sizes.values()),
    }


def twice(context, url: str) -> tuple[dict[str, float], dict[str, float]]:
    """A first and a repeat visit of `url` in one browser context (its HTTP cache kept)."""
    page = context.new_page()
    figures = []
    for _ in range(2):
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        figures.append(visit(page, cdp, url))
        page.goto("about:blank")
    context.close()
    return figures[0], figures[1]


def route_bytes(base: str, names: list[str], encoding: str) -> int:
    """Bytes of `names` as the route at `base` sends them to a browser accepting `encoding`."""
    total = 0
    for name in names:
        asked = urllib.request.Request(f"{base}{name}", headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(asked, timeout=30) as response:  # never decompresses
            total += len(response.read())
    return total


def jupyter_route(folder: Path, page_names: list[str]) -> None:
    """Print the route's bytes under a Jupyter server with `lab_server` (no gzip of its own)."""
    from partnership_course.activities.delivery import http_files

    config = folder / "jupyter-config"
    config.mkdir()
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"open_browser": False}, "IdentityProvider": {"token": "bench"}})
    )
    argv = [
        sys.executable,
        "-m",
        "jupyter",
        "server",
        "--port={port}",
        f"--ServerApp.root_dir={folder}",
        "--ServerApp.base_url=/user/bench/",
        "--ServerApp.jpserver_extensions=partnership_course.lab_server=True",
        *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),
    ]
    env = {"JUPYTER_CONFIG_DIR": str(config), "JUPYTER_RUNTIME_DIR": str(folder / "runtime")}
    log = (folder / "jupyter.log").open("w")
    with running(argv, env, log, probe="/user/bench/api/status") as (url, _):
        base = f"{url}/user/bench/{ROUTE.strip('/')}/"
        every = sorted(http_files())
        for label, names in (("this page's", page_names), ("every", every)):
            packed = route_bytes(base, names, "gzip, deflate, br")
            plain = route_bytes(base, names, "identity")
            print(
                f"Jupyter server route, {label} {len(names)} code files: "
                f"{packed / 1e3:5.1f} kB gzipped, {plain / 1e3:5.1f} kB without gzip"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--room", type=int, default=200)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        store = f"sqlite:///{Path(folder) / 'static.db'}"
        log = (Path(folder) / "server.log").open("w")
        with workshop_server(store, code="room-bytes", log=log) as server:

            async def token() -> str:
                async with httpx.AsyncClient() as client:
                    return await join(client, server.url, "room-bytes", "Bench")

            url = f"{server.url}/voila/render/{PAGE}?p={asyncio.run(token())}"
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
                )
                first, repeat = twice(browser.new_context(), url)
                blocked = browser.new_context()  # a server without the route: the fallback
                blocked.route(f"**{ROUTE}**", lambda route: route.fulfill(status=404))
                blocked_first, blocked_repeat = twice(blocked, url)
                browser.close()
    for name, figures in (
        ("first visit", first),
        ("repeat visit", repeat),
        ("no route, 1st", blocked_first),
        ("no route, 2nd", blocked_repeat),
    ):
        wire, cache = figures["over_the_wire"], figures["from_cache"]
        print(
            f"{name:13s} {figures['requests']:4.0f} responses, {wire:4.0f} over the wire, "
            f"{cache:4.0f} from cache; {figures['encoded'] / 1e6:6.2f} MB transferred "
            f"({figures['decoded'] / 1e6:6.2f} MB decoded)\n"
            f"{'':13s} activities' code: {figures['code_files']:.0f} files, "
            f"{figures['code_encoded'] / 1e3:5.1f} kB over HTTP; kernel websocket received "
            f"{figures['socket'] / 1e3:6.1f} kB"
        )
    print(
        f"room of {args.room}: {args.room * first['encoded'] / 1e9:.2f} GB for first pages, then "
        f"{args.room * repeat['encoded'] / 1e6:.1f} MB per page change"
    )
    with tempfile.TemporaryDirectory() as folder:
        jupyter_route(Path(folder), first["code_names"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
