"""A real, throw-away PostgreSQL server for the tests: its own cluster in a temporary folder.

The tests run against Debian's PostgreSQL as shipped, not a mock, because the store, the
workshop tables and nbgrader's gradebook must behave on PostgreSQL exactly as a district's
shared server will run them. PostgreSQL refuses to run as root and CI runs as root, so when we
are root the cluster is created and started as an unprivileged user (Debian's `postgres`, or one
we create). The server listens only on loopback, on a free port, with its socket in the cluster
folder, and password authentication for TCP, so nothing else on a shared machine can use it.

`pg_ctl` detaches the server, so a test run that is killed (a timeout, Ctrl+C twice) would leave
it running. A small watchdog process holds a pipe from the test process; when the pipe closes,
however the test process ended, the watchdog stops the server and deletes its folder.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

SUPERUSER = "postgres"
FALLBACK_USER = "partnership-pg"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server programs are not installed, or the server would not start."""


def find_bindir() -> Path:
    """The newest `/usr/lib/postgresql/<version>/bin` that holds initdb and pg_ctl."""
    override = os.environ.get("PARTNERSHIP_COURSE_PG_BINDIR")
    candidates = [override] if override else []
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted(versions, key=lambda p: int(Path(p).parent.name or 0), reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).resolve().parent))
    for candidate in candidates:
        folder = Path(candidate)
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise PostgresUnavailable(
        "PostgreSQL's server is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin)."
        " Install it with `./run setup` or `apt-get install postgresql`."
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_user() -> pwd.struct_passwd | None:
    """Who runs the server: nobody special unless we are root, then an unprivileged account."""
    if os.geteuid() != 0:
        return None
    for name in (SUPERUSER, FALLBACK_USER):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(
        ["useradd", "--system", "--user-group", "--no-create-home",
         "--shell", "/usr/sbin/nologin", FALLBACK_USER],
        check=True, capture_output=True,
    )  # fmt: skip
    return pwd.getpwnam(FALLBACK_USER)


class PostgresServer:
    """One PostgreSQL cluster: `start()`, `new_database(name)` per test, `stop()` at the end."""

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        self.bindir = find_bindir()
        self.user = _server_user()
        self.password = secrets.token_urlsafe(18)
        self.settings = settings or {}
        self.folder: Path | None = None
        self.port: int | None = None
        self._watchdog: subprocess.Popen[bytes] | None = None

    @property
    def data(self) -> Path:
        assert self.folder is not None, "start() the server first"
        return self.folder / "data"

    @property
    def log(self) -> Path:
        assert self.folder is not None, "start() the server first"
        return self.folder / "server.log"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL program as the server's user, in the cluster folder."""
        kwargs: dict[str, object] = {}
        env = {**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC"}
        if self.user is not None:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
            env |= {"HOME": str(self.folder), "USER": self.user.pw_name}
        result = subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            cwd=self.folder, env=env, capture_output=True, text=True, check=False,
            **kwargs,  # type: ignore[arg-type]
        )  # fmt: skip
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise PostgresUnavailable(
                f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}\n{log}"
            )
        return result

    def start(self) -> PostgresServer:
        """Create the cluster in a new temporary folder and start it; wait until it answers."""
        if self.folder is not None:
            return self
        # pytest's own temporary folders are private to root, so use the shared temp folder
        self.folder = Path(tempfile.mkdtemp(prefix="partnership-pg-", dir=_reachable_tmp()))
        if self.user is not None:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        pwfile = self.folder / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self.user is not None:
            os.chown(pwfile, self.user.pw_uid, self.user.pw_gid)
        try:
            self._run(
                "initdb", "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={pwfile}",
                "--auth-local=trust", "--auth-host=scram-sha-256",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
            )  # fmt: skip
            self._start_on_a_free_port()
            self._watch()
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
            raise
        return self

    def _start_on_a_free_port(self) -> None:
        options = {
            "listen_addresses": "127.0.0.1",
            "unix_socket_directories": str(self.folder),
            "max_connections": "200",
            "timezone": "UTC",
            **self.settings,
        }
        for attempt in range(3):
            self.port = _free_port()
            flags = " ".join(f"-c {key}={value}" for key, value in options.items())
            try:
                self._run(
                    "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                    "-o", f"-p {self.port} {flags}", "start",
                )  # fmt: skip
                return
            except PostgresUnavailable:
                if attempt == 2:
                    raise
                time.sleep(0.2)  # the port was taken between choosing and binding; choose again

    def _watch(self) -> None:
        """Start the watchdog that stops this server if the test process dies first."""
        ids = [str(self.user.pw_uid), str(self.user.pw_gid)] if self.user else []
        self._watchdog = subprocess.Popen(
            [sys.executable, __file__, str(self.bindir), str(self.folder), *ids],
            stdin=subprocess.PIPE,
            start_new_session=True,  # a Ctrl+C for the tests must not reach it first
        )

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its cluster folder."""
        if self.folder is None:
            return
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
            self.port = None
            if self._watchdog is not None:
                assert self._watchdog.stdin is not None
                self._watchdog.stdin.close()  # nothing left to do: it exits
                self._watchdog.wait(timeout=30)
                self._watchdog = None

    def url(self, database: str = "postgres", driver: str = "postgresql+psycopg") -> str:
        """A SQLAlchemy URL for `database` as the superuser, over loopback TCP."""
        assert self.port is not None, "start() the server first"
        secret = quote(self.password, safe="")
        return f"{driver}://{SUPERUSER}:{secret}@127.0.0.1:{self.port}/{database}"

    def new_database(self, name: str) -> str:
        """Create an empty database `name` and return its SQLAlchemy URL."""
        import psycopg

        if not name.replace("_", "").isalnum() or not name[0].isalpha():
            raise ValueError(f"database names here are letters, digits and _: {name!r}")
        with psycopg.connect(self.url(driver="postgresql"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database `name`, closing whatever connections still use it."""
        import psycopg

        with psycopg.connect(self.url(driver="postgresql"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _reachable_tmp() -> str:
    """A temporary folder an unprivileged server user can enter (TMPDIR may be root's own)."""
    folder = tempfile.gettempdir()
    if os.geteuid() == 0 and not os.stat(folder).st_mode & 0o001:
        return "/tmp"
    return folder


def _watchdog(bindir: str, folder: str, ids: list[str]) -> None:
    """Wait until the test process is gone (stdin closes), then stop its server if still up."""
    sys.stdin.buffer.read()
    data = Path(folder) / "data"
    if (data / "postmaster.pid").exists():
        owner = {"user": int(ids[0]), "group": int(ids[1]), "extra_groups": []} if ids else {}
        subprocess.run(
            [str(Path(bindir) / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            cwd=folder, capture_output=True, check=False, **owner,  # type: ignore[call-overload]
        )  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    _watchdog(sys.argv[1], sys.argv[2], sys.argv[3:])
