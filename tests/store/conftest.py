"""Every test here runs twice: on SQLite and on a fresh database of a real PostgreSQL server."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_store(isolated_store: str, backend_store: str) -> str:
    """The shared isolation (no learner, no language) with the store on this test's backend."""
    return backend_store
