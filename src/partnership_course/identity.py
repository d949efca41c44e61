"""Who is learning: an explicit override, a workshop participant token, a JupyterHub user, or the
local account.

The learner id is the key under which answers are stored and, for coaches, the nbgrader student
id; so it must be stable across sessions and identical in every place the learner works.

Workshop participants (`partnership-course serve --workshop CODE`) are identified by the
participant token in the page's URL (`?p=<token>`), which Voila hands to the kernel in
`QUERY_STRING`. In a workshop the token is the only way in: a page without a valid token gets
no learner at all (never the server's account), so nobody can land in someone else's answers.
"""

from __future__ import annotations

import getpass
import os
from urllib.parse import parse_qs

WORKSHOP_ENV = "PARTNERSHIP_COURSE_WORKSHOP"
TOKEN_PARAM = "p"

_override: str | None = None
_participant_learner: str | None = None
_request_seen = False


class NotJoined(PermissionError):
    """A workshop page was opened without a valid participant token."""


def set_learner(learner: str | None) -> None:
    """Force the learner id for this kernel (tests, a coach previewing, a shared laptop)."""
    global _override
    _override = learner


def wait_for_voila_request() -> None:
    """In a preheated Voila kernel, block until a participant's request arrives.

    A preheated kernel starts before anyone asks for the page, so `QUERY_STRING` (token,
    language) is only known after `voila.utils.wait_for_request()`. Heavy imports are done
    first, so the wait is the only thing left when the participant arrives. Outside a preheated
    kernel this returns at once; it waits at most once per kernel.
    """
    global _request_seen
    if _request_seen or os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    _warm_imports()
    from voila.utils import wait_for_request

    wait_for_request()
    _request_seen = True


def _warm_imports() -> None:
    """Import what every module page needs, while the kernel is still waiting in the pool."""
    import ipywidgets  # noqa: F401

    from .activities import base  # noqa: F401
    from .content import loader  # noqa: F401
    from .content.registry import WIDGETS, widget_class

    for kind in WIDGETS:
        widget_class(kind)
    if os.environ.get(WORKSHOP_ENV):
        from .workshop.sessions import workshop_store

        workshop_store()


def query_param(name: str) -> str | None:
    """One parameter of the page's query string (Voila), or None."""
    values = parse_qs(os.environ.get("QUERY_STRING", "")).get(name)
    return values[0] if values else None


def participant_learner() -> str:
    """The learner id of the workshop participant whose token is in this page's URL."""
    global _participant_learner
    if _participant_learner is None:
        wait_for_voila_request()
        from .workshop.sessions import workshop_store

        found = workshop_store().participant(os.environ[WORKSHOP_ENV], query_param(TOKEN_PARAM))
        if found is None:
            raise NotJoined(
                "This page needs your workshop link. Go back to the workshop start page and join."
            )
        _participant_learner = found.learner
    return _participant_learner


def current_learner() -> str:
    """The learner id: override, then the workshop participant token (in a workshop, the only
    way), then PARTNERSHIP_COURSE_LEARNER, JUPYTERHUB_USER, the local user."""
    if _override:
        return _override
    if os.environ.get(WORKSHOP_ENV, "").strip():
        return participant_learner()
    for variable in ("PARTNERSHIP_COURSE_LEARNER", "JUPYTERHUB_USER"):
        value = os.environ.get(variable, "").strip()
        if value:
            return value
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "learner"
