"""A forked process writes through its own connections, never through its parent's.

`benchmarks/bench_store.py` (and any forking server) opens a store in the parent, then forks
writers. Before `responses._after_fork_in_child`, every child inherited the parent's pooled
PostgreSQL connection, so thirty children talked over one socket and the writes failed. Each
test here runs on SQLite and on a real PostgreSQL server (tests/store/conftest.py); on
PostgreSQL it also checks which server process (`pg_backend_pid()`) served each side.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection

import sqlalchemy as sa

from partnership_course.store import ResponseStore

CHILDREN = 4
SAVES = 25
MODULE = "m"


def backend_pid(store: ResponseStore) -> int | None:
    """The PostgreSQL server process behind the connection this process's pool hands out."""
    if store.engine.dialect.name != "postgresql":
        return None
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one())


def child(store: ResponseStore, number: int, report: Connection) -> None:
    """Runs in a forked process, with the parent's `store` object (and its cached engine)."""
    try:
        learner = f"child{number}"
        text = ""
        for index in range(SAVES):
            text += f"word{index} "
            store.save(learner, MODULE, f"{MODULE}/why", "reflection", {"text": text})
        stored = store.load(learner, MODULE, f"{MODULE}/why")
        report.send(("ok", backend_pid(store), stored.value["text"] if stored else None, text))
    except BaseException as error:  # the parent reports it; a silent child would hide the bug
        report.send(("error", None, repr(error), ""))
    finally:
        report.close()


def test_forked_children_write_through_their_own_connections(isolated_store: str) -> None:
    store = ResponseStore(isolated_store)
    store.save("parent", MODULE, f"{MODULE}/why", "reflection", {"text": "before the fork"})
    parent_pid = backend_pid(store)  # the parent's pool now holds an open connection
    # the connection checks below run on the PostgreSQL pass, never on neither
    assert (parent_pid is None) == isolated_store.startswith("sqlite")

    fork = multiprocessing.get_context("fork")
    workers, pipes = [], []
    for number in range(CHILDREN):
        receive, send = fork.Pipe(duplex=False)
        worker = fork.Process(target=child, args=(store, number, send))
        worker.start()
        send.close()
        workers.append(worker)
        pipes.append(receive)
    reports = [pipe.recv() for pipe in pipes]
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0

    for status, _pid, stored, typed in reports:
        assert status == "ok", stored
        assert stored == typed
    if parent_pid is not None:
        children = [pid for _, pid, _, _ in reports]
        assert parent_pid not in children, "a child used its parent's connection"
        assert len(set(children)) == CHILDREN, "two children shared one connection"
        assert backend_pid(store) == parent_pid  # the parent's own connection is intact

    # the parent carries on with its own connection, and sees every child's work
    store.save("parent", MODULE, f"{MODULE}/why", "reflection", {"text": "after the fork"})
    rows = {r.learner: r.value["text"] for r in store.query(module=MODULE)}
    assert rows.pop("parent") == "after the fork"
    assert rows == {f"child{n}": "".join(f"word{i} " for i in range(SAVES)) for n in range(4)}
