"""`partnership-course serve`: the course as a standalone Voila web app, alone or for a workshop.

The standalone app (not the Jupyter server extension) is used because only it restricts what
the browser may send to a kernel (comm messages, never code) and only it can preheat kernels;
code is hidden, tracebacks are not shown to participants, and idle kernels are culled so a room
of laptops cannot exhaust memory.

- On this computer only (`--host 127.0.0.1`, the default, no `--workshop`): one learner, the
  local account, as in JupyterLab.
- For a room (`--workshop CODE`, or any `--host` other than loopback): participants join with
  the code and a display name and get a private link; the facilitator view needs the key.
  Code and key are generated and printed when not given.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
import tempfile
from collections.abc import Callable, MutableMapping
from pathlib import Path

from ..content.paths import modules_dir
from ..context import HOSTS_ENV
from .kernel import WORKSHOP_ENV

JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"  # holds voila/templates/partnership
# lab extensions that belong to JupyterLab, not to a participant's page
EXTENSION_DENYLIST = [
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
]


def voila_argv(
    port: int, host: str, idle_minutes: int, pool_size: int = 0, root: Path | None = None
) -> list[str]:
    """The Voila command-line options for serving every module (without the program name)."""
    argv = [
        str(root or modules_dir()),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        "--show_tracebacks=False",
        "--strip_sources=True",
        "--theme=light",
        "--template=partnership",
        # one flag per item: the list-literal form is deprecated in traitlets 5
        *(f"--VoilaConfiguration.extension_denylist={name}" for name in EXTENSION_DENYLIST),
        "--MappingKernelManager.cull_interval=60",
        f"--MappingKernelManager.cull_idle_timeout={idle_minutes * 60}",
        "--MappingKernelManager.cull_connected=False",
    ]
    if kernel_transport() == "ipc":
        argv.append("--KernelManager.transport=ipc")
    if pool_size > 0:
        # one warm kernel per notebook (Voila pools are per notebook); incompatible with
        # progressive rendering, which is therefore left off
        argv += ["--preheat_kernel=True", f"--pool_size={pool_size}"]
    return argv


UNIX_SOCKET_PATH = 107  # bytes a Unix socket's path may hold on Linux
# a kernel's socket path under Voila's connection folder (`<tmp>/voila_XXXXXXXX/`), longest case
IPC_NAME = "voila_XXXXXXXX/kernel-00000000-0000-0000-0000-000000000000-ipc-999"


def kernel_transport(tmp: str | None = None) -> str:
    """How the server talks to its kernels: Unix sockets ("ipc") where they fit, else TCP.

    Over TCP, jupyter_client picks five free ports per kernel, closes them, and the kernel
    binds them a moment later; on a busy machine another process can take one in between (at
    200 participants one kernel could not bind, "Address already in use", and that person's
    page failed after 60 s: docs/capacity.md). Unix sockets have no ports to race for: each
    kernel's are files named after its own id in Voila's private connection folder. They are
    used where the path fits a Unix socket (a very long temporary folder falls back to TCP).
    """
    if os.name != "posix":
        return "tcp"
    longest = os.path.join(tmp or tempfile.gettempdir(), IPC_NAME)
    return "ipc" if len(longest.encode()) <= UNIX_SOCKET_PATH else "tcp"


BYTECODE_ENV = "PYTHONPYCACHEPREFIX"


def cache_kernel_bytecode(environ: MutableMapping[str, str] | None = None) -> Path:
    """Let kernels compile the course's libraries once, not each one again.

    Every kernel imports the same libraries (SQLAlchemy, ipywidgets, pydantic). Where their
    bytecode is not cached (installs made without it, a read-only site-packages, or
    `PYTHONDONTWRITEBYTECODE`, common in container images) each kernel compiled them from source:
    about 2 of the 3 CPU-seconds of its imports on the 2-core machine, for every participant. The
    kernels this server starts (its children: the server itself has already started) write and
    read bytecode in a cache folder of their own (`PYTHONPYCACHEPREFIX`, by default
    `~/.cache/partnership-course/pycache`), never beside the installed sources; Python checks
    each cached file against its source, so an upgrade never runs stale code.
    """
    env = os.environ if environ is None else environ
    home = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = Path(env.get(BYTECODE_ENV) or home / "partnership-course" / "pycache")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # no writable home: a folder for this server only
        folder = Path(tempfile.mkdtemp(prefix="partnership-pycache-"))
    env[BYTECODE_ENV] = str(folder)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return folder


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def add_arguments(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """CLI wiring for `partnership-course serve`."""
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for a room)"
    )
    parser.add_argument("--idle-minutes", type=int, default=30, help="cull kernels idle this long")
    parser.add_argument(
        "--workshop",
        metavar="CODE",
        help="run a workshop: participants join with this code (generated if --host is public)",
    )
    parser.add_argument(
        "--facilitator-key", metavar="KEY", help="key for the facilitator view (generated)"
    )
    parser.add_argument(
        "--store",
        metavar="URL",
        help="response store URL (default: $PARTNERSHIP_COURSE_STORE, else a local SQLite file)",
    )
    parser.add_argument(
        "--pool-size",
        type=int,
        default=None,
        help="preheated kernels kept ready per page (default: 1 in a workshop, else 0)",
    )

    parser.add_argument(
        "--expect",
        type=int,
        default=0,
        metavar="N",
        help="warm N kernels for the room's first page before anyone arrives; the server prints"
        " 'Ready' when they are warm",
    )
    parser.add_argument(
        "--max-starting",
        type=int,
        default=None,
        metavar="N",
        help="module pages prepared at once; later arrivals wait their turn on a page that says"
        " so (default: two per core)",
    )

    parser.add_argument(
        "--page-frontend",
        choices=("lean", "voila"),
        default=None,
        help="what runs a course page in the browser: the course's own small module (lean) or"
        " Voila's bundle (voila); see docs/design.md",
    )

    def handler(args: argparse.Namespace) -> int:
        return serve(args)

    return handler


def serve(args: argparse.Namespace) -> int:
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(JUPYTER_DATA), os.environ.get("JUPYTER_PATH", "")) if p
    )
    if args.store:
        os.environ["PARTNERSHIP_COURSE_STORE"] = args.store
    # every kernel learns its participant and language from the workshop host (context.py)
    os.environ[HOSTS_ENV] = "partnership_course.workshop.kernel"
    cache_kernel_bytecode()
    code = args.workshop
    if code is None and not is_loopback(args.host):
        from .sessions import new_code

        code = new_code()  # a room must never share one account's answers
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    base = f"http://{shown_host}:{args.port}"
    if code is not None:
        from .sessions import WorkshopError, new_key, workshop_store

        key = args.facilitator_key or new_key()
        try:
            workshop_store().open_workshop(code, key)
        except WorkshopError as problem:
            print(f"partnership-course serve: {problem}", file=sys.stderr)
            return 2
        os.environ[WORKSHOP_ENV] = code
        print(
            f"Workshop {code} is open.\n"
            f"  Participants: {base}/  (they join with the code {code})\n"
            f"  Facilitator:  {base}/workshop/facilitator  (key: {key})\n"
            "Keep the key to yourself; anyone with it sees every answer. (Ctrl+C to stop)",
            flush=True,
        )
    else:
        os.environ.pop(WORKSHOP_ENV, None)
        print(f"Serving the course at {base}/ (Ctrl+C to stop)", flush=True)
    pool_size = args.pool_size if args.pool_size is not None else (1 if code else 0)
    expect = max(0, getattr(args, "expect", 0) or 0)
    if expect and code is None:
        print("partnership-course serve: --expect is for a workshop (--workshop)", file=sys.stderr)
        return 2
    if expect:
        pool_size = max(pool_size, 1)  # warming needs Voila's preheated pool
        os.environ["PARTNERSHIP_COURSE_EXPECT"] = str(expect)
    else:
        os.environ.pop("PARTNERSHIP_COURSE_EXPECT", None)
    if getattr(args, "page_frontend", None):
        from .statics import PAGE_FRONTEND_ENV

        os.environ[PAGE_FRONTEND_ENV] = args.page_frontend
    if getattr(args, "max_starting", None):
        os.environ["PARTNERSHIP_COURSE_MAX_STARTING"] = str(max(1, args.max_starting))
    from .app import WorkshopVoila
    from .site import build_site

    site = build_site()  # the modules plus their translations (`/voila/render/es/...`)
    WorkshopVoila.launch_instance(
        argv=voila_argv(args.port, args.host, args.idle_minutes, pool_size, site)
    )
    return 0
