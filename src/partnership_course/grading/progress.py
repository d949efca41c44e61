"""A dependency-free progress bar for long runs (a line per step when output is not a terminal)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """`with Progress(total, "Autograding") as bar: bar.advance(note=...)`."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None, quiet: bool = False):
        self.total = max(total, 0)
        self.label = label
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_line = -1

    def __enter__(self) -> Progress:
        self._draw("")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.tty and not self.quiet:
            self.stream.write("\n")
            self.stream.flush()

    def advance(self, note: str = "", failed: bool = False) -> None:
        """One more step finished (`failed` counts it as a failure)."""
        self.done += 1
        self.failed += int(failed)
        self._draw(note)

    def _draw(self, note: str) -> None:
        if self.quiet:
            return
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        elapsed = time.monotonic() - self.started
        fail = f", {self.failed} failed" if self.failed else ""
        line = (
            f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
            f"{fail} {elapsed:5.0f}s {note}"
        )
        if self.tty:
            self.stream.write("\r" + line[:120].ljust(120))
        else:
            step = max(1, self.total // 20)
            if (
                self.done in (0, self.total)
                or self.done - self._last_line >= step
                or failed_note(note)
            ):
                self.stream.write(line + "\n")
                self._last_line = self.done
        self.stream.flush()


def failed_note(note: str) -> bool:
    """Notes that start with FAILED are always printed."""
    return note.startswith("FAILED")
