"""Hub-managed services: formgrader for the coaches, the idle culler, and any other coach tool.

**Adding a coach-only service.** Write a function `(HubSettings) -> ServiceSpec` and add its
dotted path to `COACH_SERVICES` below. The hub starts its command, proxies
`/services/<name>/` to it, and grants the coaches group (and nobody else) the scope
`access:services!service=<name>`, so a teacher gets 403 there. The command is given a free
loopback port in `{port}` and its prefix in `JUPYTERHUB_SERVICE_PREFIX`; it authenticates
people with `jupyterhub.services.auth.HubOAuth` (or is a Jupyter server, which does so itself).

formgrader follows nbgrader's documented set-up for several graders of one course on
JupyterHub: one shared Jupyter server, run by the hub as a service in the course folder, opened
at `/formgrader`, reachable by the graders' group. Its gradebook is the one course gradebook
(`PARTNERSHIP_COURSE_GRADEBOOK`, PostgreSQL when several coaches grade at once), which
`partnership-course grade`, `report` and `certificate` use too. There is no exchange folder:
submissions are built from the shared response store by `partnership-course grade inject`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from .settings import FORMGRADER_SERVICE, HubSettings
from .spawner import root_args

# dotted paths of `(HubSettings) -> ServiceSpec`; each becomes a service only coaches reach
COACH_SERVICES: list[str] = [
    "partnership_course.hub.services:formgrader",
    "partnership_course.grading.review_server:hub_service",
]

IDLE_CULLER = "idle-culler"


@dataclass
class ServiceSpec:
    """One hub-managed service. `command` may contain `{port}`; it is filled in by the hub."""

    name: str
    command: list[str]
    description: str = ""
    environment: dict[str, str] = field(default_factory=dict)
    cwd: str = ""
    display: bool = True  # listed on the hub's Services menu for those who may open it

    def to_hub(self, port: int | None) -> dict[str, Any]:
        spec: dict[str, Any] = {
            "name": self.name,
            "command": [part.replace("{port}", str(port)) for part in self.command],
            "environment": dict(self.environment),
            "display": self.display,
            "oauth_no_confirm": True,  # the hub's own tool: no "authorize access?" page
        }
        if self.description:
            spec["info"] = {"description": self.description}
        if port is not None:
            spec["url"] = f"http://127.0.0.1:{port}"
        if self.cwd:
            spec["cwd"] = self.cwd
        return spec


def python_tool(module: str) -> list[str]:
    """Run a module with the hub's own Python (no PATH lookup, so a venv works unactivated)."""
    return [sys.executable, "-m", module]


def formgrader(settings: HubSettings) -> ServiceSpec:
    """nbgrader's formgrader over the course folder and its one gradebook."""
    environment = {
        "JUPYTERHUB_DEFAULT_URL": "/formgrader",
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
    }
    if settings.gradebook:
        environment["PARTNERSHIP_COURSE_GRADEBOOK"] = settings.gradebook
    if settings.store:
        environment["PARTNERSHIP_COURSE_STORE"] = settings.store
    return ServiceSpec(
        name=FORMGRADER_SERVICE,
        description="nbgrader formgrader: grade the cohort's reflections",
        command=[
            *python_tool("jupyterhub.singleuser"),
            *root_args(),
            f"--ServerApp.root_dir={settings.course_path}",
            "--ServerApp.port={port}",
        ],
        environment=environment,
        cwd=str(settings.course_path),
    )


def idle_culler(settings: HubSettings) -> dict[str, Any]:
    """jupyterhub-idle-culler: stop user servers idle longer than `cull_idle_minutes`.

    Answers are already in the store, so culling loses nothing; the next visit starts a server.
    """
    return {
        "name": IDLE_CULLER,
        "command": [
            *python_tool("jupyterhub_idle_culler"),
            f"--timeout={round(settings.cull_idle_minutes * 60)}",
            f"--cull-every={max(1, round(settings.cull_every_minutes * 60))}",
        ],
    }


IDLE_CULLER_SCOPES = ["list:users", "read:users:activity", "read:servers", "delete:servers"]


def coach_services(settings: HubSettings) -> list[ServiceSpec]:
    """Every service in `COACH_SERVICES`, built for these settings."""
    built = []
    for target in COACH_SERVICES:
        module_name, _, attr = target.partition(":")
        factory: Callable[[HubSettings], ServiceSpec] = getattr(import_module(module_name), attr)
        built.append(factory(settings))
    names = [spec.name for spec in built]
    if len(set(names)) != len(names):
        raise ValueError(f"two coach services share a name: {names}")
    return built


def hub_services(settings: HubSettings) -> tuple[list[dict[str, Any]], list[str]]:
    """(`c.JupyterHub.services`, names of the coach-only services)."""
    coaches = coach_services(settings)
    services = [
        spec.to_hub(settings.service_port_base + number) for number, spec in enumerate(coaches)
    ]
    if settings.cull_idle_minutes > 0:
        services.append(idle_culler(settings))
    if settings.authenticator == "lti":
        from ..lti.hubconfig import passback_service

        services.append(
            passback_service(settings.lti_config, settings.store, settings.lti_passback_seconds)
        )
    return services, [spec.name for spec in coaches]
