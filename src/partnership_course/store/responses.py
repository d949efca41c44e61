"""Learner responses, keyed by (learner, module, activity), in SQLite or any SQLAlchemy database.

SQLite is the default because it needs no server: one file, opened in WAL mode with full
synchronous commits so a killed kernel or a closed tab never loses a saved answer, and a busy
timeout so dozens of workshop kernels can write to the same file. A PostgreSQL URL (or any
SQLAlchemy URL) selects a shared database for hubs and large workshops without code changes.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
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


@dataclass(frozen=True)
class Response:
    """One stored answer: the activity's state as a JSON-able dict, and when it last changed."""

    learner: str
    module: str
    activity: str
    kind: str
    value: dict[str, Any]
    revision: int
    updated_at: str


def default_url() -> str:
    """`PARTNERSHIP_COURSE_STORE` if set, else a SQLite file in the user's data folder."""
    url = os.environ.get("PARTNERSHIP_COURSE_STORE")
    if url:
        return url
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'partnership-course' / 'responses.db'}"


_engines: dict[str, sa.Engine] = {}
_lock = threading.Lock()


def _engine(url: str) -> sa.Engine:
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _make_engine(url)
            metadata.create_all(engine)
            _engines[url] = engine
        return engine


def _make_engine(url: str) -> sa.Engine:
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


class ResponseStore:
    """Read and write responses; every write is committed before the call returns."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = _engine(self.url)

    def save(
        self, learner: str, module: str, activity: str, kind: str, value: dict[str, Any]
    ) -> int:
        """Store `value` as the activity's current state; return its new revision number."""
        payload = json.dumps(value, ensure_ascii=False, sort_keys=True)
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        key = (
            (responses.c.learner == learner)
            & (responses.c.module == module)
            & (responses.c.activity == activity)
        )
        for attempt in range(3):
            try:
                with self.engine.begin() as conn:
                    current = conn.execute(sa.select(responses.c.revision).where(key)).scalar()
                    if current is None:
                        conn.execute(
                            responses.insert().values(
                                learner=learner,
                                module=module,
                                activity=activity,
                                kind=kind,
                                value=payload,
                                revision=1,
                                updated_at=now,
                            )
                        )
                        return 1
                    conn.execute(
                        responses.update()
                        .where(key)
                        .values(kind=kind, value=payload, revision=current + 1, updated_at=now)
                    )
                    return current + 1
            except sa.exc.IntegrityError:
                # another tab of the same learner inserted first; update on the next pass
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def load(self, learner: str, module: str, activity: str) -> Response | None:
        """The stored state of one activity for one learner, or None if never answered."""
        found = self.query(learner=learner, module=module, activity=activity)
        return found[0] if found else None

    def query(
        self,
        learner: str | None = None,
        module: str | None = None,
        activity: str | None = None,
    ) -> list[Response]:
        """Responses matching the given keys, ordered by learner, module, activity."""
        stmt = sa.select(responses)
        for column, wanted in (("learner", learner), ("module", module), ("activity", activity)):
            if wanted is not None:
                stmt = stmt.where(responses.c[column] == wanted)
        stmt = stmt.order_by(responses.c.learner, responses.c.module, responses.c.activity)
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
        return [
            Response(
                learner=row["learner"],
                module=row["module"],
                activity=row["activity"],
                kind=row["kind"],
                value=json.loads(row["value"]),
                revision=row["revision"],
                updated_at=row["updated_at"],
            )
            for row in rows
        ]


def open_store(url: str | None = None) -> ResponseStore:
    """The store at `url` (default: `default_url()`)."""
    return ResponseStore(url)
