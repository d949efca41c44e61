"""Ports for user servers (`hub/ports.py`, `hub/local_spawner.py`): below the kernel's ephemeral
range, free when chosen, never one port for two servers; the spawner starts real processes."""

from __future__ import annotations

import asyncio
import random
import socket
import sys
from pathlib import Path
from types import SimpleNamespace

from partnership_course.hub import ports
from partnership_course.hub.local_spawner import CourseLocalSpawner


def range_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ip_local_port_range"
    path.write_text(text)
    return path


def test_ports_come_from_below_the_ephemeral_range(tmp_path: Path) -> None:
    source = range_file(tmp_path, "32768\t60999\n")
    chosen = {ports.choose_port(source=source, rng=random.Random(seed)) for seed in range(50)}
    assert len(chosen) > 40  # spread out, not one fixed port
    assert all(ports.LOWEST <= port < 32768 for port in chosen), sorted(chosen)


def test_a_port_taken_by_the_hub_or_bound_by_anyone_is_never_chosen(tmp_path: Path) -> None:
    source = range_file(tmp_path, "21000 60999")  # room for 1000 ports: 20000-20999
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        # the same seeds always draw the same first ports; find which they are, then block them
        first = random.Random(7).randint(ports.LOWEST, 20999)
        second = random.Random(7)
        second.randint(ports.LOWEST, 20999)
        following = second.randint(ports.LOWEST, 20999)
        with socket.socket() as squatter:
            squatter.bind(("127.0.0.1", following))
            squatter.listen()
            port = ports.choose_port({first}, source=source, rng=random.Random(7))
    assert port not in (first, following)
    assert ports.LOWEST <= port <= 20999


def test_no_room_below_the_range_falls_back_to_the_kernels_choice(tmp_path: Path) -> None:
    source = range_file(tmp_path, "1024 65535")
    port = ports.choose_port(source=source)
    assert ports.binds(port)
    assert ports.ephemeral_range(tmp_path / "missing") == (32768, 60999)


def test_servers_started_at_once_get_distinct_ports_that_are_released(tmp_path: Path) -> None:
    """Twenty spawners started together: twenty different ports below the ephemeral range, each
    held while its process runs and given back when it stops."""
    low, _ = ports.ephemeral_range()
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]

    def spawner(number: int) -> CourseLocalSpawner:
        person = SimpleNamespace(name=f"t{number}", id=number, url=f"/user/t{number}/", groups=[])
        made = CourseLocalSpawner(user=person, _deprecated_db_session=None)
        made.cmd = sleeper
        made.home_dir_template = str(tmp_path / "{username}")
        made.get_env = lambda: {"PATH": "/usr/bin:/bin"}  # no hub to describe here
        made.get_args = lambda: []
        return made

    async def run() -> tuple[list[int], set[int]]:
        spawners = [spawner(n) for n in range(20)]
        started = await asyncio.gather(*(s.start() for s in spawners))
        held = set(CourseLocalSpawner.in_use)
        await asyncio.gather(*(s.stop(now=True) for s in spawners))
        return [port for _, port in started], held

    chosen, held = asyncio.run(run())
    assert len(set(chosen)) == 20
    assert all(ports.LOWEST <= port < low for port in chosen)
    assert set(chosen) <= held
    assert not set(chosen) & CourseLocalSpawner.in_use


def test_the_systemd_spawner_uses_the_same_port_rule(monkeypatch) -> None:
    """SystemdSpawner calls `random_port()` at every start; ours still starts its server on a
    port below the ephemeral range, passes that port to the server, and releases it on stop.
    systemd itself is replaced by fakes that record what the spawner asked it to run."""
    from systemdspawner import systemd

    from partnership_course.hub.systemd_spawner import CourseSystemdSpawner

    started: list[list[str]] = []

    async def not_running(unit: str) -> bool:
        return False

    async def start_transient_service(unit: str, **kwargs) -> None:
        started.append(kwargs["args"])

    async def stop_service(unit: str) -> None:
        return None

    monkeypatch.setattr(systemd, "service_running", not_running)
    monkeypatch.setattr(systemd, "service_failed", not_running)
    monkeypatch.setattr(systemd, "start_transient_service", start_transient_service)
    monkeypatch.setattr(systemd, "stop_service", stop_service)
    monkeypatch.setattr(CourseSystemdSpawner, "poll", lambda self: _none())
    person = SimpleNamespace(name="ana", id=7, url="/user/ana/", groups=[])
    made = CourseSystemdSpawner(user=person, _deprecated_db_session=None, dynamic_users=True)
    made.get_env = lambda: {"PATH": "/usr/bin:/bin"}  # no hub to describe here
    made.get_args = lambda: [f"--port={made.port}"]
    low, _ = ports.ephemeral_range()

    async def run() -> tuple[str, int, bool]:
        ip, port = await made.start()
        held = port in CourseSystemdSpawner.in_use
        await made.stop(now=True)
        return ip, port, held

    _, port, held = asyncio.run(run())
    assert ports.LOWEST <= port < low
    assert started == [[f"--port={port}"]]  # the server was told the chosen port
    assert held and port not in CourseSystemdSpawner.in_use


async def _none() -> None:
    return None
