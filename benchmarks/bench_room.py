"""A room arriving at once on loopback: time to join and open the first page, answers, memory.

Prints figures; asserts nothing. Simulated participants (tests/workshop/widget_client.py) speak
to the server exactly as the page's JavaScript would: join over HTTP, load the room's first
module page (waiting their turn when the server says so), then answer every activity on it over
the kernel websocket. Reported: time to join and to the first page (median, 95th percentile,
slowest; and the first participant's, counted from the moment the server said it was ready),
how many waited in line, every answer stored under the right person (none mixed), and memory:
the server's RSS and the kernels' PSS while every page is open.

    .venv/bin/python benchmarks/bench_room.py [--participants 200] [--expect 0]
        [--max-starting N]

`--expect N` starts the server with `--expect N` and lets people in once it prints `Ready`.
Each open page holds a kernel (about 60-100 MB): check free memory before a large run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

from partnership_course.workshop.outline import outline
from partnership_course.workshop.sessions import WorkshopStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # tests/support
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "workshop"))
from support.launch import workshop_server
from widget_client import SELECTIONS, join, open_page

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stats import spread  # benchmarks/stats.py, beside this script

CODE = "room-bench"
MB = 1024**2


def marker(person: int, activity: int, control: int = 0) -> str:
    return f"bench participant {person} activity {activity} box {control}"


async def arrive(base: str, person: int, page_path: str, log: dict, opened: asyncio.Event):
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=600) as client:
        try:
            token = await join(client, base, CODE, f"Bench {person}")
            joined = time.monotonic()
            page = await open_page(client, base, page_path, token, timeout=600)
        except Exception as problem:  # counted as a failure; the rest of the room goes on
            log["failed"].append(f"participant {person}: {type(problem).__name__}: {problem}")
            log["total"] -= 1
            if log["open"] >= log["total"]:
                opened.set()
            return
        log[person] = {
            "token": token,
            "join": joined - started,
            "page": time.monotonic() - started,
            "at": time.monotonic(),
            "waited": page.waited,
            "texts": [],
        }
        log["open"] += 1
        if log["open"] >= log["total"]:
            opened.set()
        await opened.wait()  # every page open at once: memory is measured now
        await log["measured"].wait()
        try:
            for number, activity in enumerate(page.activities()):
                sent = time.monotonic()
                if activity.model_id:  # an anywidget activity: the events its page sends
                    text = marker(person, number)
                    if activity.kind == "reflection":
                        log[person]["texts"].append(text)
                    await page.answer(activity, person, text)
                for control, (model_id, model, state) in enumerate(activity.controls):
                    if model in SELECTIONS and state.get("_options_labels"):
                        await page.update(model_id, {"index": (person + control) % 2 + 1})
                    elif model == "TextareaModel":
                        text = marker(person, number, control)
                        log[person]["texts"].append(text)
                        await page.update(model_id, {"value": text})
                # the kernel handles its shell messages in order and saves in the handler:
                # once it answers a request sent after the answer, the answer is stored
                await page.settle(timeout=600)
                log["saves"].append(time.monotonic() - sent)
        finally:
            await page.close(client)


def kernels_of(server: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in server.children(recursive=True):
        try:
            command = " ".join(child.cmdline())
            if "ipykernel" in command or "kernel_launcher" in command:  # the course's kernel
                found.append(child)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def memory(server: psutil.Process) -> tuple[float, list[float], list[float]]:
    """Server RSS, and each kernel's PSS (MB) and CPU-seconds so far (start and page)."""
    pss, cpu = [], []
    for kernel in kernels_of(server):
        try:
            pss.append(kernel.memory_full_info().pss / MB)
            cpu.append(cpu_seconds(kernel))
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return server.memory_info().rss / MB, pss, cpu


def warm_kernels(server: psutil.Process) -> tuple[list[float], float]:
    """At `Ready`: every kernel's CPU-seconds (each has started and run its page up to its
    participant), and the server's own."""
    return [cpu_seconds(k) for k in kernels_of(server)], cpu_seconds(server)


def wait_for_ready(log_path: Path, seconds: float = 1800) -> float:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = log_path.read_text(errors="replace")
        if "Ready:" in text or "Warm-up incomplete:" in text:
            return time.monotonic()
        time.sleep(0.5)
    raise TimeoutError("the server never said Ready")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--expect", type=int, default=0)
    parser.add_argument("--max-starting", type=int, default=0)
    args = parser.parse_args()
    first = outline()[0].pages[0]
    extra = [f"--expect={args.expect}"] if args.expect else []
    if args.max_starting:
        extra.append(f"--max-starting={args.max_starting}")
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        store = f"sqlite:///{Path(folder) / 'room.db'}"
        log_path = Path(folder) / "server.log"
        try:
            with (
                log_path.open("w") as server_log,
                workshop_server(store, CODE, pool_size=1, log=server_log, extra=extra) as server,
            ):
                ready = wait_for_ready(log_path) if args.expect else time.monotonic()
                warm_cpu, server_cpu = warm_kernels(psutil.Process(server.process.pid))
                log: dict = {"open": 0, "total": args.participants, "saves": [], "failed": []}

                async def room() -> tuple[float, list[float], list[float]]:
                    opened, measured = asyncio.Event(), asyncio.Event()
                    log["measured"] = measured
                    everyone = [
                        asyncio.ensure_future(arrive(server.url, n, first.path, log, opened))
                        for n in range(args.participants)
                    ]
                    await opened.wait()
                    figures = memory(psutil.Process(server.process.pid))
                    measured.set()
                    for result in await asyncio.gather(*everyone, return_exceptions=True):
                        if isinstance(result, BaseException):
                            log["failed"].append(f"{type(result).__name__}: {result}")
                    return figures

                started = time.monotonic()
                server_rss, kernels, kernel_cpu = asyncio.run(room())
                elapsed = time.monotonic() - started
                server_total = cpu_seconds(psutil.Process(server.process.pid))
                started_kernels = log_path.read_text(errors="replace").count("Kernel started:")
        except subprocess.TimeoutExpired:  # the server was slow to stop (a room of 200 on 2 cores)
            print("(the server took over 20 s to stop: killed with its kernels)")
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(server.process.pid, signal.SIGKILL)
        people = {k: v for k, v in log.items() if isinstance(k, int)}
        workshop = WorkshopStore(url=store)
        stored = mixed = expected = 0
        for entry in people.values():
            me = workshop.participant(CODE, entry["token"])
            assert me is not None
            answers = workshop.answers_of(me.learner)
            stored += len(answers)
            expected += len(first.activities)
            for answer in answers:
                text = answer.value.get("text")
                if isinstance(text, str) and text and text not in entry["texts"]:
                    mixed += 1
    first_in = min(people.values(), key=lambda e: e["at"] - e["page"])
    print(
        f"{args.participants} participants, first page {first.path}, on {psutil.cpu_count()} cores"
    )
    print(f"join:        {spread([e['join'] for e in people.values()])}")
    print(f"first page:  {spread([e['page'] for e in people.values()])}")
    print(
        f"first participant's first page: {first_in['page']:.1f} s "
        f"(arrived {first_in['at'] - first_in['page'] - ready:.1f} s after ready)"
    )
    waited = [e["waited"] for e in people.values() if e["waited"]]
    print(
        f"waited in line: {len(waited)} participants, asked again up to {max(waited, default=0)}x"
        f" ({sum(waited)} waiting pages answered)"
    )
    print(f"save (answer sent -> kernel has stored it): {spread(log['saves'])}")
    print(f"failures (no page): {len(log['failed'])}")
    for line in log["failed"][:10]:
        print(f"  {line}")
    print(f"answers stored: {stored} of {expected}; texts under the wrong person: {mixed}")
    opened_at = [e["at"] - started for e in people.values()]
    print(
        f"every first page open {max(opened_at, default=0):.0f} s after the room arrived; "
        f"whole room done (every answer saved, every page left) in {elapsed:.0f} s"
    )
    print(
        f"load average (1 min) before {load_before:.1f}, after {os.getloadavg()[0]:.1f}; "
        f"kernels started {started_kernels}; server {server_total:.0f} CPU-s in all, "
        f"{server_total / max(1, len(people)):.2f} CPU-s per participant"
    )
    print(
        f"memory with every page open: server RSS {server_rss:.0f} MB; {len(kernels)} kernels, "
        f"PSS total {sum(kernels) / 1024:.1f} GB, median {statistics.median(kernels or [0]):.0f} MB"
    )
    if args.expect:
        print(
            f"at Ready: {len(warm_cpu)} kernels, CPU per kernel "
            f"{spread(warm_cpu, unit='CPU-s')}; server {server_cpu:.1f} CPU-s"
        )
    print(f"CPU per kernel with its page open: {spread(kernel_cpu, unit='CPU-s')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
