"""The course's JupyterHub configuration, applied to a traitlets config object.

`configure(c, settings)` is all of it: the generated `jupyterhub_config.py` calls it, and the
tests call it on a fresh `Config` to check each set-up without starting a hub.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import auth, roles, services, spawner
from .settings import HubSettings

CONFIG_TEMPLATE = '''\
"""JupyterHub configuration for the course (written by `partnership-course hub`).

Settings live in settings.json beside this file; change them there or re-run the command.
"""

from pathlib import Path

from partnership_course.hub.config import configure
from partnership_course.hub.settings import HubSettings

c = get_config()  # noqa: F821 - injected by traitlets
configure(c, HubSettings.load(Path(__file__).with_name("settings.json")))
'''


def configure(c: Any, settings: HubSettings) -> Any:
    """Apply every part of the course's hub set-up to `c`; returns `c`."""
    data = settings.data
    data.mkdir(parents=True, exist_ok=True)
    c.JupyterHub.ip = settings.ip
    c.JupyterHub.port = settings.port
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.hub_port
    c.JupyterHub.db_url = f"sqlite:///{data / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(data / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(data / "jupyterhub.pid")
    # a restarted hub finds the servers still running and routes to them again
    c.JupyterHub.cleanup_servers = False
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    if settings.proxy_command:
        c.ConfigurableHTTPProxy.command = [settings.proxy_command]
    c.ConfigurableHTTPProxy.pid_file = str(data / "proxy.pid")
    # after log-in, straight to the person's server, which opens on the course start page
    c.JupyterHub.default_url = "/hub/spawn"
    limit_bursts(c, settings)
    auth.configure_login(c, settings)
    spawner.configure_spawner(c, settings)
    hub_services, coach_names = services.hub_services(settings)
    c.JupyterHub.services = hub_services
    c.JupyterHub.load_groups = roles.groups(settings)
    c.JupyterHub.load_roles = roles.roles(settings, coach_names, settings.cull_idle_minutes > 0)
    local_config(c, data / LOCAL_CONFIG)
    return c


LOCAL_CONFIG = "jupyterhub_config.d"


def local_config(c: Any, folder: Path) -> list[Path]:
    """Run the district's own configuration files, `<data-dir>/jupyterhub_config.d/*.py` in name
    order, after ours, with `c` in scope as in any JupyterHub config file; returns them.

    `partnership-course hub` rewrites `jupyterhub_config.py` on every start, so lines added to
    it would be lost; files in this folder are kept (like z2jh's `hub.extraConfig`). They are as
    trusted as the config file itself: only the hub's administrator can write the data folder.
    """
    files = sorted(folder.glob("*.py")) if folder.is_dir() else []
    for path in files:
        code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
        exec(code, {"c": c, "get_config": lambda: c, "__file__": str(path)})
    return files


SPAWNS_PER_CORE = 5
RETRY_AFTER = (10, 30)  # seconds; JupyterHub advises about the median spawn time as the minimum


def limit_bursts(c: Any, settings: HubSettings) -> None:
    """A burst of log-ins (a whole staff meeting at 9:00) must not start every server at once.

    With no limit, fifty servers starting together on two cores starve configurable-http-proxy,
    its API times out, and the hub gives up on every one of them (docs/capacity.md). JupyterHub's
    `concurrent_spawn_limit` lets that many start and answers the others 429 "Too many users
    trying to log in right now. Try again in N seconds" with a `Retry-After` header from
    `spawn_throttle_retry_range`; the hub's spawn page shows that message, and nobody's spawn
    fails. `active_server_limit` caps the running servers to what the memory holds.
    """
    c.JupyterHub.concurrent_spawn_limit = settings.concurrent_spawns or SPAWNS_PER_CORE * (
        os.cpu_count() or 1
    )
    c.JupyterHub.spawn_throttle_retry_range = RETRY_AFTER
    c.JupyterHub.active_server_limit = settings.max_servers
    # the hub reads the proxy's activity as often as the servers report theirs
    c.JupyterHub.last_activity_interval = spawner.activity_interval(settings)
