"""A line at the door: at most a few module pages are prepared at once, the rest wait their turn.

Preparing a page means starting a kernel and running the notebook: seconds of CPU each. When 60
people open their first page at the same moment on a 2-core machine, starting all 60 at once
makes every one of them slow, and kernels' websockets time out ("connection reset"). So a page
is prepared only while fewer than `capacity` are being prepared; anyone else gets a small page
that says so, shows their place in the line, and asks again by itself (its address carries a
ticket, so people are served in the order they arrived). Nobody's connection is held open or
dropped while they wait.

When to ask again is the server's to say (`retry_delay`), by place in the line: at 200 people
asking every 3 s the server spent about a fifth of its time answering the waiting page
(py-spy, docs/capacity.md). The first in line asks again soon (a place may free at any moment
and an absent first ticket would hold the door); someone further back asks when about half of
their expected wait has passed (their place over the pages the door has been finishing per
second lately), never later than `LATEST`, with some jitter so a room that arrived together
does not ask together. A ticket is forgotten only when it has not come back well after the time
it was given; if it comes back after that (a laptop that slept), it gets its old place again.

Warming kernels for the preheated pool (`--expect`) takes places in the same line, but only
when no participant is waiting: people at the door go first.
"""

from __future__ import annotations

import asyncio
import os
import random
import secrets
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

CAPACITY_ENV = "PARTNERSHIP_COURSE_MAX_STARTING"
SOONEST = 1.5  # seconds: when the first in line asks again (before jitter)
LATEST = 15.0  # seconds: nobody is told to wait longer than this before asking again
SHARE = 0.5  # ask again when this share of the expected wait has passed
JITTER = 0.2  # each delay is drawn within ±20%
PAGE_SECONDS = 8.0  # a page's preparation, until the door has measured its own
RATE_WINDOW = 60.0  # seconds of finished pages that the door's pace is measured over
GRACE = 10.0  # seconds past its time (plus that time again) before a ticket is forgotten
REMEMBER = 600.0  # seconds a forgotten ticket keeps its place for when it comes back


def default_capacity() -> int:
    """Pages prepared at once: `--max-starting`, else two per core."""
    try:
        return max(1, int(os.environ.get(CAPACITY_ENV, "")))
    except ValueError:
        return max(2, 2 * (os.cpu_count() or 1))


def retry_delay(
    position: int, pages_per_second: float, draw: float = 0.5, soonest: float = SOONEST
) -> float:
    """Seconds until someone at `position` (1 = next) asks again, when the door finishes
    `pages_per_second`; `draw` in [0, 1) places the delay within the jitter."""
    expected = max(0, position - 1) / max(pages_per_second, 1e-3)
    delay = min(LATEST, max(soonest, SHARE * expected))
    return delay * (1 - JITTER + 2 * JITTER * draw)


@dataclass(frozen=True)
class Turn:
    admitted: bool
    ticket: str = ""
    position: int = 0  # 1 = next in line
    retry: float = 0.0  # seconds until this person should ask again


@dataclass
class _Place:
    number: int  # arrival order
    forget_at: float  # monotonic


class Admission:
    def __init__(self, capacity: int | None = None, draw: random.Random | None = None) -> None:
        self.capacity = capacity or default_capacity()
        self.busy = 0
        self.line: dict[str, _Place] = {}  # ticket -> place, in arrival order
        self._forgotten: dict[str, _Place] = {}  # forget_at: when it was forgotten
        self._freed = asyncio.Event()
        self._arrived = 0
        self._finished: deque[float] = deque(maxlen=50)  # when recent pages were done
        self._draw = draw or random.Random()

    def _forget_gone(self, now: float) -> None:
        for ticket, place in list(self.line.items()):
            if now > place.forget_at:
                del self.line[ticket]
                self._forgotten[ticket] = _Place(place.number, now)
        for ticket, place in list(self._forgotten.items()):
            if now - place.forget_at > REMEMBER:
                del self._forgotten[ticket]

    def pace(self, now: float | None = None) -> float:
        """Pages the door has finished per second lately (an estimate before it has any)."""
        now = time.monotonic() if now is None else now
        recent = [t for t in self._finished if now - t <= RATE_WINDOW]
        if len(recent) >= 2 and recent[-1] > recent[0]:
            return (len(recent) - 1) / (recent[-1] - recent[0])
        return self.capacity / PAGE_SECONDS

    def _wait(self, ticket: str, number: int, position: int, now: float) -> Turn:
        delay = retry_delay(position, self.pace(now), self._draw.random())
        self.line[ticket] = _Place(number, now + 2 * delay + GRACE)
        return Turn(False, ticket, position, delay)

    def enter(self, ticket: str | None = None) -> Turn:
        """Admit the request now, or give (or keep) its place in the line."""
        now = time.monotonic()
        self._forget_gone(now)
        free = self.capacity - self.busy
        if ticket is not None and ticket in self._forgotten:  # back after all: its old place
            self.line[ticket] = self._forgotten.pop(ticket)
            self.line = dict(sorted(self.line.items(), key=lambda item: item[1].number))
        if ticket is not None and ticket in self.line:
            position = list(self.line).index(ticket)
            if position < free:
                del self.line[ticket]
                self.busy += 1
                return Turn(True)
            return self._wait(ticket, self.line[ticket].number, position + 1 - max(free, 0), now)
        if not self.line and free > 0:
            self.busy += 1
            return Turn(True)
        self._arrived += 1
        fresh = secrets.token_urlsafe(9)
        self.line[fresh] = _Place(self._arrived, now)
        return self._wait(fresh, self._arrived, len(self.line) - max(free, 0), now)

    def leave(self) -> None:
        self.busy = max(0, self.busy - 1)
        self._finished.append(time.monotonic())
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
