"""One test LMS platform per test module, the tool's registration with it, and chromium.

What test modules import (module 01's answers, a registration file) is in `ltitools.py`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# hubtools.HubProcess: the LTI hub starts as every hub test starts its hub
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hub"))
from lms import Platform, RunningPlatform, new_platform
from ltitools import write_registration
from support.launch import chromium

from partnership_course.lti.settings import Settings, load_settings


@pytest.fixture(scope="module")
def platform() -> Iterator[Platform]:
    with RunningPlatform(new_platform()) as running:
        yield running


@pytest.fixture(scope="module")
def registration(platform: Platform, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The tool registered with the platform; its public keys pasted into the platform."""
    path = write_registration(tmp_path_factory.mktemp("lti"), platform, "http://127.0.0.1:1")
    settings = load_settings(path)
    platform.tool_jwks = settings.jwks()
    return settings


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium through Playwright, one per test file."""
    with chromium() as instance:
        yield instance
