"""The user servers: what runs for each staff member, where it opens, and what it is told.

Every user server is a Jupyter server (`jupyterhub.singleuser`) over the course notebooks:
- it opens on the course start page in the web-app view (Voila's server extension,
  `/user/<name>/voila/tree`), with JupyterLab one click away (`/user/<name>/lab`);
- its kernels store answers in the one shared store (`PARTNERSHIP_COURSE_STORE`) under the hub
  user name, which JupyterHub hands over as `JUPYTERHUB_USER` (see `context.current_learner`);
- course notebooks are never written (`contents.CourseContentsManager`), and in JupyterLab a
  course notebook never turns dirty (the `partnership-course-lab` extension);
- teachers get a JupyterLab without nbgrader's instructor tools and without the news prompt;
  coaches (the `coaches` group) keep nbgrader's tools.

Spawners (`SPAWNERS`): `simple` runs every server as the hub's own system user, in a home folder
per person under the hub's data folder. Answers never live in those folders (they are in the
store), so nothing a teacher does needs a system account. `systemd` (jupyterhub-systemdspawner)
runs each server as its own dynamic system user with a memory and CPU limit: the choice for a
district server where staff also write their own files. See docs/design.md.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..workshop.serve import JUPYTER_DATA as VOILA_TEMPLATES
from .settings import COACHES_GROUP, HubSettings

HERE = Path(__file__).resolve().parent / "jupyter"
LAB_DATA = HERE / "data"  # labextensions/partnership-course-lab
TEACHER_CONFIG = HERE / "teacher"  # labconfig/page_config.json, jupyter_server_config.json
COACH_CONFIG = HERE / "coach"
START_PAGE = "/voila/tree"


def root_args() -> list[str]:
    """Jupyter refuses to run as root unless told; a hub run as root (a CI machine, a test) tells
    it. A district runs the hub as an unprivileged account (see docs/design.md)."""
    return ["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []


def server_args(settings: HubSettings) -> list[str]:
    """Jupyter server options shared by every user server."""
    return [
        *root_args(),
        "--ServerApp.contents_manager_class=partnership_course.hub.contents.CourseContentsManager",
        "--VoilaConfiguration.template=partnership-hub",
        "--VoilaConfiguration.classic_tree=True",  # our tree.html, rendered on the server
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.strip_sources=True",
        # kernels idle this long are stopped inside a server the culler has not stopped yet
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_idle_timeout="
        f"{round(max(settings.cull_idle_minutes, 10) * 60)}",
        "--MappingKernelManager.cull_connected=False",
    ]


def environment(settings: HubSettings) -> dict[str, str]:
    """Variables every user server gets (the hub adds JUPYTERHUB_USER and its own)."""
    env = {
        "JUPYTER_PATH": os.pathsep.join([str(LAB_DATA), str(VOILA_TEMPLATES)]),
        # the learner is the hub user, never an inherited override
        "PARTNERSHIP_COURSE_LEARNER": "",
        "PARTNERSHIP_COURSE_WORKSHOP": "",
    }
    if settings.store:
        env["PARTNERSHIP_COURSE_STORE"] = settings.store
    # how often the server tells the hub it was used: often enough for the culler's timeout
    env["JUPYTERHUB_ACTIVITY_INTERVAL"] = str(activity_interval(settings))
    return env


def activity_interval(settings: HubSettings) -> int:
    """Seconds between activity reports: JupyterHub's 300, or a quarter of a shorter cull
    timeout, so the culler never stops a server whose person is still working."""
    if settings.cull_idle_minutes <= 0:
        return 300
    return max(1, min(300, round(settings.cull_idle_minutes * 60 / 4)))


def is_coach(spawner: Any) -> bool:
    return any(group.name == COACHES_GROUP for group in spawner.user.groups)


def pre_spawn_hook(spawner: Any) -> None:
    """Teachers and coaches differ only in which Jupyter config folder comes first."""
    folder = COACH_CONFIG if is_coach(spawner) else TEACHER_CONFIG
    spawner.environment["JUPYTER_CONFIG_PATH"] = str(folder)


def simple(c: Any, settings: HubSettings) -> None:
    # JupyterHub's "simple" spawner, with ports that a burst of log-ins does not collide on
    c.JupyterHub.spawner_class = "partnership_course.hub.local_spawner.CourseLocalSpawner"
    home = settings.data / "users"
    home.mkdir(parents=True, exist_ok=True)
    c.CourseLocalSpawner.home_dir_template = str(home / "{username}")


def systemd(c: Any, settings: HubSettings) -> None:
    # jupyterhub-systemdspawner, with the same port rule as `simple`
    c.JupyterHub.spawner_class = "partnership_course.hub.systemd_spawner.CourseSystemdSpawner"
    c.SystemdSpawner.dynamic_users = True
    c.SystemdSpawner.mem_limit = settings.mem_limit
    c.SystemdSpawner.cpu_limit = 1.0
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.disable_user_sudo = True
    c.SystemdSpawner.readonly_paths = [str(settings.site_path)]


SPAWNERS: dict[str, Callable[[Any, HubSettings], None]] = {"simple": simple, "systemd": systemd}


def configure_spawner(c: Any, settings: HubSettings) -> None:
    try:
        chosen = SPAWNERS[settings.spawner]
    except KeyError:
        known = ", ".join(SPAWNERS)
        raise ValueError(f"unknown spawner {settings.spawner!r}; choose one of {known}") from None
    chosen(c, settings)
    c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
    c.Spawner.notebook_dir = str(settings.site_path)
    c.Spawner.default_url = START_PAGE
    c.Spawner.args = server_args(settings)
    c.Spawner.environment = environment(settings)
    c.Spawner.pre_spawn_hook = pre_spawn_hook
    c.Spawner.mem_limit = settings.mem_limit
    # a busy two-core server starting thirty at once needs longer than the 60 s default
    c.Spawner.start_timeout = 300
    c.Spawner.http_timeout = 300
