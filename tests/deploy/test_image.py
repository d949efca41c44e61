"""The user image, checked without Docker (not on these machines): what the Dockerfile does, and
the layout step it runs, for real, against this install."""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from partnership_course.hub.settings import HubSettings
from partnership_course.hub.spawner import server_args

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "image" / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), " ".join(rest.split())))
    return found


def test_dockerfile_installs_the_built_wheel_on_a_jupyter_image() -> None:
    steps = instructions()
    assert steps[0][0] == "FROM" and steps[0][1].startswith("quay.io/jupyter/")
    copies = [args for word, args in steps if word == "COPY"]
    wheel_copy = next(args for args in copies if ".whl" in args)
    pattern = wheel_copy.split()[0].removeprefix("dist/")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    built = f"{project['name'].replace('-', '_')}-{project['version']}-py3-none-any.whl"
    assert fnmatch.fnmatch(built, pattern), (pattern, built)
    assert not any(args.split()[0] in (".", "src", "modules") for args in copies)  # no checkout
    run = " ".join(args for word, args in steps if word == "RUN")
    assert "pip install" in run and pattern in run
    assert "install_course.py" in run
    user = [args for word, args in steps if word == "USER"]
    assert user[-1] != "root"  # the server never runs as root


def test_start_command_is_the_hubs_and_the_charts() -> None:
    (cmd,) = [json.loads(args) for word, args in instructions() if word == "CMD"]
    assert cmd[0] == "jupyterhub-singleuser"
    hub_options = [a for a in server_args(HubSettings(data_dir="x")) if "allow_root" not in a]
    assert [a for a in cmd[1:] if "root_dir" not in a] == hub_options
    config = yaml.safe_load((ROOT / "deploy" / "z2jh" / "config.yaml").read_text())
    assert config["singleuser"]["cmd"] == cmd
    assert "--ServerApp.root_dir=/srv/course" in cmd


def test_layout_step_builds_the_course_and_jupyter_config(tmp_path: Path) -> None:
    site, prefix, etc, coach = (tmp_path / n for n in ("course", "prefix", "etc", "coach"))
    done = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "image" / "install_course.py"),
         f"--site={site}", f"--prefix={prefix}", f"--etc={etc}", f"--coach-etc={coach}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (site / "01-dual-capacity" / "01-why-partnership.ipynb").is_file()
    assert (site / "es" / "01-dual-capacity" / "01-why-partnership.ipynb").is_file()
    share = prefix / "share" / "jupyter"
    assert (share / "voila" / "templates" / "partnership-hub" / "conf.json").is_file()
    assert (share / "voila" / "templates" / "partnership" / "conf.json").is_file()
    assert (share / "labextensions" / "partnership-course-lab" / "package.json").is_file()
    teacher = json.loads((etc / "labconfig" / "page_config.json").read_text())
    coaches = json.loads((coach / "labconfig" / "page_config.json").read_text())
    assert teacher["disabledExtensions"].get("@jupyter/nbgrader") is True
    assert "@jupyter/nbgrader" not in coaches["disabledExtensions"]
    assert "/etc/jupyter-coach" in (ROOT / "deploy" / "z2jh" / "config.yaml").read_text()
