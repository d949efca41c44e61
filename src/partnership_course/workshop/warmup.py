"""Kernels warmed before the doors open (`serve --expect N`), a few at a time.

Voila's preheated pool keeps `pool_size` kernels per notebook, each having run its notebook up
to the point where it waits for its participant. Two things made the first arrivals wait 45 s
on main (issue 13): every notebook's pool (both languages) started filling at the same moment
on 2 cores, and nothing said when the pool was ready. Here:

- kernels are warmed at most `WARMING` at a time (per core), and a kernel keeps its place only
  until its notebook has reached the point of waiting for its participant (it then connects to
  `/voila/query/<kernel>`), so warming never swamps the machine;
- `--expect N` gives the room's first page (the first open part, in English) a pool of N, so
  the first N arrivals all get a warm kernel; as they take them, that pool shrinks back to the
  ordinary size instead of refilling to N;
- once every expected kernel is warm the server prints `Ready: ...`; that is the moment to let
  people in.
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

WARMING = max(1, os.cpu_count() or 1)  # kernels warmed at once
WARM_TIMEOUT = 120.0

_ready: dict[str, asyncio.Event] = {}
_seen: set[str] = set()


def kernel_waiting(kernel_id: str) -> None:
    """Called when a kernel asks for its request (`/voila/query/<kernel>`): it is warm."""
    _seen.add(kernel_id)
    event = _ready.get(kernel_id)
    if event is not None:
        event.set()


async def _until_warm(kernel_id: str, task: asyncio.Task) -> None:
    if kernel_id in _seen:
        return
    event = _ready.setdefault(kernel_id, asyncio.Event())
    waiter = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait({waiter, task}, timeout=WARM_TIMEOUT, return_when="FIRST_COMPLETED")
    finally:
        waiter.cancel()
        _ready.pop(kernel_id, None)


def room_kernel_manager(base: type, base_pool: int) -> type:
    """Voila's preheating kernel manager class, warming a few at a time and shrinking the
    expected pools as people arrive."""

    class RoomKernelManager(base):  # type: ignore[misc, valid-type]
        _warming: asyncio.Semaphore | None = None

        async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kw: Any):
            if kernel_id is not None:  # a restart: not warming
                return await super()._initialize(notebook_path, kernel_id, **kw)
            if RoomKernelManager._warming is None:
                RoomKernelManager._warming = asyncio.Semaphore(WARMING)
            async with RoomKernelManager._warming:
                result = await super()._initialize(notebook_path, None, **kw)
                await _until_warm(result["kernel_id"], result["task"])
            return result

        async def get_rendered_notebook(self, notebook_name: str, *args: Any, **kw: Any):
            config = self.kernel_pools_config.get(notebook_name)
            if config and config.get("pool_size", 0) > base_pool:
                config["pool_size"] -= 1  # one expected participant has arrived
            return await super().get_rendered_notebook(notebook_name, *args, **kw)

    return RoomKernelManager


def pools_config(expect: int, first_page: str | None, base_pool: int) -> dict[str, Any]:
    """Voila's `kernel_pools_config`: the ordinary pool everywhere, N for the first page."""
    config: dict[str, Any] = {"default": {"pool_size": base_pool, "kernel_env_variables": {}}}
    if expect > base_pool and first_page:
        config[first_page] = {"pool_size": expect, "kernel_env_variables": {}}
    return config


async def announce_ready(kernel_manager: Any, pages: list[str], expect: int, log: Any) -> None:
    """Print `Ready: ...` once every kernel of the expected pools is warm."""
    started = time.monotonic()
    while True:
        pools = getattr(kernel_manager, "_pools", {})
        tasks = [task for page in pages for task in pools.get(page, [])]
        if len(tasks) >= expect and all(task.done() for task in tasks):
            break
        await asyncio.sleep(0.5)
    warm = 0
    for task in tasks:
        if not task.cancelled() and task.exception() is None:
            kernel_id = task.result()["kernel_id"]
            warm += kernel_id in _seen
    print(
        f"Ready: {warm} of {expect} kernels warm for {', '.join(pages)} "
        f"after {time.monotonic() - started:.0f} s. Let people in.",
        flush=True,
    )
    log.info("workshop ready: %s kernels warm", warm)
