"""Preheated Voila kernels: start before anyone asks for a page, learn whose page it is after.

`partnership-course serve` keeps a pool of kernels per page. Voila runs such a kernel's
notebook, cell by cell, until a cell waits for the request (`voila.utils.wait_for_request()`,
after which `QUERY_STRING` holds the participant's token); the cells before it are rendered
and sent at once when the request comes. So the wait should come as late as possible: the
served copy of every page names its language (`site.py`), its activities are built while
`request_pending()` (`Course` defers only the learner's own answers), and its last cell,
`course.ready()`, is the only one that waits. A participant then waits for the token lookup
and their saved answers, not for the page's imports and widgets.
"""

from __future__ import annotations

import os

_request_seen = False


def request_pending() -> bool:
    """True in a preheated kernel whose participant's request has not been waited for yet."""
    return not _request_seen and os.environ.get("VOILA_PREHEAT", "False") != "False"


def wait_for_voila_request() -> None:
    """In a preheated Voila kernel, block until a participant's request arrives.

    Outside a preheated kernel this returns at once; it waits at most once per kernel.
    """
    global _request_seen
    if _request_seen or os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    _warm_imports()
    from .request_wait import wait_for_request  # Voila's protocol, without importing Voila

    wait_for_request()
    _request_seen = True


def _warm_imports() -> None:
    """Open the store while the kernel is still waiting in the pool, so the participant's
    request pays only for the token lookup and their answers.

    The page's own cells have run by now and imported what the page uses; importing every
    other activity kind here as well (as when the cells ran after the request) cost each
    kernel 43 modules, about 3 MB and 0.1 CPU-s for kinds its page never shows (jinja2 and
    the toolkit's documents among them)."""
    from .kernel import WORKSHOP_ENV

    if os.environ.get(WORKSHOP_ENV):
        from ..store import ResponseStore

        ResponseStore().query(learner="")  # opens the store (and its connection) now
