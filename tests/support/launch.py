"""Start `partnership-course serve` (or stock `voila`) in a child process and wait until it answers.

Used by the browser tests, the load test and `benchmarks/bench_voila.py`, so all of them run the
server exactly as a district would.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from partnership_course.content.paths import course_root


def wait_until(
    condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.25
) -> None:
    """Poll `condition` until it holds; after `timeout` seconds fail, naming `what`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:g} s for {what}")
        time.sleep(interval)


# Debian's chromium, headless on a machine with no network but loopback: these flags stop its
# background calls to the internet (refused here, and noisy) and the sandbox it cannot use as root
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    """Debian's chromium executable (never Playwright's own download)."""
    import shutil

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        raise RuntimeError("Debian's chromium is required (./run setup installs it)")
    return executable


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's chromium through Playwright for Python (never Playwright's own download)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_run(count: int) -> int:
    """The first of `count` consecutive loopback ports that are all free now, for a server that
    numbers its ports from a base (the hub's services: base + n).

    Why not `free_port()` as the base: that gives a port from the kernel's ephemeral range,
    and the ports after it are the ones the kernel hands to outgoing connections, so base + 1
    was sometimes already taken ("Address already in use" for the hub's grading service in a
    whole-suite run). These are drawn from below the ephemeral range, where nothing is
    assigned without asking, and each one is checked by binding it."""
    import random

    try:
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        low = 32768
    for _ in range(200):
        base = random.randrange(10000, low - count)
        try:
            with contextlib.ExitStack() as stack:
                for port in range(base, base + count):
                    sock = stack.enter_context(socket.socket())
                    sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
    raise RuntimeError(f"no run of {count} free ports below {low}")


def wait_for_http(url: str, process: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    code: str | None = None
    key: str | None = None


@contextmanager
def running(
    argv: Sequence[str],
    env: dict[str, str] | None = None,
    log: IO[str] | None = None,
    probe: str = "/",
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run `argv` (which must contain `{port}`) until the block ends; yields (url, process)."""
    port = free_port()
    process = subprocess.Popen(
        [part.replace("{port}", str(port)) for part in argv],
        cwd=course_root() or Path.cwd(),
        env={**os.environ, **(env or {})},
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # so stopping it also stops its kernels
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(url + probe, process)
        yield url, process
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """Stop the server and every kernel it started (its whole process group)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # kernels left behind, if any


@contextmanager
def workshop_server(
    store: str,
    code: str = "room-test",
    key: str = "facilitator-test-key",
    pool_size: int = 0,
    log: IO[str] | None = None,
    extra: Sequence[str] = (),
) -> Iterator[Server]:
    """`partnership-course serve --workshop CODE --facilitator-key KEY` on a free port."""
    argv = [
        sys.executable,
        "-m",
        "partnership_course.cli",
        "serve",
        "--port={port}",
        f"--workshop={code}",
        f"--facilitator-key={key}",
        f"--store={store}",
        f"--pool-size={pool_size}",
        *extra,
    ]
    env = {"PARTNERSHIP_COURSE_LEARNER": "", "PARTNERSHIP_COURSE_STORE": store}
    with running(argv, env, log, probe="/workshop/join") as (url, process):
        yield Server(url, process, code, key)
