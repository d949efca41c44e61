"""The hub's side of LTI: the log-in and the passback service, as JupyterHub configuration.

`partnership-course hub --login lti --lti-config lti.yaml` calls `configure_lti` for the log-in
and adds `passback_service` to the hub's services: a hub-managed process that posts completed
modules to the LMS every minute, so a learner's completion reaches the LMS gradebook without a
coach running anything.
"""

from __future__ import annotations

import sys
from typing import Any

PASSBACK_SERVICE = "lti-passback"


def configure_lti(c: Any, lti_config: str, store_url: str = "") -> Any:
    """Log-in by LMS launch, configured from `lti_config` (lti.yaml)."""
    from .authenticator import CourseLTIAuthenticator
    from .settings import load_settings

    load_settings(lti_config)  # a missing or incomplete registration stops the hub here
    c.JupyterHub.authenticator_class = CourseLTIAuthenticator
    c.CourseLTIAuthenticator.lti_config = lti_config
    if store_url:
        c.CourseLTIAuthenticator.store_url = store_url
    # a little leeway for the platform's and the hub's clocks
    c.LTI13LaunchValidator.time_leeway = 30
    return c


def passback_service(lti_config: str, store_url: str, every_seconds: int = 60) -> dict[str, Any]:
    """`c.JupyterHub.services` entry of the passback loop (no web page, no hub API token)."""
    environment = {"PARTNERSHIP_COURSE_LTI": lti_config}
    if store_url:
        environment["PARTNERSHIP_COURSE_STORE"] = store_url
    return {
        "name": PASSBACK_SERVICE,
        "command": [
            sys.executable,
            "-m",
            "partnership_course.cli",
            "lti",
            "passback",
            "--watch",
            str(every_seconds),
        ],
        "environment": environment,
        "display": False,
    }
