"""The response tables as SQLAlchemy sees them, and one pooled engine per store URL.

Why apart from `responses.py`: importing SQLAlchemy costs a kernel about 13 MB and a third of
a CPU-second, and a course kernel on SQLite never needs it (`lite.py` talks to the file with
the standard library). The servers (the workshop's sessions, pacing and log-ins, LTI records)
and every non-SQLite store (PostgreSQL on a hub) use these tables and this engine; the
statements `responses.py` runs are plain SQL that both sides execute unchanged.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()

responses = sa.Table(
    "responses",
    metadata,
    sa.Column("learner", sa.String(200), primary_key=True),
    sa.Column("module", sa.String(100), primary_key=True),
    sa.Column("activity", sa.String(200), primary_key=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False, default=1),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

history = sa.Table(
    "response_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("learner", sa.String(200), nullable=False),
    sa.Column("module", sa.String(100), nullable=False),
    sa.Column("activity", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),  # the revision this version had (or, for
    # a stale copy's save, the revision it was based on)
    sa.Column("updated_at", sa.String(40), nullable=False),  # when this version was saved
    sa.Column("reason", sa.String(20), nullable=False),  # minute | removal | stale
    sa.Index("ix_response_history_key", "learner", "module", "activity", "id"),
)

_engines: dict[str, sa.Engine] = {}
_lock = threading.Lock()


def _after_fork_in_child() -> None:
    """A forked child (a `multiprocessing` worker, a forking server) must never use the
    connections its parent pooled: two processes on one socket interleave their protocol
    messages, and PostgreSQL answers one with the other's rows or drops the connection.
    SQLAlchemy's own advice is `dispose(close=False)` in the child: every cached engine (and
    so every `ResponseStore` made before the fork) gets a fresh, empty pool and opens its own
    connections, while the parent's stay open for the parent. The lock is new too, in case
    another thread held it at the moment of the fork."""
    global _lock
    _lock = threading.Lock()
    for engine in _engines.values():
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_after_fork_in_child)


def engine(url: str) -> sa.Engine:
    """The one engine of this process for `url`, with the response tables created."""
    with _lock:
        found = _engines.get(url)
        if found is None:
            found = _make_engine(url)
            metadata.create_all(found)
            _engines[url] = found
        return found


def _make_engine(url: str) -> sa.Engine:
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    made = sa.create_engine(url, connect_args={"timeout": 30})

    @sa.event.listens_for(made, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return made


class Connection:
    """A SQLAlchemy connection that runs `responses.py`'s plain SQL (named `:parameters`)."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def rows(self, sql: str, params: dict[str, Any]) -> list[Any]:
        return list(self.conn.execute(sa.text(sql), params).mappings().all())

    def run(self, sql: str, params: dict[str, Any]) -> int:
        return int(self.conn.execute(sa.text(sql), params).rowcount)


class Backend:
    """Any SQLAlchemy database (PostgreSQL on a hub; SQLite in memory)."""

    def __init__(self, url: str) -> None:
        self.engine = engine(url)

    def write(self) -> Any:
        return _Transaction(self.engine.begin())

    def read(self) -> Any:
        return _Transaction(self.engine.connect())

    @staticmethod
    def retryable() -> tuple[type[BaseException], ...]:
        return (sa.exc.IntegrityError, sa.exc.OperationalError)


class _Transaction:
    def __init__(self, context: Any) -> None:
        self.context = context

    def __enter__(self) -> Connection:
        return Connection(self.context.__enter__())

    def __exit__(self, *exc: Any) -> Any:
        return self.context.__exit__(*exc)
