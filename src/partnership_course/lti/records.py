"""Three tables beside the responses, in the store's own database (SQLite or PostgreSQL).

- `lti_launches`: per hub user and course, what passback needs from the last launch: the
  platform's issuer and client id, the deployment, the learner's subject, the AGS line-items
  address and the scopes granted. Passback runs from the coach's command line, where the hub's
  encrypted auth_state cannot be read, so the launch writes it here.
- `lti_nonces`: every id_token nonce already accepted, so a replayed launch is refused even when
  the replayer also holds the browser's cookies.
- `lti_posts`: the audit of every score post, sent or failed, with the hash of what was posted;
  passback skips a state whose hash was already posted, and the coach reads this table with
  `partnership-course lti audit`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from ..store import ResponseStore

metadata = sa.MetaData()

launches = sa.Table(
    "lti_launches",
    metadata,
    sa.Column("user", sa.String(200), primary_key=True),
    sa.Column("course", sa.String(100), primary_key=True),
    sa.Column("issuer", sa.String(500), nullable=False),
    sa.Column("client_id", sa.String(200), nullable=False),
    sa.Column("deployment_id", sa.String(200), nullable=False),
    sa.Column("subject", sa.String(300), nullable=False),
    sa.Column("context", sa.String(300), nullable=False),
    sa.Column("lineitems_url", sa.Text, nullable=True),
    sa.Column("scopes", sa.Text, nullable=False, default="[]"),
    sa.Column("coach", sa.Boolean, nullable=False, default=False),
    sa.Column("launched_at", sa.String(40), nullable=False),
)

nonces = sa.Table(
    "lti_nonces",
    metadata,
    sa.Column("issuer", sa.String(500), primary_key=True),
    sa.Column("nonce", sa.String(300), primary_key=True),
    sa.Column("seen_at", sa.String(40), nullable=False),
)

posts = sa.Table(
    "lti_posts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("posted_at", sa.String(40), nullable=False),
    sa.Column("user", sa.String(200), nullable=False, index=True),
    sa.Column("course", sa.String(100), nullable=False),
    sa.Column("module", sa.String(100), nullable=False),
    sa.Column("lineitem", sa.Text, nullable=False),
    sa.Column("score_given", sa.Float, nullable=True),
    sa.Column("score_maximum", sa.Float, nullable=False),
    sa.Column("activity_progress", sa.String(40), nullable=False),
    sa.Column("grading_progress", sa.String(40), nullable=False),
    sa.Column("state_hash", sa.String(64), nullable=False, index=True),
    sa.Column("status", sa.String(20), nullable=False),  # "posted" or "failed"
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("detail", sa.Text, nullable=False, default=""),
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Launch:
    """What the last launch of one person into one course left for passback."""

    user: str
    course: str
    issuer: str
    client_id: str
    deployment_id: str
    subject: str
    context: str
    lineitems_url: str | None
    scopes: tuple[str, ...]
    coach: bool
    launched_at: str


class Records:
    """The LTI tables of one store database (created on first use)."""

    def __init__(self, store: ResponseStore | str | None = None) -> None:
        store = store if isinstance(store, ResponseStore) else ResponseStore(store)
        self.engine = store.engine
        metadata.create_all(self.engine)

    # -- nonces ----------------------------------------------------------------------------
    def use_nonce(self, issuer: str, nonce: str) -> bool:
        """Record `nonce` as used; False when it had been used before (a replay)."""
        try:
            with self.engine.begin() as conn:
                conn.execute(nonces.insert().values(issuer=issuer, nonce=nonce, seen_at=now()))
        except sa.exc.IntegrityError:
            return False
        return True

    # -- launches --------------------------------------------------------------------------
    def save_launch(self, launch: Launch) -> None:
        values = {
            "issuer": launch.issuer,
            "client_id": launch.client_id,
            "deployment_id": launch.deployment_id,
            "subject": launch.subject,
            "context": launch.context,
            "lineitems_url": launch.lineitems_url,
            "scopes": json.dumps(list(launch.scopes)),
            "coach": launch.coach,
            "launched_at": launch.launched_at,
        }
        key = (launches.c.user == launch.user) & (launches.c.course == launch.course)
        for attempt in range(2):
            try:
                with self.engine.begin() as conn:
                    if conn.execute(sa.select(launches.c.user).where(key)).first():
                        conn.execute(launches.update().where(key).values(**values))
                    else:
                        conn.execute(
                            launches.insert().values(
                                user=launch.user, course=launch.course, **values
                            )
                        )
                return
            except sa.exc.IntegrityError:
                if attempt:
                    raise

    def launches(self, course: str | None = None, user: str | None = None) -> list[Launch]:
        stmt = sa.select(launches).order_by(launches.c.course, launches.c.user)
        if course is not None:
            stmt = stmt.where(launches.c.course == course)
        if user is not None:
            stmt = stmt.where(launches.c.user == user)
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
        return [
            Launch(
                **{k: v for k, v in row.items() if k != "scopes"},
                scopes=tuple(json.loads(row["scopes"] or "[]")),
            )
            for row in rows
        ]

    # -- the audit of posts ----------------------------------------------------------------
    def record_post(self, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(posts.insert().values(posted_at=now(), **values))

    def posted_hashes(self, user: str, course: str, module: str) -> set[str]:
        """Hashes of the states already posted (successfully) for one learner's module."""
        stmt = sa.select(posts.c.state_hash).where(
            (posts.c.user == user)
            & (posts.c.course == course)
            & (posts.c.module == module)
            & (posts.c.status == "posted")
        )
        with self.engine.connect() as conn:
            return set(conn.execute(stmt).scalars())

    def audit(self, course: str | None = None, user: str | None = None) -> list[dict[str, Any]]:
        """Every post, oldest first (optionally for one course or one learner)."""
        stmt = sa.select(posts).order_by(posts.c.id)
        if course is not None:
            stmt = stmt.where(posts.c.course == course)
        if user is not None:
            stmt = stmt.where(posts.c.user == user)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(stmt).mappings()]
