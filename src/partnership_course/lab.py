"""`partnership-course lab`: open the modules in JupyterLab for self-paced work."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from .content.paths import modules_dir


def add_arguments(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """CLI wiring for `partnership-course lab`."""
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--lang", choices=["en", "es"], default=None, help="course language")

    def handler(args: argparse.Namespace) -> int:
        if args.lang:
            os.environ["PARTNERSHIP_COURSE_LANG"] = args.lang
        argv = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            f"--port={args.port}",
            f"--ServerApp.root_dir={modules_dir()}",
        ]
        os.execv(sys.executable, argv)
        return 0  # not reached

    return handler
