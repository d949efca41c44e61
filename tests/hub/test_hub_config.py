"""The hub's configuration, loaded the way JupyterHub loads it, without starting a hub.

Each log-in is checked on the real authenticator class JupyterHub resolves from the generated
`jupyterhub_config.py`, so a misspelt trait or class name fails here, not on a district's server.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jupyterhub.app import JupyterHub
from traitlets.config import Config

from partnership_course.hub import services
from partnership_course.hub.app import CourseHub
from partnership_course.hub.config import CONFIG_TEMPLATE, RETRY_AFTER, configure
from partnership_course.hub.local_spawner import CourseLocalSpawner
from partnership_course.hub.settings import HubSettings
from partnership_course.hub.spawner import TEACHER_CONFIG


def hub_from(tmp_path: Path, **values: object) -> JupyterHub:
    """A JupyterHub app that has read our generated config file (as `jupyterhub -f` does)."""
    settings = HubSettings(data_dir=str(tmp_path / "hub"), admins=["ada"], **values)  # type: ignore[arg-type]
    settings.data.mkdir(parents=True, exist_ok=True)
    settings.save()
    config_file = settings.data / "jupyterhub_config.py"
    config_file.write_text(CONFIG_TEMPLATE, encoding="utf-8")
    app = CourseHub()
    app.load_config_file(str(config_file))
    return app


def authenticator(app: JupyterHub) -> object:
    cls = app.authenticator_class
    if cls.__name__ == "NativeAuthenticator":  # its table lives in the hub database: none here
        return cls(config=app.config, add_new_table=False)
    return cls(config=app.config)


def test_default_login_is_native_with_admin_approval(tmp_path: Path) -> None:
    app = hub_from(tmp_path)
    auth = authenticator(app)
    assert type(auth).__name__ == "NativeAuthenticator"
    assert auth.open_signup is False  # every sign-up waits for an admin
    assert auth.admin_users == {"ada"}
    assert auth.minimum_password_length >= 10


def test_google_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OAUTH_CLIENT_ID", "district-client-id")
    monkeypatch.setenv("OAUTH_CLIENT_SECRET", "district-client-secret")
    app = hub_from(
        tmp_path,
        authenticator="google",
        google_domain="district.example.org",
        oauth_callback_url="https://hub.district.example.org/hub/oauth_callback",
    )
    auth = authenticator(app)
    assert type(auth).__name__ == "GoogleOAuthenticator"
    assert auth.hosted_domain == ["district.example.org"]
    assert auth.oauth_callback_url == "https://hub.district.example.org/hub/oauth_callback"
    assert auth.client_id == "district-client-id"  # from the environment, never a file
    assert auth.client_secret == "district-client-secret"
    assert auth.allow_all is True and auth.admin_users == {"ada"}


def test_microsoft_entra_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OAUTH_CLIENT_ID", "entra-app-id")
    tenant = "0b7a5c2e-1111-4c4c-9d9d-123456789abc"
    app = hub_from(
        tmp_path,
        authenticator="entra",
        entra_tenant=tenant,
        oauth_callback_url="https://hub.district.example.org/hub/oauth_callback",
    )
    auth = authenticator(app)
    assert type(auth).__name__ == "AzureAdOAuthenticator"
    assert auth.tenant_id == tenant
    assert tenant in auth.authorize_url and tenant in auth.token_url
    # the user principal name: unique, unlike the display name oauthenticator defaults to
    assert auth.username_claim == "preferred_username"
    assert auth.client_id == "entra-app-id"


@pytest.mark.parametrize(
    ("login", "missing"),
    [("google", "--google-domain"), ("entra", "--entra-tenant"), ("saml", "choose one of")],
)
def test_incomplete_or_unknown_login_is_refused(tmp_path: Path, login: str, missing: str) -> None:
    values = {"oauth_callback_url": "https://hub/hub/oauth_callback"}
    with pytest.raises(ValueError, match=missing):
        configure(Config(), HubSettings(data_dir=str(tmp_path), authenticator=login, **values))


def test_misspelt_setting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"data_dir": str(tmp_path), "coachs": ["ben"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="coachs"):
        HubSettings.load(path)


def test_coaches_group_reaches_every_coach_service_and_teachers_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A coach-only service added to COACH_SERVICES is started and granted to coaches only."""
    monkeypatch.setattr(
        services,
        "COACH_SERVICES",
        [*services.COACH_SERVICES, f"{__name__}:grading_page"],
    )
    settings = HubSettings(data_dir=str(tmp_path), coaches=["ben"], admins=["ada"])
    c = configure(Config(), settings)
    by_name = {spec["name"]: spec for spec in c.JupyterHub.services}
    assert set(by_name) == {"formgrader", "grading", "grading-page", "idle-culler"}
    assert by_name["grading-page"]["url"] == "http://127.0.0.1:9902"
    assert by_name["grading-page"]["command"][-1] == "--port=9902"
    assert by_name["grading"]["command"][-3:] == [
        "review",
        f"--course-dir={tmp_path / 'grader'}",
        "--port=9901",
    ]
    assert by_name["formgrader"]["environment"]["JUPYTERHUB_DEFAULT_URL"] == "/formgrader"
    roles = {role["name"]: role for role in c.JupyterHub.load_roles}
    assert roles["coach"]["groups"] == ["coaches"]
    assert sorted(roles["coach"]["scopes"]) == [
        "access:services!service=formgrader",
        "access:services!service=grading",
        "access:services!service=grading-page",
    ]
    assert "user" not in roles  # JupyterHub's default: everyone reaches only their own server
    assert c.JupyterHub.load_groups == {"coaches": {"users": ["ben"]}}
    culler = by_name["idle-culler"]["command"]
    assert "--timeout=3600" in culler and "--cull-every=600" in culler
    assert roles["idle-culler"]["services"] == ["idle-culler"]


def grading_page(settings: HubSettings) -> services.ServiceSpec:
    """A coach-only service as another part of the course would add one."""
    return services.ServiceSpec(name="grading-page", command=["grading-page", "--port={port}"])


def test_teachers_lose_nbgrader_tools_and_the_news_prompt() -> None:
    page = json.loads((TEACHER_CONFIG / "labconfig" / "page_config.json").read_text())
    assert page["disabledExtensions"]["@jupyter/nbgrader"] is True
    assert page["disabledExtensions"]["@jupyterlab/apputils-extension:announcements"] is True
    server = json.loads((TEACHER_CONFIG / "jupyter_server_config.json").read_text())
    extensions = server["ServerApp"]["jpserver_extensions"]
    nbgrader = {k: v for k, v in extensions.items() if k.startswith("nbgrader.")}
    assert nbgrader and not any(nbgrader.values())
    assert extensions["partnership_course.lab_server"] is True  # the course pages, My toolkit


def test_user_servers_open_the_course_in_the_web_app_view(tmp_path: Path) -> None:
    app = hub_from(tmp_path, store="postgresql+psycopg://course@db/course")
    spawner = app.config.Spawner
    assert spawner.default_url == "/voila/tree"
    assert (
        spawner.environment["PARTNERSHIP_COURSE_STORE"] == "postgresql+psycopg://course@db/course"
    )
    assert spawner.environment["PARTNERSHIP_COURSE_LEARNER"] == ""  # the hub user, always
    assert any("CourseContentsManager" in arg for arg in spawner.args)
    assert app.config.JupyterHub.cleanup_servers is False  # a hub restart keeps every server
    assert app.spawner_class is CourseLocalSpawner  # JupyterHub's simple spawner, our ports
    assert app.config.CourseLocalSpawner.home_dir_template == str(tmp_path / "hub/users/{username}")


def test_systemd_spawner_isolates_each_person(tmp_path: Path) -> None:
    app = hub_from(tmp_path, spawner="systemd", mem_limit="1G")
    cls = app.spawner_class
    from systemdspawner import SystemdSpawner

    # jupyterhub-systemdspawner, configured as SystemdSpawner, on the course's port rule
    assert cls.__name__ == "CourseSystemdSpawner" and issubclass(cls, SystemdSpawner)
    from types import SimpleNamespace

    person = SimpleNamespace(name="ana", id=7, url="/user/ana/", groups=[])
    spawner = cls(config=app.config, user=person, _deprecated_db_session=None)
    assert spawner.dynamic_users is True
    assert spawner.mem_limit == 1024**3
    assert spawner.readonly_paths == [str(tmp_path / "hub" / "course")]


def test_a_burst_of_log_ins_is_throttled_not_failed(tmp_path: Path) -> None:
    app = hub_from(tmp_path, concurrent_spawns=6, max_servers=40)
    assert app.concurrent_spawn_limit == 6
    # CourseHub makes this configurable (JupyterHub 5 leaves it at its default, 30-60 s)
    assert app.spawn_throttle_retry_range == RETRY_AFTER != JupyterHub().spawn_throttle_retry_range
    assert app.active_server_limit == 40
    default = hub_from(tmp_path / "default")
    assert default.concurrent_spawn_limit >= 5  # five per core unless told
    assert default.active_server_limit == 0


def test_short_cull_timeouts_report_activity_often_enough(tmp_path: Path) -> None:
    """The culler compares last activity with its timeout: the reports must come faster."""
    app = hub_from(tmp_path, cull_idle_minutes=0.5, cull_every_minutes=0.1)
    culler = next(s for s in app.services if s["name"] == services.IDLE_CULLER)
    assert "--timeout=30" in culler["command"]
    assert "--cull-every=6" in culler["command"]
    interval = int(app.config.Spawner.environment["JUPYTERHUB_ACTIVITY_INTERVAL"])
    assert interval < 30 and app.last_activity_interval < 30
    usual = hub_from(tmp_path / "usual")
    assert usual.last_activity_interval == 300  # JupyterHub's own default at 60 minutes


def test_a_districts_own_config_files_run_after_ours_and_survive_a_rewrite(
    tmp_path: Path,
) -> None:
    """`<data-dir>/jupyterhub_config.d/*.py` run in name order after the course's set-up, each
    seeing what came before: a district's own lines are not lost when the command rewrites
    `jupyterhub_config.py` at the next start."""
    folder = tmp_path / "hub" / "jupyterhub_config.d"
    folder.mkdir(parents=True)
    (folder / "20-later.py").write_text(
        "c.JupyterHub.active_server_limit = c.JupyterHub.active_server_limit + 1\n"
    )
    (folder / "10-first.py").write_text(
        "c = get_config()\nc.JupyterHub.active_server_limit = 100\n"
        "c.JupyterHub.services.append({'name': 'district-monitor', 'api_token': 'x' * 32})\n"
    )
    (folder / "notes.txt").write_text("c.JupyterHub.active_server_limit = 0\n")  # not Python
    app = hub_from(tmp_path, max_servers=40)
    assert app.active_server_limit == 101  # ours (40), then 10-first (100), then 20-later (+1)
    names = [service["name"] for service in app.services]
    assert "district-monitor" in names and "formgrader" in names
