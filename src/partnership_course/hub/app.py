"""The JupyterHub application the course runs: JupyterHub, waiting long enough for services.

JupyterHub 5 gives a managed service about ten seconds to answer before it stops the whole hub.
formgrader is a Jupyter server with nbgrader loaded, which on a busy two-core district server
(or CI machine) can take longer than that. `CourseHub` keeps waiting, up to
`service_start_seconds`, as long as the service's process is alive; a service that exits still
stops the hub, as before. (JupyterHub 6 has a per-service `timeout`, but NativeAuthenticator
1.3 does not run on JupyterHub 6, so the course stays on 5.)

JupyterHub 5 also forgot `config=True` on `spawn_throttle_retry_range`, the Retry-After range
for people turned away by `concurrent_spawn_limit` (setting it logs "not recognized"), so
`CourseHub` declares it configurable again (see `config.limit_bursts`).
"""

from __future__ import annotations

import time
from typing import Any

from jupyterhub.app import JupyterHub
from jupyterhub.objects import Server
from jupyterhub.utils import AnyTimeoutError
from traitlets import Integer, Tuple


class CourseHub(JupyterHub):
    service_start_seconds = Integer(
        300, help="How long to wait for a managed service to answer at start."
    ).tag(config=True)
    spawn_throttle_retry_range = Tuple(
        (30, 60), help="(min, max) seconds to suggest a throttled person waits before retrying."
    ).tag(config=True)

    async def start_service(self, service_name: str, service: Any, ssl_context: Any = None) -> bool:
        if await super().start_service(service_name, service, ssl_context):
            return True
        if not (service.managed and service.url) or await service.spawner.poll() is not None:
            return False
        self.log.info("Service %s is still starting; waiting for it", service_name)
        deadline = time.monotonic() + self.service_start_seconds
        while time.monotonic() < deadline:
            try:
                await Server.from_orm(service.orm.server).wait_up(
                    http=True, timeout=5, ssl_context=ssl_context
                )
            except AnyTimeoutError:
                if await service.spawner.poll() is not None:
                    self.log.critical("Service %s exited while starting", service_name)
                    return False
            else:
                self.log.info("Service %s is up", service_name)
                return True
        self.log.critical(
            "Service %s did not answer in %s s", service_name, self.service_start_seconds
        )
        return False


main = CourseHub.launch_instance

if __name__ == "__main__":
    main()
