"""Shared fixtures: every test gets its own response store, so nothing touches a real home."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.catalogue import write_catalogue
from support.postgres import PostgresServer, PostgresUnavailable

from partnership_course.context import set_learner
from partnership_course.course import Course
from partnership_course.i18n import catalogue
from partnership_course.store import ResponseStore

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the default store at a temporary SQLite file for this test."""
    url = f"sqlite:///{tmp_path / 'responses.db'}"
    monkeypatch.setenv("PARTNERSHIP_COURSE_STORE", url)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv("PARTNERSHIP_COURSE_LANG", raising=False)
    set_learner(None)
    return url


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One real PostgreSQL server for the whole test session (never skipped: it must exist)."""
    try:
        # fsync off: a throw-away cluster needs no crash safety, and the shared disk is slow
        server = PostgresServer(settings={"fsync": "off"}).start()
    except PostgresUnavailable as error:
        pytest.fail(f"PostgreSQL is needed for these tests and could not start: {error}")
    yield server
    server.stop()


_database_numbers = itertools.count(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_store(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The default store on SQLite, then on a fresh PostgreSQL database, for the same test.

    Store and workshop tests take this in place of `isolated_store` (their conftest does), so
    each of them runs on both backends; PostgreSQL starts only when a test asks for it.
    """
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'responses.db'}"
        monkeypatch.setenv("PARTNERSHIP_COURSE_STORE", url)
        yield url
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"test_{next(_database_numbers)}"
    url = server.new_database(name)
    monkeypatch.setenv("PARTNERSHIP_COURSE_STORE", url)
    yield url
    server.drop_database(name)


@pytest.fixture
def store(isolated_store: str) -> ResponseStore:
    return ResponseStore(isolated_store)


@pytest.fixture
def make_course(store: ResponseStore) -> Callable[..., Course]:
    """Build a Course for a learner on the test store (module 01 unless told otherwise)."""

    def factory(module: str = "01-dual-capacity", learner: str = "ana", lang: str = "en") -> Course:
        return Course(module, learner=learner, store=store, lang=lang)

    return factory


@pytest.fixture
def course(
    request: pytest.FixtureRequest, scenario_dir: Path, make_course: Callable[..., Course]
) -> Course:
    """Module "m" for learner "ana", with the test module's `SCENARIOS` ({file stem: YAML})
    written into the empty scenario library first."""
    for name, text in getattr(request.module, "SCENARIOS", {}).items():
        (scenario_dir / "m" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return make_course(module="m", learner="ana")


@pytest.fixture
def interface_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., Path]]:
    """Point the course at a temporary translations folder with a small `interface.po`:
    `interface_catalogue({"Module": "Módulo"}, lang="es")` returns that folder."""

    def make(entries: dict[str, str], lang: str = "es") -> Path:
        root = write_catalogue(tmp_path / "translations", entries, lang)
        monkeypatch.setenv("PARTNERSHIP_COURSE_TRANSLATIONS", str(root))
        catalogue.cache_clear()
        return root

    yield make
    catalogue.cache_clear()


@pytest.fixture
def scenario_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty scenario library for tests that write their own content."""
    library = tmp_path / "scenarios"
    (library / "m").mkdir(parents=True)
    monkeypatch.setenv("PARTNERSHIP_COURSE_SCENARIOS", str(library))
    return library
