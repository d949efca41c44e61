"""`partnership-course hub`: write the hub's settings and configuration, then run JupyterHub.

Everything the hub keeps (its own SQLite state, cookie secret, the course notebooks it serves,
the coaches' course folder, per-person home folders) lives in one data folder, so a restart
with the same `--data-dir` carries on exactly where the hub stopped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from .auth import AUTHENTICATORS
from .config import CONFIG_TEMPLATE
from .settings import HubSettings
from .spawner import SPAWNERS

PROXY = "configurable-http-proxy"


def default_data_dir() -> Path:
    env = os.environ.get("PARTNERSHIP_COURSE_HUB_DIR")
    if env:
        return Path(env)
    return Path.home() / ".local" / "share" / "partnership-course" / "hub"


def find_proxy() -> str | None:
    """configurable-http-proxy on PATH, else the copy `./run` installs into the venv."""
    found = shutil.which(PROXY)
    if found:
        return found
    local = Path(sys.prefix) / "node_modules" / ".bin" / PROXY
    return str(local) if local.exists() else None


def prepare_course_dir(course_dir: Path) -> None:
    """A coaches' nbgrader folder with the course's settings and rubric, if it has none yet."""
    from ..content.paths import grader_dir
    from ..grading.nbg import write_config

    course_dir.mkdir(parents=True, exist_ok=True)
    if not (course_dir / "nbgrader_config.py").exists():
        write_config(course_dir)
    for name in ("rubric.yaml", "course.yaml"):
        source = grader_dir() / name
        if source.is_file() and not (course_dir / name).exists():
            shutil.copy2(source, course_dir / name)


def prepare(settings: HubSettings) -> Path:
    """Write the course notebooks, the coaches' folder, settings and config; return the config."""
    from ..workshop.site import build_site

    if not settings.proxy_command:
        settings.proxy_command = find_proxy() or ""
    if not settings.proxy_command:
        raise FileNotFoundError(
            f"{PROXY} was not found: `./run setup` installs it (npm install {PROXY})"
        )
    settings.data.mkdir(parents=True, exist_ok=True)
    build_site(settings.site_path)  # English and every translation, overwritten in place
    prepare_course_dir(settings.course_path)
    settings.save()
    config = settings.data / "jupyterhub_config.py"
    config.write_text(CONFIG_TEMPLATE, encoding="utf-8")
    return config


def hub_argv(config: Path) -> list[str]:
    return [sys.executable, "-m", "partnership_course.hub.app", "-f", str(config)]


def add_arguments(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """CLI wiring for `partnership-course hub`."""
    defaults = HubSettings(data_dir="")
    add = parser.add_argument
    add("--data-dir", type=Path, default=None, help="the hub's folder (default: %(default)s)")
    add("--ip", default=defaults.ip, help="address to listen on (0.0.0.0 behind HTTPS)")
    add("--port", type=int, default=defaults.port)
    add("--hub-port", type=int, default=defaults.hub_port, help="the hub's internal API port")
    add("--proxy-api-port", type=int, default=defaults.proxy_api_port)
    add("--service-port-base", type=int, default=defaults.service_port_base)
    add(
        "--store",
        default=os.environ.get("PARTNERSHIP_COURSE_STORE", ""),
        help="response store URL for every user server (default: $PARTNERSHIP_COURSE_STORE)",
    )
    add(
        "--gradebook",
        default=os.environ.get("PARTNERSHIP_COURSE_GRADEBOOK", ""),
        help="nbgrader gradebook URL (default: $PARTNERSHIP_COURSE_GRADEBOOK, else SQLite in "
        "the course folder)",
    )
    add("--course-dir", default="", help="coaches' nbgrader folder (default: DATA/grader)")
    add("--admin", action="append", default=[], metavar="NAME", help="hub admin (repeatable)")
    add("--coach", action="append", default=[], metavar="NAME", help="coach (repeatable)")
    add("--login", choices=list(AUTHENTICATORS), default=defaults.authenticator)
    add("--oauth-callback-url", default="", help="https://HUB/hub/oauth_callback (OAuth log-ins)")
    add("--google-domain", default="", help="Google Workspace domain (--login google)")
    add("--entra-tenant", default="", help="Microsoft Entra tenant id (--login entra)")
    add(
        "--lti-config",
        default=os.environ.get("PARTNERSHIP_COURSE_LTI", ""),
        help="lti.yaml, the LMS registration (--login lti; default: $PARTNERSHIP_COURSE_LTI)",
    )
    add(
        "--lti-passback-seconds",
        type=int,
        default=defaults.lti_passback_seconds,
        help="seconds between the LMS passback service's passes (--login lti)",
    )
    add("--spawner", choices=list(SPAWNERS), default=defaults.spawner)
    add(
        "--cull-idle-minutes",
        type=float,
        default=defaults.cull_idle_minutes,
        help="stop servers idle this long (0: never)",
    )
    add("--cull-every-minutes", type=float, default=defaults.cull_every_minutes)
    add(
        "--concurrent-spawns",
        type=int,
        default=defaults.concurrent_spawns,
        help="servers starting at once; people beyond it are asked to retry (0: 5 per core)",
    )
    add(
        "--max-servers",
        type=int,
        default=defaults.max_servers,
        help="running servers at most, sized to the machine's memory (0: no limit)",
    )
    add("--mem-limit", default=defaults.mem_limit)
    add("--write-config", action="store_true", help="write the configuration and exit")

    def handler(args: argparse.Namespace) -> int:
        return run(args)

    return handler


def settings_from(args: argparse.Namespace) -> HubSettings:
    return HubSettings(
        data_dir=str((args.data_dir or default_data_dir()).resolve()),
        store=args.store,
        gradebook=args.gradebook,
        course_dir=str(Path(args.course_dir).resolve()) if args.course_dir else "",
        ip=args.ip,
        port=args.port,
        hub_port=args.hub_port,
        proxy_api_port=args.proxy_api_port,
        service_port_base=args.service_port_base,
        admins=args.admin,
        coaches=args.coach,
        authenticator=args.login,
        oauth_callback_url=args.oauth_callback_url,
        google_domain=args.google_domain,
        entra_tenant=args.entra_tenant,
        lti_config=str(Path(args.lti_config).resolve()) if args.lti_config else "",
        lti_passback_seconds=args.lti_passback_seconds,
        spawner=args.spawner,
        cull_idle_minutes=args.cull_idle_minutes,
        cull_every_minutes=args.cull_every_minutes,
        concurrent_spawns=args.concurrent_spawns,
        max_servers=args.max_servers,
        mem_limit=args.mem_limit,
    )


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if settings.authenticator == "native" and not settings.admins:
        print(
            "partnership-course hub: name at least one --admin (they approve sign-ups)",
            file=sys.stderr,
        )
        return 2
    try:
        config = prepare(settings)
        from traitlets.config import Config

        from .config import configure

        configure(Config(), settings)  # fail here, with our message, on a bad combination
    except (ValueError, FileNotFoundError) as problem:
        print(f"partnership-course hub: {problem}", file=sys.stderr)
        return 2
    shown = "127.0.0.1" if settings.ip in ("0.0.0.0", "::", "") else settings.ip
    print(
        f"Hub configuration: {config}\n"
        f"Staff log in at http://{shown}:{settings.port}/hub/login"
        + (
            " (new staff sign up at /hub/signup; admins approve them at /hub/authorize)"
            if settings.authenticator == "native"
            else ""
        ),
        flush=True,
    )
    if os.geteuid() == 0 and settings.spawner == "simple":
        print(
            "Warning: the hub runs as root, so every user server does too; run it as an "
            "unprivileged account, or use --spawner systemd.",
            file=sys.stderr,
        )
    if args.write_config:
        return 0
    os.chdir(settings.data)
    proxy_dir = str(Path(settings.proxy_command).parent)
    os.environ["PATH"] = os.pathsep.join([proxy_dir, os.environ.get("PATH", "")])
    argv = hub_argv(config)
    os.execv(argv[0], argv)
    return 0  # not reached
