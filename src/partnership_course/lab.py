"""`partnership-course lab`: open the modules in JupyterLab for self-paced work.

In Spanish (`--lang es`) JupyterLab opens Spanish copies of the notebooks, rebuilt from the
English ones and `translations/es/` at each start (the notebooks are read-only to learners, and
answers live in the response store, so nothing a learner did is in the copies).

JupyterLab opens at the course's start page (`lab_server`, a server extension): the module pages
and "My toolkit", as `partnership-course serve` shows them first.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .content.paths import course_root, modules_dir
from .i18n import DEFAULT, SUPPORTED


def lab_root(lang: str) -> Path:
    """The folder JupyterLab opens: the modules, or their translation built for `lang`."""
    if lang == DEFAULT:
        return modules_dir()
    from .i18n.notebooks import build_translated

    target = (course_root() or Path.home()) / "var" / f"modules-{lang}"
    build_translated(target, lang)
    return target


def lab_argv(port: int, root: Path) -> list[str]:
    """The `jupyter lab` options: the course folder, and the course's pages as the first page."""
    return [
        f"--port={port}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.jpserver_extensions=partnership_course.lab_server=True",
        "--LabApp.default_url=/partnership-course/",
        # a laptop runs this as its user; a container or a fresh CI machine often as root, which
        # Jupyter refuses unless told (the course folder is read-only to the learner either way)
        *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),
    ]


def add_arguments(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """CLI wiring for `partnership-course lab`."""
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--lang", choices=list(SUPPORTED), default=None, help="course language")

    def handler(args: argparse.Namespace) -> int:
        lang = args.lang or os.environ.get("PARTNERSHIP_COURSE_LANG") or DEFAULT
        os.environ["PARTNERSHIP_COURSE_LANG"] = lang
        argv = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            *lab_argv(args.port, lab_root(lang)),
        ]
        os.execv(sys.executable, argv)
        return 0  # not reached

    return handler
