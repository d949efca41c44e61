"""Ports for user servers, chosen where nothing else on the machine will take them first.

JupyterHub's local spawner asks the kernel for a free port (bind to port 0, read the number,
close the socket) and hands it to the new server, which binds it a moment later. The kernel
draws that number from its ephemeral range, the same range every outgoing connection draws
from. In a burst of log-ins the proxy, the hub and dozens of starting servers open connections
all the time, so one of them can take the port in between: the server exits with "port ... is
not available" and the hub waits its whole `http_timeout` before it gives up (2 of 50 spawns in
`benchmarks/bench_hub.py --users 50`, docs/capacity.md).

The kernel never hands out a port below its ephemeral range for an outgoing connection. So we
choose there, check that the port binds now, and never give one port to two servers of this hub
at once. A hub restarted with servers still running learns their ports from the bind check.
"""

from __future__ import annotations

import random
import socket
from collections.abc import Collection
from pathlib import Path

EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
LOWEST = 20000  # above the ports services usually claim (databases, proxies, 8000-9999)
ATTEMPTS = 200


def ephemeral_range(source: Path = EPHEMERAL_RANGE) -> tuple[int, int]:
    """The kernel's range for outgoing connections; Linux's default when it cannot be read."""
    try:
        low, high = (int(part) for part in source.read_text().split())
    except (OSError, ValueError):
        return 32768, 60999
    return low, high


def binds(port: int, host: str = "127.0.0.1") -> bool:
    """Whether a server could listen on `port` right now."""
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def choose_port(
    taken: Collection[int] = (),
    host: str = "127.0.0.1",
    source: Path = EPHEMERAL_RANGE,
    rng: random.Random | None = None,
) -> int:
    """A port below the ephemeral range that binds now and is not in `taken` (ports this hub
    already gave to servers). Falls back to the kernel's own choice when the range leaves no
    room below it, so a spawn never fails here."""
    pick = rng or random.SystemRandom()
    low, _ = ephemeral_range(source)
    top = low - 1
    if top - LOWEST >= 100:
        for _ in range(ATTEMPTS):
            port = pick.randint(LOWEST, top)
            if port not in taken and binds(port, host):
                return port
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
