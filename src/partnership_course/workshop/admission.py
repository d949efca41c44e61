"""A line at the door: at most a few module pages are prepared at once, the rest wait their turn.

Preparing a page means starting a kernel and running the notebook: seconds of CPU each. When 60
people open their first page at the same moment on a 2-core machine, starting all 60 at once
makes every one of them slow, and kernels' websockets time out ("connection reset"). So a page
is prepared only while fewer than `capacity` are being prepared; anyone else gets a small page
that says so, shows their place in the line, and asks again by itself every few seconds (its
address carries a ticket, so people are served in the order they arrived). Nobody's connection
is held open or dropped while they wait.

Warming kernels for the preheated pool (`--expect`) takes places in the same line, but only
when no participant is waiting: people at the door go first.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

CAPACITY_ENV = "PARTNERSHIP_COURSE_MAX_STARTING"
FORGET_AFTER = 30.0  # seconds: a ticket not asked about for this long has left the line


def default_capacity() -> int:
    """Pages prepared at once: `--max-starting`, else two per core."""
    try:
        return max(1, int(os.environ.get(CAPACITY_ENV, "")))
    except ValueError:
        return max(2, 2 * (os.cpu_count() or 1))


@dataclass(frozen=True)
class Turn:
    admitted: bool
    ticket: str = ""
    position: int = 0  # 1 = next in line


class Admission:
    def __init__(self, capacity: int | None = None) -> None:
        self.capacity = capacity or default_capacity()
        self.busy = 0
        self.line: OrderedDict[str, float] = OrderedDict()  # ticket -> last asked (monotonic)
        self._freed = asyncio.Event()

    def _forget_gone(self, now: float) -> None:
        for ticket, seen in list(self.line.items()):
            if now - seen > FORGET_AFTER:
                del self.line[ticket]

    def enter(self, ticket: str | None = None) -> Turn:
        """Admit the request now, or give (or keep) its place in the line."""
        now = time.monotonic()
        self._forget_gone(now)
        free = self.capacity - self.busy
        if ticket in self.line:
            position = list(self.line).index(ticket)
            if position < free:
                del self.line[ticket]
                self.busy += 1
                return Turn(True)
            self.line[ticket] = now
            return Turn(False, ticket, position + 1 - max(free, 0))
        if not self.line and free > 0:
            self.busy += 1
            return Turn(True)
        fresh = secrets.token_urlsafe(9)
        self.line[fresh] = now
        return Turn(False, fresh, len(self.line) - max(free, 0))

    def leave(self) -> None:
        self.busy = max(0, self.busy - 1)
        self._freed.set()

    @asynccontextmanager
    async def background(self) -> AsyncIterator[None]:
        """A place for work nobody is waiting for (warming a kernel): taken only when the line
        is empty and a place is free, so participants always go first."""
        while self.line or self.busy >= self.capacity:
            self._freed.clear()
            try:
                await asyncio.wait_for(self._freed.wait(), timeout=1.0)
            except TimeoutError:
                self._forget_gone(time.monotonic())
        self.busy += 1
        try:
            yield
        finally:
            self.leave()


_admission: Admission | None = None


def admission() -> Admission:
    """The server's one line (created on first use, in the server's event loop)."""
    global _admission
    if _admission is None:
        _admission = Admission()
    return _admission
