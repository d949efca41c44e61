"""Learner responses, keyed by (learner, module, activity), in SQLite or any SQLAlchemy database.

SQLite is the default because it needs no server: one file, opened in WAL mode with full
synchronous commits so a killed kernel or a closed tab never loses a saved answer, and a busy
timeout so dozens of workshop kernels can write to the same file. A PostgreSQL URL (or any
SQLAlchemy URL) selects a shared database for hubs and large workshops without code changes.
A SQLite file is read and written with the standard library's `sqlite3` (`lite.py`), so a
course kernel never imports SQLAlchemy; other databases go through SQLAlchemy (`schema.py`).
Both run the same plain SQL below, and `engine` (SQLAlchemy, made on first use) serves the
servers' own tables on either.

Nothing typed is lost (issue 15):
- `responses` holds each activity's current answer and its revision; every `save` says which
  revision it was based on (`expected_revision`), and a save from a stale copy (another tab, a
  second laptop) never replaces newer work: it raises `StaleAnswer` carrying the newer answer,
  and the stale value is still kept, in the history.
- `response_history` is append-only (rows are inserted, never updated or deleted). It keeps
  earlier versions without keeping every keystroke: the version being replaced when the last
  kept one is more than a minute old (so at least one version per minute of work), and always
  the version from just before a change that removes more than a few words (`REMOVED_WORDS`),
  such as an accidental select-all-delete. `history()` reads them back, newest first.
- An answer is at most `MAX_ANSWER_BYTES` (1 MiB of text); a larger one raises `AnswerTooLarge`
  with a plain message, and the stored answer stays as it was.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import lite

if TYPE_CHECKING:
    import sqlalchemy as sa

MAX_ANSWER_BYTES = 1024 * 1024  # the learner's text in one answer, UTF-8
VERSION_EVERY = timedelta(minutes=1)  # at least one kept version per minute of work
REMOVED_WORDS = 5  # a change removing more words than this keeps the version before it


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


class AnswerTooLarge(ValueError):
    """An answer over `MAX_ANSWER_BYTES`; nothing was stored and the last version is intact."""

    def __init__(self, size: int) -> None:
        self.size = size
        super().__init__(
            f"This answer is {size / 1_048_576:.1f} MB of text; an answer can hold at most 1 MB. "
            "It was not saved, and your last saved version is kept."
        )


class StaleAnswer(RuntimeError):
    """A save based on an older revision than the stored one; `current` is the newer answer.

    The stale value was not made current, but it was kept in the history (reason "stale"), so a
    learner who typed in an old tab can still bring it back.
    """

    def __init__(self, current: Response, expected: int | None) -> None:
        self.current = current
        self.expected = expected
        super().__init__(
            f"{current.activity}: saved from revision {expected}, but revision "
            f"{current.revision} is newer; the newer answer was kept"
        )


def default_url() -> str:
    """`PARTNERSHIP_COURSE_STORE` if set, else a SQLite file in the user's data folder."""
    url = os.environ.get("PARTNERSHIP_COURSE_STORE")
    if url:
        return url
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'partnership-course' / 'responses.db'}"


def __getattr__(name: str) -> Any:
    """`metadata`, `responses` and `history` (the SQLAlchemy tables) for the servers that
    import them from here; importing them loads SQLAlchemy, which the kernel never does."""
    if name in {"metadata", "responses", "history"}:
        from . import schema

        return getattr(schema, name)
    raise AttributeError(name)


_backends: dict[str, Any] = {}
OPEN_FILES = 32  # SQLite files a process keeps a connection to (a test run opens hundreds)


def _backend(url: str) -> Any:
    """One backend per URL per process: `lite.Backend` for a SQLite file, else SQLAlchemy.

    Beyond `OPEN_FILES` SQLite files, the least recently opened one's connection is closed
    (three file handles each, with WAL); a store still holding that backend reopens it."""
    found = _backends.get(url)
    if found is None:
        database = lite.file_of(url)
        if database is not None:
            found = lite.Backend(database)
        else:
            from . import schema

            found = schema.Backend(url)
        found = _backends.setdefault(url, found)
        files = [key for key, backend in _backends.items() if isinstance(backend, lite.Backend)]
        for oldest in files[: max(0, len(files) - OPEN_FILES)]:
            _backends.pop(oldest).close()
    return found


# -- the statements, plain SQL that SQLite (sqlite3) and SQLAlchemy's databases both run -----
KEY = "learner = :learner AND module = :module AND activity = :activity"
COLUMNS = "learner, module, activity, kind, value, revision, updated_at"
CURRENT = f"SELECT {COLUMNS} FROM responses WHERE {KEY}"
INSERT = (
    f"INSERT INTO responses ({COLUMNS}) "
    "VALUES (:learner, :module, :activity, :kind, :value, 1, :updated_at)"
)
UPDATE = (
    "UPDATE responses SET kind = :kind, value = :value, revision = :revision + 1, "
    f"updated_at = :updated_at WHERE {KEY} AND revision = :revision"
)
LAST_KEPT = (
    f"SELECT updated_at FROM response_history WHERE {KEY} AND reason <> 'stale' "
    "ORDER BY id DESC LIMIT 1"
)
KEEP = (
    f"INSERT INTO response_history ({COLUMNS}, reason) "
    "VALUES (:learner, :module, :activity, :kind, :value, :revision, :updated_at, :reason)"
)
LEARNERS_PER_QUERY = 500
HISTORY = f"SELECT {COLUMNS} FROM response_history WHERE {KEY} ORDER BY id DESC"


# -- what a version holds ----------------------------------------------------------------------
WORD = re.compile(r"\w+", re.UNICODE)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def text_bytes(value: Any) -> int:
    """UTF-8 bytes of every string in an answer (what the 1 MB limit counts)."""
    return sum(len(s.encode("utf-8", "surrogatepass")) for s in _strings(value))


def removed_words(before: Any, after: Any) -> int:
    """How many words of `before` are gone in `after` (as a multiset: replacing text counts)."""
    old = Counter(w for s in _strings(before) for w in WORD.findall(s.casefold()))
    new = Counter(w for s in _strings(after) for w in WORD.findall(s.casefold()))
    return sum((old - new).values())


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def _row(row: Any) -> Response:
    return Response(
        learner=row["learner"],
        module=row["module"],
        activity=row["activity"],
        kind=row["kind"],
        value=json.loads(row["value"]),
        revision=row["revision"],
        updated_at=row["updated_at"],
    )


class ResponseStore:
    """Read and write responses; every write is committed before the call returns."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.backend = _backend(self.url)

    @property
    def engine(self) -> sa.Engine:
        """The SQLAlchemy engine for this store's database (made on first use: the servers'
        own tables live beside the responses; a kernel never asks for it)."""
        from . import schema

        return schema.engine(self.url)

    def save(
        self,
        learner: str,
        module: str,
        activity: str,
        kind: str,
        value: dict[str, Any],
        expected_revision: int | None = None,
    ) -> int:
        """Store `value` as the activity's current state; return its new revision number.

        `expected_revision` is the revision the caller's copy was based on (0: it saw nothing
        saved). When the store holds a different one, nothing is replaced: `StaleAnswer` is
        raised with the newer answer, and `value` is kept in the history. None skips the check
        (scripts and imports that mean to overwrite).
        """
        size = text_bytes(value)
        if size > MAX_ANSWER_BYTES:
            raise AnswerTooLarge(size)
        payload = json.dumps(value, ensure_ascii=False, sort_keys=True)
        names = {"learner": learner, "module": module, "activity": activity}
        for attempt in range(3):
            now = _now()
            try:
                with self.backend.write() as conn:
                    found = conn.rows(CURRENT, names)
                    if not found:  # the first save (a copy expecting more has nothing newer)
                        conn.run(
                            INSERT,
                            {**names, "kind": kind, "value": payload, "updated_at": _stamp(now)},
                        )
                        return 1
                    current = found[0]
                    revision = current["revision"]
                    if expected_revision is not None and expected_revision != revision:
                        self._keep(conn, names, kind, payload, expected_revision, now, "stale")
                        stale = StaleAnswer(_row(current), expected_revision)
                    else:
                        stale = None
                        reason = self._worth_keeping(conn, names, current, value, now)
                        if reason:
                            self._keep(
                                conn,
                                names,
                                current["kind"],
                                current["value"],
                                revision,
                                datetime.fromisoformat(current["updated_at"]),
                                reason,
                            )
                        done = conn.run(
                            UPDATE,
                            {
                                **names,
                                "kind": kind,
                                "value": payload,
                                "revision": revision,
                                "updated_at": _stamp(now),
                            },
                        )
                        if done != 1:  # another writer got there between read and write
                            raise _Raced()
                if stale is not None:
                    raise stale
                return revision + 1
            except (*self.backend.retryable(), _Raced):
                # another tab inserted or updated first (SQLite may also say "locked" when a read
                # turns into a write after another kernel wrote): look again; with an expected
                # revision the other write now makes this copy stale, as it should
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    @staticmethod
    def _worth_keeping(
        conn: Any, names: dict[str, str], current: Any, value: dict[str, Any], now: datetime
    ) -> str | None:
        """Why the version about to be replaced should be kept, or None."""
        if removed_words(json.loads(current["value"]), value) > REMOVED_WORDS:
            return "removal"
        last = conn.rows(LAST_KEPT, names)
        if not last or now - datetime.fromisoformat(last[0]["updated_at"]) >= VERSION_EVERY:
            return "minute"
        return None

    @staticmethod
    def _keep(
        conn: Any,
        names: dict[str, str],
        kind: str,
        payload: str,
        revision: int,
        saved: datetime,
        reason: str,
    ) -> None:
        conn.run(
            KEEP,
            {
                **names,
                "kind": kind,
                "value": payload,
                "revision": revision,
                "updated_at": _stamp(saved),
                "reason": reason,
            },
        )

    def load(self, learner: str, module: str, activity: str) -> Response | None:
        """The stored state of one activity for one learner, or None if never answered."""
        found = self.query(learner=learner, module=module, activity=activity)
        return found[0] if found else None

    def history(self, learner: str, module: str, activity: str) -> list[Response]:
        """Earlier versions of one answer, newest first, with the same keys as `load`.

        The current answer is not among them. A version kept from a stale copy carries the
        revision it was based on.
        """
        names = {"learner": learner, "module": module, "activity": activity}
        with self.backend.read() as conn:
            rows = conn.rows(HISTORY, names)
        return [_row(row) for row in rows]

    def query(
        self,
        learner: str | None = None,
        module: str | None = None,
        activity: str | None = None,
    ) -> list[Response]:
        """Responses matching the given keys, ordered by learner, module, activity."""
        wanted = {
            name: value
            for name, value in (("learner", learner), ("module", module), ("activity", activity))
            if value is not None
        }
        where = " AND ".join(f"{name} = :{name}" for name in wanted) or "1 = 1"
        sql = f"SELECT {COLUMNS} FROM responses WHERE {where} ORDER BY learner, module, activity"
        with self.backend.read() as conn:
            rows = conn.rows(sql, wanted)
        return [_row(row) for row in rows]

    def query_learners(self, learners: Iterable[str]) -> list[Response]:
        """Every response of these learners (a workshop's room), by learner, module, activity.

        Plain SQL with one named parameter per learner, so the kernel's sqlite3 backend and
        SQLAlchemy's databases run the same statement; asked `LEARNERS_PER_QUERY` at a time,
        below the oldest SQLite's 999 variables. Sorted here by code point, so the order is the
        same on every database and however many pieces it took (collations differ).
        """
        wanted = sorted(set(learners))
        found: list[Response] = []
        with self.backend.read() as conn:
            for start in range(0, len(wanted), LEARNERS_PER_QUERY):
                piece = wanted[start : start + LEARNERS_PER_QUERY]
                params = {f"l{i}": learner for i, learner in enumerate(piece)}
                sql = (
                    f"SELECT {COLUMNS} FROM responses WHERE learner IN "
                    f"({', '.join(':' + name for name in params)})"
                )
                found.extend(_row(row) for row in conn.rows(sql, params))
        return sorted(found, key=lambda r: (r.learner, r.module, r.activity))


class _Raced(Exception):
    """The row changed between reading and writing it (another kernel saved); try again."""


def open_store(url: str | None = None) -> ResponseStore:
    """The store at `url` (default: `default_url()`)."""
    return ResponseStore(url)
