"""Is the tests' PostgreSQL a real, private server: not root, loopback only, password required?"""

from __future__ import annotations

import os

import psycopg
import pytest
import sqlalchemy as sa
from support.postgres import PostgresServer


def test_server_is_real_private_and_unprivileged(postgres: PostgresServer) -> None:
    url = postgres.new_database("fixture_check")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            version = conn.execute(sa.text("SHOW server_version_num")).scalar()
            listen = conn.execute(sa.text("SHOW listen_addresses")).scalar()
            tables = conn.execute(
                sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar()
    finally:
        engine.dispose()
    assert int(str(version)) >= 120000
    assert listen == "127.0.0.1"
    assert tables == 0  # a new database is empty
    pid = int((postgres.data / "postmaster.pid").read_text().split()[0])
    assert os.stat(f"/proc/{pid}").st_uid != 0  # PostgreSQL itself refuses root; so do we
    wrong = url.replace(postgres.password, "not-the-password").replace("+psycopg", "")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(wrong).close()
    postgres.drop_database("fixture_check")


def test_a_killed_test_run_leaves_no_server_behind(tmp_path) -> None:
    """SIGKILL the process that started a server: its watchdog stops the server, removes it."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    script = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from support.postgres import PostgresServer\n"
        "server = PostgresServer(settings={'fsync': 'off'}).start()\n"
        "print(server.folder, server.port, flush=True)\n"
        "time.sleep(600)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    folder, port = child.stdout.readline().split()
    pid = int((Path(folder) / "data" / "postmaster.pid").read_text().split()[0])
    assert Path(f"/proc/{pid}").exists()
    child.send_signal(signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (Path(f"/proc/{pid}").exists() or Path(folder).exists()):
        time.sleep(0.2)
    assert not Path(f"/proc/{pid}").exists(), f"the server on port {port} is still running"
    assert not Path(folder).exists()
