"""Who is learning: an explicit override, a JupyterHub user, or the local account.

The learner id is the key under which answers are stored and, for coaches, the nbgrader student
id; so it must be stable across sessions and identical in every place the learner works.
Workshop participants (Voila) get their id from a participant token; see `workshop/`.
"""

from __future__ import annotations

import getpass
import os

_override: str | None = None


def set_learner(learner: str | None) -> None:
    """Force the learner id for this kernel (tests, a coach previewing, a shared laptop)."""
    global _override
    _override = learner


def current_learner() -> str:
    """The learner id: override, then PARTNERSHIP_COURSE_LEARNER, JUPYTERHUB_USER, local user."""
    if _override:
        return _override
    for variable in ("PARTNERSHIP_COURSE_LEARNER", "JUPYTERHUB_USER"):
        value = os.environ.get(variable, "").strip()
        if value:
            return value
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "learner"
