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
- the first page's kernels (its pool of N, and its translations' ordinary pool) warm *first*:
  every other page's kernels wait until they are warm. Before, Voila started every page's pool
  in the order it found the notebooks, so the first page's N kernels queued behind about twenty
  other pages' and the room was not ready for minutes. After `Ready` the other pages warm, one
  place at a time and only while nobody waits at the door (`admission.background`);
- once every expected kernel is warm the server prints `Ready: ...` and the facilitator page
  says so (`status()`); that is the moment to let people in.
"""

from __future__ import annotations

import asyncio
import os
import time
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

WARMING = max(1, os.cpu_count() or 1)  # kernels warmed at once
WARM_TIMEOUT = 120.0

_ready: dict[str, asyncio.Event] = {}
_seen: set[str] = set()
_claims: dict[str, int] = {}  # page -> requests holding one of its warm kernels, not yet taken
_claim: ContextVar[list[str] | None] = ContextVar("warm_claim", default=None)


@dataclass
class WarmUp:
    """What the facilitator page shows about the warm-up (`--expect N`)."""

    expect: int = 0  # 0: no warm-up was asked for
    page: str = ""
    warm: int = 0
    done: bool = False  # every expected kernel has finished warming (or failed)
    seconds: float = 0.0

    @property
    def ready(self) -> bool:
        return self.done and self.warm >= self.expect


_status = WarmUp()
_first_done: asyncio.Event | None = None


def status() -> WarmUp:
    """The warm-up as it stands (the facilitator page's status line)."""
    return _status


def _others_may_warm() -> asyncio.Event:
    global _first_done
    if _first_done is None:
        _first_done = asyncio.Event()
    return _first_done


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


def first_pages(first_page: str | None) -> frozenset[str]:
    """The pages that warm before any other: the first page and its translations."""
    if not first_page:
        return frozenset()
    from .site import path_in, translations

    return frozenset({first_page, *(path_in(lang, first_page) for lang in translations())})


def room_kernel_manager(base: type, base_pool: int, first: frozenset[str] = frozenset()) -> type:
    """Voila's preheating kernel manager class, warming a few at a time, the `first` pages
    before all others, and shrinking the expected pools as people arrive."""

    class RoomKernelManager(base):  # type: ignore[misc, valid-type]
        _warming: asyncio.Semaphore | None = None

        def _notebook_filter(self, nb_path: Any) -> bool:
            """Voila pools every notebook under the served folder but `.ipynb_checkpoints`;
            no hidden folder or file is a course page, so none is warmed (`site.is_hidden`)."""
            from pathlib import Path

            from .site import is_hidden

            try:
                served = Path(nb_path).relative_to(self.root_dir).as_posix()
            except ValueError:
                served = str(nb_path)
            return not is_hidden(served) and super()._notebook_filter(nb_path)

        async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kw: Any):
            if kernel_id is not None:  # a restart: not warming
                return await super()._initialize(notebook_path, kernel_id, **kw)
            if RoomKernelManager._warming is None:
                RoomKernelManager._warming = asyncio.Semaphore(WARMING)
            if first and notebook_path not in first:
                await _others_may_warm().wait()  # the room's first page is warm first
            elif first and not _others_may_warm().is_set():
                async with RoomKernelManager._warming:  # `--expect`: before the doors open
                    return await self._warm(notebook_path, **kw)
            # every other warming (and all of it without `--expect`: each page's pool of one,
            # and every refill after a participant took a warm kernel) takes a free place at
            # the door only while nobody waits there; before, a room of 60 arriving at once
            # shared the 2 cores with about 30 pages' pools warming beside them
            from .admission import admission

            async with RoomKernelManager._warming, admission().background():
                return await self._warm(notebook_path, **kw)

        async def _warm(self, notebook_path: str, **kw: Any) -> Any:
            result = await super()._initialize(notebook_path, None, **kw)
            await _until_warm(result["kernel_id"], result["task"])
            return result

        def get_pool_size(self, notebook_name: str) -> int:
            """Only warm kernels count: Voila's handler takes a pooled kernel whenever this is
            above 0, and would otherwise wait for one still queued behind every other page's
            warm-up (minutes on 2 cores); without a warm one it starts a kernel for the
            request, through the door like any other."""
            return sum(map(_warm_item, self._pools.get(notebook_name, [])))

        def claim_warm(self, notebook_name: str) -> list[str] | None:
            """Hold one of the page's warm kernels for this request (in its context), or None
            when every warm kernel is held already. A warm page has run all but its last cell,
            so it costs the server little and need not wait at the door (`GuardedVoilaHandler`)."""
            if self.get_pool_size(notebook_name) <= _claims.get(notebook_name, 0):
                return None
            _claims[notebook_name] = _claims.get(notebook_name, 0) + 1
            claim = [notebook_name]
            _claim.set(claim)
            return claim

        async def get_rendered_notebook(self, notebook_name: str, *args: Any, **kw: Any):
            release_warm(_claim.get())  # this request takes its kernel now
            config = self.kernel_pools_config.get(notebook_name)
            if config and config.get("pool_size", 0) > base_pool:
                config["pool_size"] -= 1  # one expected participant has arrived
            pool = self._pools.get(notebook_name)
            if pool:
                pool.sort(key=lambda item: not _warm_item(item))  # Voila takes the first
            return await super().get_rendered_notebook(notebook_name, *args, **kw)

    return RoomKernelManager


def release_warm(claim: list[str] | None) -> None:
    """Give a claim back (once): its request has taken a kernel, or has ended without one."""
    if claim:
        page = claim.pop()
        _claims[page] = max(0, _claims.get(page, 0) - 1)


def _warm_item(item: asyncio.Future) -> bool:
    """A pool entry whose kernel has run its page up to its participant (see `_warm`)."""
    if not item.done() or item.cancelled() or item.exception() is not None:
        return False
    return item.result()["kernel_id"] in _seen


def pools_config(expect: int, first_page: str | None, base_pool: int) -> dict[str, Any]:
    """Voila's `kernel_pools_config`: the ordinary pool everywhere, N for the first page."""
    config: dict[str, Any] = {"default": {"pool_size": base_pool, "kernel_env_variables": {}}}
    if expect > base_pool and first_page:
        config[first_page] = {"pool_size": expect, "kernel_env_variables": {}}
    return config


def _warm_count(tasks: list[asyncio.Task]) -> int:
    return sum(map(_warm_item, tasks))


async def announce_ready(
    kernel_manager: Any,
    pages: list[str],
    expect: int,
    log: Any,
    first: frozenset[str] = frozenset(),
) -> None:
    """Print `Ready: ...` once every kernel of the expected pools is warm (and keep `status()`
    current meanwhile); then let the other pages warm."""
    global _status
    started = time.monotonic()
    _status = WarmUp(expect=expect, page=pages[0] if pages else "")
    # every task ever seen in the pools: one a participant already took still counts
    tasks: dict[int, asyncio.Task] = {}  # the expected page's
    watched: dict[int, asyncio.Task] = {}  # and its translations'
    try:
        while True:
            pools = getattr(kernel_manager, "_pools", {})
            tasks.update((id(t), t) for page in pages for t in pools.get(page, []))
            watched.update((id(t), t) for page in {*pages, *first} for t in pools.get(page, []))
            _status.warm = _warm_count(list(tasks.values()))
            _status.seconds = time.monotonic() - started
            if len(tasks) >= expect and all(t.done() for t in watched.values()):
                break
            await asyncio.sleep(0.5)
    finally:
        _others_may_warm().set()
    _status.done = True
    warm = _status.warm
    if warm >= expect:
        print(
            f"Ready: {warm} of {expect} kernels warm for {', '.join(pages)} "
            f"after {_status.seconds:.0f} s. Let people in.",
            flush=True,
        )
    else:
        print(
            f"Warm-up incomplete: only {warm} of {expect} kernels warm for {', '.join(pages)} "
            f"after {_status.seconds:.0f} s (the log above says why); the rest start as people "
            "arrive, more slowly.",
            flush=True,
        )
    log.info("workshop warm-up done: %s of %s kernels warm", warm, expect)
