"""One port rule for every spawner the course configures: `ports.choose_port`, not
`jupyterhub.utils.random_port`.

JupyterHub's local spawner picks a port only when it has none (`if self.port == 0`), while
jupyterhub-systemdspawner picks a new one with `random_port()` at the top of every `start`. Both
draw from the kernel's ephemeral range, where a burst of log-ins loses servers to collisions
(see `ports.py`). Rather than copy either `start`, this mixin steers the assignment: while a
start is under way, the first port given to the spawner is replaced by a chosen one, and any
later assignment in the same start keeps it. Outside a start, assignments pass through, so a
hub restoring a running server's port is left alone.

Its own module, with no JupyterHub import, so both spawner modules (each of which imports its
spawner's package) share it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from traitlets import HasTraits, validate

from .ports import choose_port


class ChosenPort(HasTraits):
    """Mix in before a JupyterHub spawner class: `class S(ChosenPort, SomeSpawner)`."""

    #: ports of servers this hub process started and has not stopped, shared by every spawner
    in_use: ClassVar[set[int]] = set()
    _starting: bool = False
    _chosen: int = 0

    @validate("port")
    def _port_below_the_ephemeral_range(self, proposal: dict[str, Any]) -> int:
        if not self._starting:
            return int(proposal["value"])
        if not self._chosen:
            host = getattr(self, "ip", "") or "127.0.0.1"
            self._chosen = choose_port(ChosenPort.in_use, host=host)
            ChosenPort.in_use.add(self._chosen)
        return self._chosen

    async def start(self) -> Any:
        self._starting, self._chosen = True, 0
        self.port = 0  # chooses now, for a spawner that only picks a port when it has none
        try:
            return await super().start()  # type: ignore[misc]
        except BaseException:
            ChosenPort.in_use.discard(self._chosen)
            raise
        finally:
            self._starting = False

    async def stop(self, now: bool = False) -> None:
        try:
            await super().stop(now=now)  # type: ignore[misc]
        finally:
            ChosenPort.in_use.discard(self.port)
