"""Pacing the room: which parts (course pages) are open, and where everyone is asked to go.

A workshop starts with every part open, as before pacing existed, until the facilitator first
chooses which parts are open; from then on only the parts they opened are. A closed part's link
answers with a polite page that says it opens later, and no kernel is started for it. "Send
everyone to a part" is one row per workshop: the start page and every module page show it as a
link (never a forced jump, which could cut someone off mid-sentence).

Kept in the store's database, so a restart or a second server behind the same PostgreSQL sees
the same state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from .sessions import metadata

open_parts = sa.Table(
    "workshop_open_parts",
    metadata,
    sa.Column("workshop", sa.String(40), primary_key=True),
    sa.Column("page", sa.String(300), primary_key=True),
)

paced = sa.Table(
    "workshop_pacing",
    metadata,
    sa.Column("workshop", sa.String(40), primary_key=True),
    sa.Column("paced", sa.Boolean, nullable=False),  # False: every part open
    sa.Column("send_to", sa.String(300), nullable=True),  # a page path, or None
    sa.Column("changed_at", sa.String(40), nullable=False),
)


@dataclass(frozen=True)
class Pacing:
    """What a page needs to know: `open` None = every part is open (not paced yet)."""

    open: frozenset[str] | None
    send_to: str | None

    def is_open(self, page: str) -> bool:
        return self.open is None or page in self.open


class PacingStore:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        open_parts.create(engine, checkfirst=True)
        paced.create(engine, checkfirst=True)

    def state(self, workshop: str) -> Pacing:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(paced).where(paced.c.workshop == workshop)).first()
            if row is None:
                return Pacing(None, None)
            if not row.paced:
                return Pacing(None, row.send_to)
            pages = conn.execute(
                sa.select(open_parts.c.page).where(open_parts.c.workshop == workshop)
            ).scalars()
            return Pacing(frozenset(pages), row.send_to)

    def set_open(self, workshop: str, pages: set[str]) -> None:
        """Open exactly `pages` (course page paths); every other part closes, and a "send
        everyone" to a part now closed is withdrawn."""
        with self.engine.begin() as conn:
            row = self._row(conn, workshop)
            conn.execute(open_parts.delete().where(open_parts.c.workshop == workshop))
            if pages:
                conn.execute(
                    open_parts.insert(), [{"workshop": workshop, "page": p} for p in sorted(pages)]
                )
            send_to = row.send_to if row.send_to in pages else None
            conn.execute(
                paced.update()
                .where(paced.c.workshop == workshop)
                .values(paced=True, send_to=send_to, changed_at=_now())
            )

    def send_everyone(self, workshop: str, page: str | None) -> None:
        """Ask everyone to open `page` (opening it, if the room is paced), or stop (None)."""
        with self.engine.begin() as conn:
            row = self._row(conn, workshop)
            if page is not None and row.paced:
                exists = conn.execute(
                    sa.select(open_parts.c.page).where(
                        (open_parts.c.workshop == workshop) & (open_parts.c.page == page)
                    )
                ).first()
                if exists is None:
                    conn.execute(open_parts.insert().values(workshop=workshop, page=page))
            conn.execute(
                paced.update()
                .where(paced.c.workshop == workshop)
                .values(send_to=page, changed_at=_now())
            )

    def _row(self, conn: sa.Connection, workshop: str) -> sa.Row:
        row = conn.execute(sa.select(paced).where(paced.c.workshop == workshop)).first()
        if row is None:
            conn.execute(
                paced.insert().values(
                    workshop=workshop, paced=False, send_to=None, changed_at=_now()
                )
            )
            row = conn.execute(sa.select(paced).where(paced.c.workshop == workshop)).first()
        return row


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
