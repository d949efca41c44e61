"""The workshop server's socket limit (`workshop.app.raise_socket_limit`): a room of 200 pages
needs more than ZeroMQ's default 1,023 sockets and more than Debian's default 1,024 open files.

Run in a child process started with Debian's default soft limit (1,024 files) under this
machine's hard limit, so the test sees what a district's server sees, and opens more than 1,023
real sockets there."""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest

CHILD = """
import json, resource, zmq
from partnership_course.workshop.app import raise_socket_limit
context = zmq.Context()
limit = raise_socket_limit(context)
sockets = [context.socket(zmq.PAIR) for _ in range(1100)]
opened = len(sockets)
for socket in sockets:
    socket.close(linger=0)
context.term()
print(json.dumps({"limit": limit, "soft": resource.getrlimit(resource.RLIMIT_NOFILE)[0],
                  "opened": opened}))
"""


def debian_default() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, hard))


def test_a_server_started_with_1024_files_holds_1100_sockets() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 2300:
        pytest.fail(f"this machine's hard file limit ({hard}) cannot show the raise")
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=debian_default,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    expected = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
    assert found == {"limit": expected, "soft": expected, "opened": 1100}
