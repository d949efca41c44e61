"""The kernel's SQLite path (`store/lite.py`, the standard library's sqlite3) against SQLAlchemy.

A course kernel on a SQLite store must not import SQLAlchemy (issue 15: about 13 MB per open
page), yet the file it writes must be the one SQLAlchemy would write and read, both ways.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_course.store import ResponseStore, StaleAnswer, lite, schema


def shape(path: Path) -> dict[str, list[tuple]]:
    """Columns (name, type, not null, primary key position) and indexes of every table."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found: dict[str, list[tuple]] = {}
        for table in sorted(tables):
            columns = [
                (r[1], r[2], r[3], r[5]) for r in conn.execute(f"PRAGMA table_info({table})")
            ]
            indexes = [
                (r[1], r[2], [c[2] for c in conn.execute(f"PRAGMA index_info({r[1]})")])
                for r in conn.execute(f"PRAGMA index_list({table})")
                if not r[1].startswith("sqlite_autoindex")
            ]
            found[table] = columns + sorted(indexes)
        return found
    finally:
        conn.close()


def test_the_kernel_path_makes_the_tables_sqlalchemy_makes(tmp_path: Path) -> None:
    assert isinstance(ResponseStore(f"sqlite:///{tmp_path / 'x.db'}").backend, lite.Backend)
    ResponseStore(f"sqlite:///{tmp_path / 'lite.db'}").query()
    schema.metadata.create_all(schema.engine(f"sqlite:///{tmp_path / 'alchemy.db'}"))
    ours, alchemy = shape(tmp_path / "lite.db"), shape(tmp_path / "alchemy.db")
    assert set(ours) == {"responses", "response_history"}
    assert ours == alchemy


def test_what_one_side_writes_the_other_reads(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'both.db'}"
    store = ResponseStore(url)
    store.save("ana", "m", "m/why", "reflection", {"text": "première version, héhé " * 3})
    store.save("ana", "m", "m/why", "reflection", {"text": "x"}, expected_revision=1)
    with schema.engine(url).connect() as conn:
        rows = conn.execute(schema.responses.select()).mappings().all()
        kept = conn.execute(schema.history.select()).mappings().all()
    assert [(r["learner"], r["revision"], r["value"]) for r in rows] == [
        ("ana", 2, '{"text": "x"}')
    ]
    assert [k["reason"] for k in kept] == ["removal"]
    with schema.engine(url).begin() as conn:  # a server writes through SQLAlchemy
        conn.execute(
            schema.responses.update().values(revision=7, value='{"text": "from the server"}')
        )
    assert store.load("ana", "m", "m/why").value == {"text": "from the server"}
    with pytest.raises(StaleAnswer) as stale:
        store.save("ana", "m", "m/why", "reflection", {"text": "old tab"}, expected_revision=2)
    assert stale.value.current.revision == 7


def test_a_kernel_on_sqlite_never_imports_sqlalchemy(tmp_path: Path) -> None:
    code = f"""
import sys
from partnership_course.store import ResponseStore
store = ResponseStore("sqlite:///{tmp_path / "k.db"}")
store.save("ana", "m", "m/a", "choice", {{"choice": 1}})
assert store.load("ana", "m", "m/a").value == {{"choice": 1}}
store.history("ana", "m", "m/a")
print(sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy"))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_store_whose_connection_was_closed_for_others_opens_it_again(tmp_path: Path) -> None:
    """A process opening many SQLite files keeps only the newest connections open."""
    from partnership_course.store import responses

    first = ResponseStore(f"sqlite:///{tmp_path / 'first.db'}")
    first.save("ana", "m", "m/a", "choice", {"choice": 1})
    for number in range(responses.OPEN_FILES + 2):
        ResponseStore(f"sqlite:///{tmp_path / f'other{number}.db'}").query()
    assert first.backend._conn is None  # closed to make room for the others
    assert first.load("ana", "m", "m/a").value == {"choice": 1}
    first.save("ana", "m", "m/a", "choice", {"choice": 2}, expected_revision=1)
    assert ResponseStore(first.url).load("ana", "m", "m/a").revision == 2
