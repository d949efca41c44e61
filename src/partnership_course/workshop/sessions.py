"""Workshops and their participants, kept beside the responses in the same database.

A participant joins with the workshop code and a display name and receives a participant token
(`secrets.token_urlsafe`, 32 bytes). Only the token's SHA-256 is stored, so a copy of the
database does not let anyone act as a participant. The token maps to a learner id, the key of
the participant's answers in the response store; the learner id is not a secret, the token is.

The facilitator key is likewise kept only as a hash. Tables live in their own SQLAlchemy
metadata and are created on the response store's engine, so one SQLite file (or one PostgreSQL
database) holds everything and the `responses` table is never changed.
"""

from __future__ import annotations

import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..store import Response, ResponseStore
from .tokens import TOKEN, token_hash

metadata = sa.MetaData()

workshops = sa.Table(
    "workshops",
    metadata,
    sa.Column("code", sa.String(40), primary_key=True),
    sa.Column("facilitator_key_hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
)

participants = sa.Table(
    "participants",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("workshop", sa.String(40), nullable=False, index=True),
    sa.Column("learner", sa.String(200), nullable=False, unique=True),
    sa.Column("display_name", sa.String(80), nullable=False),
    sa.Column("joined_at", sa.String(40), nullable=False),
)

# INSERT ... ON CONFLICT, which both SQLite and PostgreSQL speak (other databases: read, then write)
UPSERT: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{1,38}[A-Za-z0-9]$")
NAME_MAX = 60


class WorkshopError(ValueError):
    """A join or login that cannot go ahead; the message is safe to show to the person."""


@dataclass(frozen=True)
class Participant:
    """One person in one workshop. `learner` keys their answers in the response store."""

    workshop: str
    learner: str
    display_name: str
    joined_at: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_code() -> str:
    """A workshop code that is easy to read aloud and type: e.g. `room-4821`."""
    return f"room-{secrets.randbelow(9000) + 1000}"


def new_key() -> str:
    """A facilitator key: 16 random bytes, URL-safe."""
    return secrets.token_urlsafe(16)


def clean_name(raw: str) -> str:
    """A display name as it will be stored: printable, single-spaced, at most 60 characters."""
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(ch if unicodedata.category(ch)[0] not in "CZ" else " " for ch in text)
    text = " ".join(text.split())[:NAME_MAX].strip()
    if not text:
        raise WorkshopError("Please enter the name you would like the facilitator to see.")
    return text


class WorkshopStore:
    """Workshops, participants and their answers, over one `ResponseStore`."""

    def __init__(self, store: ResponseStore | None = None, url: str | None = None) -> None:
        self.responses = store or ResponseStore(url)
        self.engine = self.responses.engine
        metadata.create_all(self.engine)

    # -- workshops ------------------------------------------------------------------------
    def open_workshop(self, code: str, facilitator_key: str) -> None:
        """Create the workshop, or reopen it with this facilitator key (the key may change)."""
        if not CODE.match(code):
            raise WorkshopError(
                "A workshop code is 3 to 40 letters, digits or dashes, e.g. room-4821."
            )
        if len(facilitator_key) < 8:
            raise WorkshopError("A facilitator key needs at least 8 characters.")
        digest = token_hash(facilitator_key)
        if self.engine.dialect.name in UPSERT:
            # one statement, so servers opening the same room at once never collide
            insert = UPSERT[self.engine.dialect.name](workshops).values(
                code=code, facilitator_key_hash=digest, created_at=_now()
            )
            with self.engine.begin() as conn:
                conn.execute(
                    insert.on_conflict_do_update(
                        index_elements=[workshops.c.code], set_={"facilitator_key_hash": digest}
                    )
                )
            return
        with self.engine.begin() as conn:
            found = conn.execute(
                sa.select(workshops.c.code).where(workshops.c.code == code)
            ).scalar()
            if found is None:
                conn.execute(
                    workshops.insert().values(
                        code=code, facilitator_key_hash=digest, created_at=_now()
                    )
                )
            else:
                conn.execute(
                    workshops.update()
                    .where(workshops.c.code == code)
                    .values(facilitator_key_hash=digest)
                )

    def facilitator_key_hash(self, code: str) -> str | None:
        """The stored hash of workshop `code`'s facilitator key (None: no such workshop); the
        facilitator's cookie carries part of it, so a new key logs old cookies out."""
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(workshops.c.facilitator_key_hash).where(workshops.c.code == code)
            ).scalar()

    def is_facilitator(self, code: str, key: str) -> bool:
        """Does `key` open the facilitator view of workshop `code`? (constant-time compare)"""
        stored = self.facilitator_key_hash(code)
        return stored is not None and hmac.compare_digest(stored, token_hash(key or ""))

    def workshop_exists(self, code: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(workshops.c.code).where(workshops.c.code == code))
            return found.scalar() is not None

    # -- participants ---------------------------------------------------------------------
    def join(self, code: str, display_name: str) -> tuple[str, Participant]:
        """Add a participant; return their new token (shown once, never stored) and record.

        Joining always makes a new participant: a name is not a credential, so typing someone
        else's name never reaches their answers. The token in the URL is what resumes a session.
        """
        if not self.workshop_exists(code):
            raise WorkshopError("That workshop code was not found. Please check it and try again.")
        name = clean_name(display_name)
        token = secrets.token_urlsafe(32)
        participant = Participant(
            workshop=code,
            learner=f"ws-{code}-{secrets.token_hex(6)}",
            display_name=name,
            joined_at=_now(),
        )
        with self.engine.begin() as conn:
            conn.execute(
                participants.insert().values(
                    token_hash=token_hash(token),
                    workshop=code,
                    learner=participant.learner,
                    display_name=name,
                    joined_at=participant.joined_at,
                )
            )
        return token, participant

    def participant(self, code: str, token: str | None) -> Participant | None:
        """The participant holding `token` in workshop `code`, or None (wrong, forged, absent)."""
        if not token or not TOKEN.match(token):
            return None
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    sa.select(participants).where(
                        (participants.c.token_hash == token_hash(token))
                        & (participants.c.workshop == code)
                    )
                )
                .mappings()
                .first()
            )
        return _participant(row) if row is not None else None

    def participants(self, code: str) -> list[Participant]:
        """Everyone who joined, in order of joining."""
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(participants)
                    .where(participants.c.workshop == code)
                    .order_by(participants.c.joined_at, participants.c.display_name)
                )
                .mappings()
                .all()
            )
        return [_participant(row) for row in rows]

    # -- answers --------------------------------------------------------------------------
    def answers_of(self, learner: str) -> list[Response]:
        """One participant's answers (for their own download)."""
        return self.responses.query(learner=learner)

    def workshop_answers(self, code: str) -> list[Response]:
        """Every answer of every participant of workshop `code` (the store reads them)."""
        return self.responses.query_learners(p.learner for p in self.participants(code))


def _participant(row: Any) -> Participant:
    return Participant(
        workshop=row["workshop"],
        learner=row["learner"],
        display_name=row["display_name"],
        joined_at=row["joined_at"],
    )


_stores: dict[str, WorkshopStore] = {}


def workshop_store(url: str | None = None) -> WorkshopStore:
    """One WorkshopStore per store URL per process (engines are pooled)."""
    store = ResponseStore(url)
    found = _stores.get(store.url)
    if found is None:
        found = _stores[store.url] = WorkshopStore(store)
    return found
