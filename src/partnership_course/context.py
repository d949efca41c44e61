"""Who is learning, and in which language: asked by the course, answered by whoever hosts it.

The learner id keys every stored answer (and is the nbgrader student id), so it must be the
same wherever a learner works; the language decides every page. Both depend on the host: a
JupyterHub user server (`JUPYTERHUB_USER`), a workshop's Voila kernel (a participant token in the
page's address, which a preheated kernel learns only when the request arrives), a coach's
command line, a laptop.

The course asks `current_learner()` and `current_language()`. Hosts add resolvers with
`register_host`, consulted before the defaults. A host registers itself in the kernel by being
named in `PARTNERSHIP_COURSE_HOSTS` (dotted module names, comma-separated), which the host sets
in the kernel's environment (`partnership-course serve` names `partnership_course.workshop.kernel`);
so this module imports nothing from the workshop or the hub, and a host that cannot be imported
is an error, never a silent fall-back to the server's account.
"""

from __future__ import annotations

import getpass
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

from . import i18n

HOSTS_ENV = "PARTNERSHIP_COURSE_HOSTS"

Resolver = Callable[[], str | None]


@dataclass(frozen=True)
class Host:
    """What a host knows. `prepare` runs once, before the first answer (a preheated kernel
    waiting for its request); `learner` and `language` return None when they have no answer,
    and may raise to refuse (a workshop page opened without a valid token). `pending` says
    whether `prepare` would block now (a preheated kernel before its request), so the course
    can build everything that does not depend on the learner first (`learner_pending`)."""

    name: str
    prepare: Callable[[], None] | None = None
    learner: Resolver | None = None
    language: Resolver | None = None
    pending: Callable[[], bool] | None = None


_hosts: dict[str, Host] = {}
_loaded: str | None = None  # the HOSTS_ENV value whose modules were imported
_prepared: set[str] = set()
_learner: str | None = None
_language: str | None = None


def register_host(host: Host) -> None:
    """Add (or replace, by name) a host's resolvers; they come before the defaults."""
    _hosts[host.name] = host
    _prepared.discard(host.name)


def unregister_host(name: str) -> None:
    """Remove a host's resolvers (tests; a kernel that stops serving a workshop)."""
    _hosts.pop(name, None)
    _prepared.discard(name)


def _load_hosts() -> list[Host]:
    """The registered hosts, after importing those named in the environment (once per value)."""
    global _loaded
    named = os.environ.get(HOSTS_ENV, "").strip()
    if named != _loaded:
        for module in filter(None, (m.strip() for m in named.split(","))):
            importlib.import_module(module)  # an ImportError here is meant: fail closed
        _loaded = named
    return list(_hosts.values())


def _active_hosts() -> list[Host]:
    """The registered hosts, each prepared (which may wait for a request) before it answers."""
    hosts = _load_hosts()
    for host in hosts:
        if host.prepare is not None and host.name not in _prepared:
            host.prepare()
            _prepared.add(host.name)
    return hosts


def set_learner(learner: str | None) -> None:
    """Force the learner id for this kernel (tests, a coach previewing, a shared laptop)."""
    global _learner
    _learner = learner


def set_language(lang: str | None) -> None:
    """Force the language for this kernel; None goes back to automatic detection."""
    global _language
    if lang is not None and lang not in i18n.supported_languages():
        raise ValueError(
            f"unsupported language {lang!r}; choose one of {i18n.supported_languages()}"
        )
    _language = lang


def current_learner() -> str:
    """The learner id: `set_learner`, then the hosts (in a workshop, the participant's token and
    nothing else), then PARTNERSHIP_COURSE_LEARNER, JUPYTERHUB_USER, the local account."""
    if _learner:
        return _learner
    for host in _active_hosts():
        found = host.learner() if host.learner else None
        if found:
            return found
    for variable in ("PARTNERSHIP_COURSE_LEARNER", "JUPYTERHUB_USER"):
        value = os.environ.get(variable, "").strip()
        if value:
            return value
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "learner"


def learner_pending() -> bool:
    """True while the learner could only be named by waiting: a kernel preheated before its
    participant's request (Voila's pool). The course then builds what needs no learner first
    and learns the learner last (`Course.ready`), so the participant waits only for that."""
    if _learner:
        return False
    return any(
        host.pending is not None and host.name not in _prepared and host.pending()
        for host in _load_hosts()
    )


def query_param(name: str) -> str | None:
    """One parameter of the page's address, which Voila hands a kernel in QUERY_STRING."""
    values = parse_qs(os.environ.get("QUERY_STRING", "")).get(name)
    return values[0] if values else None


def current_language() -> str:
    """`set_language`, then the hosts, `?lang=` (Voila), PARTNERSHIP_COURSE_LANG, the locale."""
    if _language:
        return _language
    hosts = _active_hosts()
    from_hosts = [host.language() for host in hosts if host.language]
    return i18n.choose_language(
        *from_hosts,
        query_param("lang"),
        os.environ.get("PARTNERSHIP_COURSE_LANG"),
        *(os.environ.get(v) for v in ("LC_ALL", "LC_MESSAGES", "LANG")),
    )


i18n.use_default_language(current_language)
