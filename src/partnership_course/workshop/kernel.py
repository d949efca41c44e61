"""The workshop as a host (see `context`): a participant's kernel learns who it serves from the
participant token in the page's address (`?p=<token>`).

In a workshop the token is the only way in: a page without a valid token gets no learner at all
(never the server's account), so nobody can land in someone else's answers. `partnership-course
serve` names this module in `PARTNERSHIP_COURSE_HOSTS`, so every kernel it starts imports it
and registers the resolvers below; it also registers the preheat wait, so a preheated kernel
reads `?lang=` and `?p=` only once its request has arrived (and says, `request_pending`, when
asking now would mean waiting, so the page is built first).
"""

from __future__ import annotations

import os

from ..context import Host, query_param, register_host
from ..store import ResponseStore
from .preheat import request_pending, wait_for_voila_request
from .tokens import TOKEN, token_hash

WORKSHOP_ENV = "PARTNERSHIP_COURSE_WORKSHOP"
TOKEN_PARAM = "p"
HOST = "workshop"

_participant_learner: str | None = None


class NotJoined(PermissionError):
    """A workshop page was opened without a valid participant token."""


def workshop_code() -> str | None:
    """The code of the workshop this server or kernel serves, or None outside a workshop."""
    return os.environ.get(WORKSHOP_ENV, "").strip() or None


def participant_learner() -> str | None:
    """In a workshop, the learner id of the participant whose token is in this page's address
    (raises NotJoined without a valid one); None outside a workshop."""
    global _participant_learner
    code = workshop_code()
    if code is None:
        return None
    if _participant_learner is None:
        found = learner_of(code, query_param(TOKEN_PARAM))
        if found is None:
            raise NotJoined(
                "This page needs your workshop link. Go back to the workshop start page and join."
            )
        _participant_learner = found
    return _participant_learner


# the lookup `sessions.WorkshopStore.participant` makes on the server, as plain SQL through the
# response store's backend: a kernel on a SQLite store then never imports SQLAlchemy
PARTICIPANT = "SELECT learner FROM participants WHERE token_hash = :token_hash AND workshop = :code"


def learner_of(code: str, token: str | None) -> str | None:
    """The learner id of the participant holding `token` in workshop `code`, or None."""
    if not token or not TOKEN.match(token):
        return None
    with ResponseStore().backend.read() as conn:
        rows = conn.rows(PARTICIPANT, {"token_hash": token_hash(token), "code": code})
    return rows[0]["learner"] if rows else None


def forget_participant() -> None:
    """Drop the cached participant (tests; a kernel reused for another request)."""
    global _participant_learner
    _participant_learner = None


register_host(
    Host(HOST, prepare=wait_for_voila_request, learner=participant_learner, pending=request_pending)
)
