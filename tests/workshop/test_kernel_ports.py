"""jupyter_client's free-port race: over TCP it picks a free port, closes it, and the kernel binds
it a moment later; if another process takes it first, the kernel dies and that participant's
page fails. The workshop's kernels use Unix sockets (`serve.kernel_transport`), which have no
port to lose. Forced here: the port the manager is about to choose is bound by someone else."""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path

import pytest
from jupyter_client.connect import LocalPortCache
from jupyter_client.manager import AsyncKernelManager
from traitlets.config import Config

from partnership_course.workshop.serve import kernel_transport, voila_argv

pytestmark = pytest.mark.kernel


def workshop_config() -> Config:
    """The kernel manager's settings on the workshop server's command line."""
    config = Config()
    for option in voila_argv(8866, "127.0.0.1", 30):
        if option.startswith("--KernelManager."):
            name, _, value = option[len("--KernelManager.") :].partition("=")
            config.KernelManager[name] = value
    return config


async def start_beside_a_taken_port(config: Config, folder: Path) -> str:
    """Start a kernel while the first port the manager chooses is held by another socket;
    return its transport once it has answered, or raise if it never could."""
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    cache = LocalPortCache.instance()
    real = LocalPortCache.find_available_port
    handed: list[int] = []

    def racing(self: LocalPortCache, ip: str) -> int:
        if not handed:  # as if it had been free a moment ago
            handed.append(taken.getsockname()[1])
            return handed[0]
        return real(self, ip)

    cache.find_available_port = racing.__get__(cache)  # type: ignore[method-assign]
    manager = AsyncKernelManager(config=config, connection_file=str(folder / "kernel-race.json"))
    try:
        await manager.start_kernel()
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
        finally:
            client.stop_channels()
        return json.loads((folder / "kernel-race.json").read_text())["transport"]
    finally:
        del cache.find_available_port
        taken.close()
        if await manager.is_alive():
            await manager.shutdown_kernel(now=True)
        await manager.cleanup_resources()


def test_the_workshop_kernels_use_unix_sockets_where_they_fit() -> None:
    assert kernel_transport("/tmp") == "ipc"
    assert "--KernelManager.transport=ipc" in voila_argv(8866, "127.0.0.1", 30)
    assert kernel_transport("/tmp/" + "x" * 60) == "tcp"  # too long a path for a socket


def test_a_taken_port_fails_a_tcp_kernel_but_not_a_workshop_kernel(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="died"):  # the race, as it happened at 200
        asyncio.run(start_beside_a_taken_port(Config(), tmp_path))
    assert asyncio.run(start_beside_a_taken_port(workshop_config(), tmp_path)) == "ipc"
