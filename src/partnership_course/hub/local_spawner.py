"""The `simple` spawner: JupyterHub's SimpleLocalProcessSpawner with its port chosen by
`ports.choose_port` (through `chosen_port.ChosenPort`), so a burst of log-ins does not lose
servers to port collisions.

Its own module because it imports JupyterHub: the hub's configuration names it by its dotted
path, and nothing else of the package needs JupyterHub imported.
"""

from __future__ import annotations

from jupyterhub.spawner import SimpleLocalProcessSpawner

from .chosen_port import ChosenPort


class CourseLocalSpawner(ChosenPort, SimpleLocalProcessSpawner):  # type: ignore[misc]
    """Every server as the hub's own system user (see `spawner.py`), on a port chosen below the
    kernel's ephemeral range and never given to two servers of this hub at once."""
