"""Where the course's scenario library and modules live, in a checkout and when installed."""

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
    if root is None:
        raise FileNotFoundError("modules/ is only available from a checkout of the course")
    return root / "modules"


def translations_dir() -> Path:
    """Per-language content: `translations/<lang>/` (interface.po, scenarios/, modules/)."""
    env = os.environ.get("PARTNERSHIP_COURSE_TRANSLATIONS")
    if env:
        return Path(env).resolve()
    root = course_root()
    if root is not None:
        return root / "translations"
    return _PACKAGE / "_translations"
