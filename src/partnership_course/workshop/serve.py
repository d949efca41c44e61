"""`partnership-course serve`: the course as a standalone Voila web app.

The standalone app (not the Jupyter server extension) is used because only it restricts what
the browser may send to a kernel and only it can preheat kernels; code is hidden, tracebacks are
not shown to participants, and idle kernels are culled so a room of laptops cannot exhaust memory.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..content.paths import modules_dir

JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"  # holds voila/templates/partnership
# lab extensions that belong to JupyterLab, not to a participant's page
EXTENSION_DENYLIST = [
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
]


def voila_argv(port: int, host: str, idle_minutes: int) -> list[str]:
    """The Voila command line for serving every module."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(modules_dir()),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        "--show_tracebacks=False",
        "--strip_sources=True",
        "--theme=light",
        "--template=partnership",
        f"--VoilaConfiguration.extension_denylist={EXTENSION_DENYLIST!r}",
        "--MappingKernelManager.cull_interval=60",
        f"--MappingKernelManager.cull_idle_timeout={idle_minutes * 60}",
        "--MappingKernelManager.cull_connected=False",
    ]


def add_arguments(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """CLI wiring for `partnership-course serve`."""
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for a room)"
    )
    parser.add_argument("--idle-minutes", type=int, default=30, help="cull kernels idle this long")

    def handler(args: argparse.Namespace) -> int:
        argv = voila_argv(args.port, args.host, args.idle_minutes)
        os.environ["JUPYTER_PATH"] = os.pathsep.join(
            p for p in (str(JUPYTER_DATA), os.environ.get("JUPYTER_PATH", "")) if p
        )
        print(f"Serving the course at http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
        os.execv(sys.executable, argv)
        return 0  # not reached

    return handler
