"""Who may reach what: the coaches group, and the roles that grant coach-only services.

JupyterHub's default `user` role already limits everyone to their own server (`self`), so a
teacher gets 403 for another teacher's server. On top of it:
- the `coaches` group gets the `coach` role: access to every coach-only service (formgrader
  and whatever `services.COACH_SERVICES` adds), and nothing of anyone else's server;
- the idle culler gets exactly the scopes it needs to find and stop idle servers.
Admins (hub admins, who approve sign-ups) are a separate list: being a coach grants no admin
rights, and being an admin does not make someone a grader.
"""

from __future__ import annotations

from typing import Any

from .services import IDLE_CULLER, IDLE_CULLER_SCOPES
from .settings import COACHES_GROUP, HubSettings


def groups(settings: HubSettings) -> dict[str, dict[str, Any]]:
    """`c.JupyterHub.load_groups`: the coaches group and its members (none with LTI log-in,
    where the LMS roles of each launch decide the groups)."""
    if settings.authenticator == "lti":
        return {}
    return {COACHES_GROUP: {"users": sorted(set(settings.coaches))}}


def roles(settings: HubSettings, coach_services: list[str], culling: bool) -> list[dict[str, Any]]:
    """`c.JupyterHub.load_roles`."""
    found: list[dict[str, Any]] = [
        {
            "name": "coach",
            "description": "coaches: the grading services, over the one course gradebook",
            "groups": [COACHES_GROUP],
            "scopes": [f"access:services!service={name}" for name in coach_services],
        }
    ]
    if culling:
        found.append(
            {
                "name": IDLE_CULLER,
                "description": "stop idle user servers",
                "services": [IDLE_CULLER],
                "scopes": list(IDLE_CULLER_SCOPES),
            }
        )
    return found
