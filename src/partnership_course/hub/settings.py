"""What a district chooses for its hub, kept in one JSON file beside the hub's state.

`partnership-course hub` writes the settings to `<data-dir>/settings.json`, and the generated
`jupyterhub_config.py` reads them back, so a restarted hub (or `jupyterhub -f` run by hand or by
systemd) configures itself identically without repeating any command-line option.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

COACHES_GROUP = "coaches"
FORMGRADER_SERVICE = "formgrader"


@dataclass
class HubSettings:
    """Everything `config.configure` needs; defaults suit one district server."""

    data_dir: str
    store: str = ""  # PARTNERSHIP_COURSE_STORE for every user server (PostgreSQL in a district)
    gradebook: str = ""  # nbgrader gradebook URL shared by formgrader and `grade` (PostgreSQL)
    course_dir: str = ""  # nbgrader course folder the coaches grade in (default: <data>/grader)
    site_dir: str = ""  # the notebooks every user server opens (default: <data>/course)
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    service_port_base: int = 9900  # coach service n listens on service_port_base + n
    admins: list[str] = field(default_factory=list)
    coaches: list[str] = field(default_factory=list)
    authenticator: str = "native"  # see auth.AUTHENTICATORS
    oauth_callback_url: str = ""
    google_domain: str = ""
    entra_tenant: str = ""
    lti_config: str = ""  # lti.yaml of the LMS registration (--login lti), see docs/lms.md
    lti_passback_seconds: int = 60  # how often the passback service posts completions
    spawner: str = "simple"  # see spawner.SPAWNERS
    cull_idle_minutes: float = 60  # fractions allowed (a test culls after seconds)
    cull_every_minutes: float = 10
    concurrent_spawns: int = 0  # servers starting at once; more are asked to retry (0: 5/core)
    max_servers: int = 0  # running servers at most, for the machine's memory (0: no limit)
    mem_limit: str = "2G"  # enforced by the systemd spawner (and Kubernetes), advisory otherwise
    proxy_command: str = ""  # configurable-http-proxy (default: found by launch.find_proxy)

    @property
    def data(self) -> Path:
        return Path(self.data_dir)

    @property
    def course_path(self) -> Path:
        return Path(self.course_dir) if self.course_dir else self.data / "grader"

    @property
    def site_path(self) -> Path:
        return Path(self.site_dir) if self.site_dir else self.data / "course"

    def save(self, path: Path | None = None) -> Path:
        target = path or self.data / "settings.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(asdict(self), indent=2, sort_keys=True), encoding="utf-8")
        return target

    @classmethod
    def load(cls, path: Path) -> HubSettings:
        """Read settings back; unknown keys are an error (a misspelt key must not be ignored)."""
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ValueError(f"{path}: unknown hub settings: {', '.join(unknown)}")
        return cls(**raw)
