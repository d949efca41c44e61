"""Every facilitator log-in, recorded, and wrong keys slowed down per address.

The facilitator key opens every answer in the room, so guessing it must be slow: after
`LIMIT` wrong keys from one address within `WINDOW` seconds, that address is refused (HTTP 429)
until the oldest of those failures is a window old, without the key even being checked. The
count is read from the log itself, so it holds across a server restart and across several
servers sharing one PostgreSQL store. Successful log-ins are recorded too: the facilitator (or
the district) can see who opened the view, from where and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from .sessions import metadata

LIMIT = 5  # wrong keys per address ...
WINDOW = 60  # ... per this many seconds

facilitator_logins = sa.Table(
    "facilitator_logins",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("workshop", sa.String(40), nullable=False, index=True),
    sa.Column("address", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Column("refused", sa.Boolean, nullable=False, default=False),
)


@dataclass(frozen=True)
class Login:
    workshop: str
    address: str
    at: str
    ok: bool
    refused: bool  # turned away by the limit, key not checked


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class LoginLog:
    """The log-in table on the store's engine (created on first use)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        facilitator_logins.create(engine, checkfirst=True)

    def record(self, workshop: str, address: str, ok: bool, refused: bool = False) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                facilitator_logins.insert().values(
                    workshop=workshop,
                    address=address[:64],
                    at=_stamp(datetime.now(UTC)),
                    ok=ok,
                    refused=refused,
                )
            )

    def wait_seconds(self, address: str, now: datetime | None = None) -> int:
        """0 if `address` may try a key now, else how many seconds until it may."""
        now = now or datetime.now(UTC)
        since = _stamp(now - timedelta(seconds=WINDOW))
        with self.engine.connect() as conn:
            failures = (
                conn.execute(
                    sa.select(facilitator_logins.c.at)
                    .where(
                        (facilitator_logins.c.address == address[:64])
                        & (facilitator_logins.c.ok == sa.false())
                        & (facilitator_logins.c.refused == sa.false())
                        & (facilitator_logins.c.at > since)
                    )
                    .order_by(facilitator_logins.c.at.desc())
                    .limit(LIMIT)
                )
                .scalars()
                .all()
            )
        if len(failures) < LIMIT:
            return 0
        oldest = datetime.fromisoformat(failures[-1])
        return max(1, int((oldest + timedelta(seconds=WINDOW) - now).total_seconds()) + 1)

    def logins(self, workshop: str) -> list[Login]:
        """Every attempt for `workshop`, oldest first."""
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    sa.select(facilitator_logins)
                    .where(facilitator_logins.c.workshop == workshop)
                    .order_by(facilitator_logins.c.id)
                )
                .mappings()
                .all()
            )
        return [
            Login(r["workshop"], r["address"], r["at"], bool(r["ok"]), bool(r["refused"]))
            for r in rows
        ]
