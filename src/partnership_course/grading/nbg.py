"""Talking to nbgrader: the settings the course needs, and the course folder layout.

Every way of running nbgrader on this course (the coach's `grader/nbgrader_config.py`, a
temporary course in the tests, a worker's shard) applies the same `apply_settings`, so plain
`nbgrader autograde` and `partnership-course grade` execute notebooks identically.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

DEFAULT_COURSE_ID = "family-partnership"
GRADEBOOK_ENV = "PARTNERSHIP_COURSE_GRADEBOOK"

CONFIG_TEMPLATE = '''\
"""nbgrader configuration for this course folder (written by partnership-course)."""

from partnership_course.grading.nbg import apply_settings

c = get_config()  # noqa: F821 - injected by traitlets
apply_settings(c, __file__)
'''


def apply_settings(c: Any, config_file: str | os.PathLike[str], course_id: str = "") -> Any:
    """Set on traitlets config `c` what grading this course needs (see grader/README.md)."""
    root = Path(config_file).resolve().parent
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.course_id = course_id or DEFAULT_COURSE_ID
    c.CourseDirectory.source_directory = "source"  # built from modules/ by `grade source`
    # one gradebook shared by every coach and by formgrader on a hub (PostgreSQL there)
    gradebook = os.environ.get(GRADEBOOK_ENV, "").strip()
    if gradebook:
        c.CourseDirectory.db_url = gradebook
    # activity cells keep their code in the release (see grading.source)
    c.ClearSolutions.code_stub = {"python": ""}
    # Execute.timeout is the trait nbgrader 0.9 reads (ExecutePreprocessor.timeout is ignored)
    c.Execute.timeout = 120
    c.Execute.startup_timeout = 120
    # a learner who deleted a test cell still gets it back, so every score is computed
    c.OverwriteCells.add_missing_cells = True
    c.HTMLExporter.filters = {
        "markdown2html": "partnership_course.grading.feedback.escaped_markdown2html"
    }
    return c


def write_config(course_dir: Path) -> Path:
    """Write an `nbgrader_config.py` that applies the course settings (for new course folders)."""
    path = Path(course_dir) / "nbgrader_config.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONFIG_TEMPLATE, encoding="utf-8")
    return path


def load_config(course_dir: Path) -> Any:
    """The traitlets config nbgrader would read in `course_dir` (its nbgrader_config.py)."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    course_dir = Path(course_dir).resolve()
    config_file = course_dir / "nbgrader_config.py"
    if config_file.is_file():
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()
    else:
        config = apply_settings(Config(), config_file)
    config.CourseDirectory.root = str(course_dir)
    return config


def ensure_tools_on_path() -> None:
    """Put this Python's scripts folder on PATH: nbgrader runs `alembic` from PATH, and a venv's
    Python started without activating the venv would not find it."""
    import sys

    scripts = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if scripts not in parts:
        os.environ["PATH"] = os.pathsep.join([scripts, *parts])


def api(course_dir: Path, config: Any = None) -> Any:
    """An `NbGraderAPI` for `course_dir`."""
    ensure_tools_on_path()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = config if config is not None else load_config(course_dir)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def db_url(course_dir: Path, config: Any = None) -> str:
    """The gradebook URL of `course_dir`."""
    config = config if config is not None else load_config(course_dir)
    url = config.CourseDirectory.get("db_url")
    return url or f"sqlite:///{Path(course_dir).resolve() / 'gradebook.db'}"


def generate_release(course_dir: Path, modules: list[str]) -> dict[str, list[str]]:
    """Run `generate_assignment` for each module, then `verify_release`; module -> problems."""
    from .source import verify_release

    nbapi = api(course_dir)
    problems: dict[str, list[str]] = {}
    for module in modules:
        result = nbapi.generate_assignment(module, force=True, create=True)
        found = [] if result["success"] else [result.get("error") or result.get("log", "")]
        if result["success"]:
            found = verify_release(Path(course_dir) / "release" / module)
        problems[module] = found
    return problems
