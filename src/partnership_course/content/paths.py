"""Where the course's scenario library and modules live, in a checkout and when installed.

In a checkout everything is read from the repository's folders, so an edit shows at once. A
wheel (how every hub image gets the course) carries copies inside the package, under
`_modules`, `_scenarios`, `_translations`, `_grader` and `_docs` (see `pyproject.toml`), so an
installed `partnership-course serve`, `hub` or `grade` needs no checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def course_root() -> Path | None:
    """The checkout that holds `scenarios/` and `modules/`, or None for a wheel install."""
    env = os.environ.get("PARTNERSHIP_COURSE_ROOT")
    if env:
        return Path(env).resolve()
    candidate = _PACKAGE.parent.parent  # src/partnership_course -> checkout
    if (candidate / "scenarios").is_dir() and (candidate / "pyproject.toml").is_file():
        return candidate
    return None


def scenarios_dir() -> Path:
    """The scenario library: the checkout's `scenarios/`, else the copy packed into the wheel."""
    env = os.environ.get("PARTNERSHIP_COURSE_SCENARIOS")
    if env:
        return Path(env).resolve()
    root = course_root()
    if root is not None:
        return root / "scenarios"
    return _PACKAGE / "_scenarios"


def modules_dir() -> Path:
    """The folder of module notebooks (also nbgrader's source directory)."""
    root = course_root()
    if root is not None:
        return root / "modules"
    return _packed("_modules", "modules")


def grader_dir() -> Path:
    """The grader's configuration templates: `rubric.yaml`, `course.yaml`, `nbgrader_config.py`."""
    root = course_root()
    if root is not None:
        return root / "grader"
    return _packed("_grader", "grader")


def docs_dir() -> Path:
    """The documents a deployment needs at run time (the facilitator guide, English and
    Spanish): the checkout's `docs/`, else the copy packed into the wheel as `_docs`."""
    root = course_root()
    if root is not None:
        return root / "docs"
    return _packed("_docs", "docs")


def _packed(name: str, what: str) -> Path:
    """A folder packed into the wheel; a clear error when the install lacks it."""
    folder = _PACKAGE / name
    if not folder.is_dir():
        raise FileNotFoundError(
            f"the course's {what}/ folder is neither in a checkout nor in this install"
            f" ({folder}); set PARTNERSHIP_COURSE_ROOT to a checkout of the course"
        )
    return folder


def translations_dir() -> Path:
    """Per-language content: `translations/<lang>/` (interface.po, scenarios/, modules/)."""
    env = os.environ.get("PARTNERSHIP_COURSE_TRANSLATIONS")
    if env:
        return Path(env).resolve()
    root = course_root()
    if root is not None:
        return root / "translations"
    return _PACKAGE / "_translations"
