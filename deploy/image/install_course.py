"""Lay the installed course out in the user image, the way `partnership-course hub` does on one
server (see `partnership_course.hub.spawner`), so a Kubernetes user server behaves the same.

Run once at image build time, after the wheel is installed:
- the course notebooks, with every translation, into `--site` (the Dockerfile makes it
  read-only);
- the Voila template and the JupyterLab extension into `<prefix>/share/jupyter`, which Jupyter
  searches by default (so no JUPYTER_PATH is needed);
- the teachers' Jupyter configuration (no nbgrader instructor tools, no news prompt) into
  `--etc`, the default for everyone, and the coaches' into `--coach-etc`, which the hub puts
  first on JUPYTER_CONFIG_PATH for members of the coaches group (deploy/z2jh/config.yaml).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path


def install(site: Path, prefix: Path, etc: Path, coach_etc: Path) -> None:
    from partnership_course.hub.spawner import COACH_CONFIG, LAB_DATA, TEACHER_CONFIG
    from partnership_course.workshop.serve import JUPYTER_DATA
    from partnership_course.workshop.site import build_site

    build_site(site)
    share = prefix / "share" / "jupyter"
    for source in (LAB_DATA, JUPYTER_DATA):
        shutil.copytree(source, share, dirs_exist_ok=True)
    shutil.copytree(TEACHER_CONFIG, etc, dirs_exist_ok=True)
    shutil.copytree(COACH_CONFIG, coach_etc, dirs_exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("/srv/course"))
    parser.add_argument("--prefix", type=Path, default=Path(sys.prefix))
    parser.add_argument("--etc", type=Path, default=Path("/etc/jupyter"))
    parser.add_argument("--coach-etc", type=Path, default=Path("/etc/jupyter-coach"))
    args = parser.parse_args(argv)
    install(args.site, args.prefix, args.etc, args.coach_etc)
    print(
        f"course in {args.site}; Jupyter data in {args.prefix / 'share' / 'jupyter'}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    raise SystemExit(main())
