"""The response store on a SQLite file through the standard library's `sqlite3`.

Why: every open page of a workshop is a kernel that reads and saves answers, and importing
SQLAlchemy there cost about 13 MB and a third of a CPU-second per kernel for what is a handful
of statements. This backend opens the same file in the same way as the SQLAlchemy engine
(`schema.py`: WAL, full synchronous commits, a 30 s busy timeout) and creates the same tables
with the DDL SQLAlchemy emits, so either side can open a file the other wrote, including the
old-format stores in `tests/store/fixtures`.

Writes take the write lock at `BEGIN IMMEDIATE`, so a save's read-then-update never turns into
a "database is locked" upgrade halfway; reads run outside a transaction (WAL gives each
statement a consistent snapshot). One connection per process and URL, opened again in a forked
child (a connection must not cross a fork), used under a lock by the kernel's threads.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# the tables `schema.metadata.create_all` creates on SQLite, column for column and with its
# index (tests/store/test_lite.py compares the two)
DDL = (
    "CREATE TABLE IF NOT EXISTS responses (learner VARCHAR(200) NOT NULL, "
    "module VARCHAR(100) NOT NULL, activity VARCHAR(200) NOT NULL, kind VARCHAR(40) NOT NULL, "
    "value TEXT NOT NULL, revision INTEGER NOT NULL, updated_at VARCHAR(40) NOT NULL, "
    "PRIMARY KEY (learner, module, activity))",
    "CREATE TABLE IF NOT EXISTS response_history (id INTEGER NOT NULL, "
    "learner VARCHAR(200) NOT NULL, module VARCHAR(100) NOT NULL, "
    "activity VARCHAR(200) NOT NULL, kind VARCHAR(40) NOT NULL, value TEXT NOT NULL, "
    "revision INTEGER NOT NULL, updated_at VARCHAR(40) NOT NULL, reason VARCHAR(20) NOT NULL, "
    "PRIMARY KEY (id))",
    "CREATE INDEX IF NOT EXISTS ix_response_history_key "
    "ON response_history (learner, module, activity, id)",
)

PREFIX = "sqlite:///"


def file_of(url: str) -> str | None:
    """The file a plain `sqlite:///path` URL names, or None (memory, options, other drivers:
    those stay with SQLAlchemy, which reads them exactly as before)."""
    if not url.startswith(PREFIX) or "?" in url:
        return None
    database = url[len(PREFIX) :]
    return database if database and database != ":memory:" else None


class Connection:
    """One sqlite3 connection running `responses.py`'s plain SQL (named `:parameters`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def rows(self, sql: str, params: dict[str, Any]) -> list[Any]:
        return self.conn.execute(sql, params).fetchall()

    def run(self, sql: str, params: dict[str, Any]) -> int:
        return self.conn.execute(sql, params).rowcount


class Backend:
    """A SQLite file, one connection per process."""

    def __init__(self, database: str) -> None:
        self.database = database
        self._pid = os.getpid()
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    def _connection(self) -> sqlite3.Connection:
        """This process's connection, opened on first use (call it holding `_lock`)."""
        if self._conn is None:
            Path(self.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.database, timeout=30, isolation_level=None, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=30000")
            for statement in DDL:
                conn.execute(statement)
            self._conn = conn
        return self._conn

    def _mine(self) -> threading.RLock:
        """The lock of this process: in a forked child, a new lock and no connection yet (the
        inherited connection is kept referenced and never closed here, since closing it in the
        child could disturb the parent's file; another thread may have held the old lock)."""
        if self._pid != os.getpid():
            if self._conn is not None:
                _inherited.append(self._conn)
            self._conn, self._lock, self._pid = None, threading.RLock(), os.getpid()
        return self._lock

    def close(self) -> None:
        """Close this process's connection; the next use opens a new one."""
        with self._mine():
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction holding the write lock from its start; committed on leaving."""
        with self._mine():
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield Connection(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._mine():
            yield Connection(self._connection())

    @staticmethod
    def retryable() -> tuple[type[BaseException], ...]:
        return (sqlite3.IntegrityError, sqlite3.OperationalError)


_inherited: list[sqlite3.Connection] = []  # kept referenced, so never closed by GC
