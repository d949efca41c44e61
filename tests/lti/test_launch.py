"""LTI 1.3 launches into a real JupyterHub from the test LMS, accepted and refused.

One platform and one hub for the whole file. Each refusal case changes one thing in the launch
the platform sends, and checks that the hub answers with the plain refusal page and that
nothing was stored: no hub user, no launch record, the nonce still unused.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import sqlalchemy as sa
from conftest import write_registration
from hub import Hub, launch, running_hub
from lms import Person, Platform

from partnership_course.lti.authenticator import user_name
from partnership_course.lti.records import Records, nonces


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('lti-store') / 'responses.db'}"


@pytest.fixture(scope="module")
def hub(platform: Platform, store_url: str, tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[Hub]:
    from partnership_course.workshop.launch import free_port

    folder = tmp_path_factory.mktemp("lti-hub")
    port = free_port()
    registration = write_registration(folder, platform, f"http://127.0.0.1:{port}")
    with running_hub(folder / "hub", registration, store_url, port) as running:
        base = running.url
        platform.tool_login_url = f"{base}/hub/lti13/oauth_login"
        platform.tool_redirect_uri = f"{base}/hub/lti13/oauth_callback"
        platform.tool_jwks_url = f"{base}/hub/lti13/jwks"
        platform.target_link_uri = f"{base}/hub/lti13/oauth_login"
        yield running


def client() -> httpx.Client:
    return httpx.Client(timeout=30, follow_redirects=False)


def person(platform: Platform, key: str, role: str = "learner") -> Person:
    found = platform.people.setdefault(key, Person(f"{key}-subject", f"{key} <i>name</i>", role))
    return found


def used_nonces(store_url: str) -> int:
    records = Records(store_url)
    with records.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(nonces)).scalar_one()


def test_learner_launch_creates_a_hub_user_named_by_issuer_and_subject(
    hub: Hub, platform: Platform, store_url: str
) -> None:
    learner = platform.people["learner"]
    with client() as browser:
        done = launch(browser, platform, "learner")
    assert done.response.status_code == 302, done.response.text
    assert done.response.headers["location"].endswith("/hub/user-redirect/voila/tree")
    name = user_name(platform.issuer, learner.sub)
    user = hub.user(name)
    assert user is not None and sorted(user["groups"]) == ["course-family-partnership"]
    assert learner.name not in str(user)
    (record,) = Records(store_url).launches(user=name)
    assert record.subject == learner.sub and record.lineitems_url == platform.lineitems_url()
    assert record.deployment_id == platform.deployment_id and not record.coach
    assert "https://purl.imsglobal.org/spec/lti-ags/scope/score" in record.scopes


def test_instructor_and_assistant_launch_into_the_coaches_group(
    hub: Hub, platform: Platform, store_url: str
) -> None:
    for who in ("instructor", "assistant"):
        with client() as browser:
            assert launch(browser, platform, who).response.status_code == 302
        name = user_name(platform.issuer, platform.people[who].sub)
        user = hub.user(name)
        assert user is not None
        assert sorted(user["groups"]) == ["coaches", "course-family-partnership"]
        assert Records(store_url).launches(user=name)[0].coach


def test_the_same_subject_on_another_platform_is_another_person() -> None:
    assert user_name("https://lms.a.org", "42") != user_name("https://lms.b.org", "42")
    assert user_name("https://lms.a.org", "42") == user_name("https://lms.a.org", "42")


def _refused(done, hub: Hub, platform: Platform, store_url: str, who: str, before: int,
             status: int, words: str) -> None:
    answer = done.response
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    assert "The launch from your LMS was refused" in answer.text
    assert words in answer.text
    assert "<i>" not in answer.text
    name = user_name(platform.issuer, platform.people[who].sub)
    assert hub.user(name) is None
    assert Records(store_url).launches(user=name) == []
    assert used_nonces(store_url) == before


@pytest.mark.parametrize(
    ("tamper", "status", "words"),
    [
        ({"bad_signature": True}, 400, "Signature verification failed"),
        ({"aud": "someone-else"}, 401, "Audience"),
        ({"deployment_id": "deployment-unknown"}, 400, "deployment"),
        ({"expired": True}, 400, "expired"),
        ({"drop_state": True}, 400, "arg state not in request"),
    ],
    ids=["bad-signature", "wrong-audience", "wrong-deployment", "expired", "missing-state"],
)
def test_refused_launches_store_nothing(
    hub: Hub, platform: Platform, store_url: str, tamper: dict, status: int, words: str
) -> None:
    who = "refused-" + next(iter(tamper))
    person(platform, who)
    before = used_nonces(store_url)
    platform.tamper = dict(tamper)
    with client() as browser:
        done = launch(browser, platform, who)
    _refused(done, hub, platform, store_url, who, before, status, words)


def test_a_replayed_launch_is_refused_even_with_the_browser_cookies(
    hub: Hub, platform: Platform, store_url: str
) -> None:
    person(platform, "replayer")
    with client() as browser:
        first = launch(browser, platform, "replayer")
    assert first.response.status_code == 302
    before = used_nonces(store_url)
    with httpx.Client(timeout=30, cookies=first.cookies) as thief:
        again = thief.post(platform.tool_redirect_uri, data=first.form)
    assert again.status_code == 400
    assert "already used" in again.text and "The launch from your LMS was refused" in again.text
    assert used_nonces(store_url) == before


def test_the_tool_publishes_its_public_keys(hub: Hub) -> None:
    keys = httpx.get(f"{hub.url}/hub/lti13/jwks", timeout=10).json()["keys"]
    assert keys and all(k["kty"] == "RSA" and "d" not in k and k["kid"] for k in keys)


def test_the_refusal_page_speaks_spanish(hub: Hub, platform: Platform) -> None:
    answer = httpx.post(
        f"{hub.url}/hub/lti13/oauth_callback",
        data={"id_token": "x"},
        headers={"Accept-Language": "es-MX,es;q=0.9"},
        timeout=10,
    )
    assert answer.status_code == 400
    assert "Se rechazó el acceso" in answer.text and 'lang="es"' in answer.text
