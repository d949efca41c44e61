"""Preheated Voila kernels: start before anyone asks for a page, learn whose page it is after.

`partnership-course serve` keeps a pool of kernels per page. Such a kernel runs the notebook up
to the first moment it needs to know the request (the participant's token, the language), so
`QUERY_STRING` is only known after `voila.utils.wait_for_request()`. Heavy imports are done
first, while the kernel still waits in the pool, so the wait is the only thing left when the
participant arrives.
"""

from __future__ import annotations

import os

_request_seen = False


def wait_for_voila_request() -> None:
    """In a preheated Voila kernel, block until a participant's request arrives.

    Outside a preheated kernel this returns at once; it waits at most once per kernel.
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

    from ..activities import frontend  # noqa: F401
    from ..content import loader  # noqa: F401
    from ..content.registry import WIDGETS, widget_class
    from .kernel import WORKSHOP_ENV

    for kind in WIDGETS:
        widget_class(kind)
    if os.environ.get(WORKSHOP_ENV):
        from .sessions import workshop_store

        workshop_store()
