"""The `simple` spawner: JupyterHub's SimpleLocalProcessSpawner with its port chosen by
`ports.choose_port`, so a burst of log-ins does not lose servers to port collisions.

Its own module because it imports JupyterHub: the hub's configuration names it by its dotted
path, and nothing else of the package needs JupyterHub imported.
"""

from __future__ import annotations

from typing import Any, ClassVar

from jupyterhub.spawner import SimpleLocalProcessSpawner

from .ports import choose_port


class CourseLocalSpawner(SimpleLocalProcessSpawner):  # type: ignore[misc]
    """Every server as the hub's own system user (see `spawner.py`), on a port chosen below the
    kernel's ephemeral range and never given to two servers of this hub at once."""

    #: ports of servers this hub process started and has not stopped; shared by all spawners
    in_use: ClassVar[set[int]] = set()

    async def start(self) -> Any:
        self.port = choose_port(self.in_use, host=self.ip or "127.0.0.1")
        self.in_use.add(self.port)
        try:
            return await super().start()
        except BaseException:
            self.in_use.discard(self.port)
            raise

    async def stop(self, now: bool = False) -> None:
        try:
            await super().stop(now=now)
        finally:
            self.in_use.discard(self.port)
