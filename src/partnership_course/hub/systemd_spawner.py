"""The `systemd` spawner: jupyterhub-systemdspawner's SystemdSpawner (each server its own
dynamic system user with memory and CPU limits) with its port chosen by `ports.choose_port`
instead of the `random_port()` it calls at every start (see `chosen_port.py`).

Its own module because it imports systemdspawner, which only a district that chose `systemd`
needs to have imported.
"""

from __future__ import annotations

from systemdspawner import SystemdSpawner

from .chosen_port import ChosenPort


class CourseSystemdSpawner(ChosenPort, SystemdSpawner):  # type: ignore[misc]
    """SystemdSpawner on a port below the kernel's ephemeral range, one per running server."""
