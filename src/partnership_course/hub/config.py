"""The course's JupyterHub configuration, applied to a traitlets config object.

`configure(c, settings)` is all of it: the generated `jupyterhub_config.py` calls it, and the
tests call it on a fresh `Config` to check each set-up without starting a hub.
"""

from __future__ import annotations

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
    auth.configure_login(c, settings)
    spawner.configure_spawner(c, settings)
    hub_services, coach_names = services.hub_services(settings)
    c.JupyterHub.services = hub_services
    c.JupyterHub.load_groups = roles.groups(settings)
    c.JupyterHub.load_roles = roles.roles(settings, coach_names, settings.cull_idle_minutes > 0)
    return c
