"""LTI 1.3 launches into a real JupyterHub from the test LMS, accepted and refused.

One platform and one hub for the whole file. Each refusal case changes one thing in the launch
the platform sends, and checks that the hub answers with the plain refusal page and that
nothing was stored: no hub user, no launch record, the nonce still unused.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from hub import Hub, launch, running_hub
from lms import Person, Platform
from ltitools import MODULE, answer_module_01, write_registration

from partnership_course.lti.authenticator import user_name
from partnership_course.lti.passback import passback
from partnership_course.lti.records import Records, nonces
from partnership_course.lti.settings import load_settings
from partnership_course.store import ResponseStore


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('lti-store') / 'responses.db'}"


@pytest.fixture(scope="module")
def hub_port() -> int:
    from support.launch import free_port

    return free_port()


@pytest.fixture(scope="module")
def registration_path(
    platform: Platform, hub_port: int, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    folder = tmp_path_factory.mktemp("lti-hub")
    return write_registration(folder, platform, f"http://127.0.0.1:{hub_port}")


@pytest.fixture(scope="module")
def hub(
    platform: Platform, store_url: str, registration_path: Path, hub_port: int
) -> Iterator[Hub]:
    data = registration_path.parent / "hub"
    with running_hub(data, registration_path, store_url, hub_port) as running:
        base = running.url
        platform.tool_login_url = f"{base}/hub/lti13/oauth_login"
        platform.tool_redirect_uri = f"{base}/hub/lti13/oauth_callback"
        platform.tool_jwks_url = f"{base}/hub/lti13/jwks"
        platform.target_link_uri = f"{base}/hub/lti13/oauth_login"
        yield running


SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def shot(name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"


def client() -> httpx.Client:
    return httpx.Client(timeout=30, follow_redirects=False)


def person(platform: Platform, key: str, role: str = "learner") -> Person:
    return platform.people.setdefault(
        key, Person(f"{key}-subject", f"{key} <i>name</i>", role, login=key)
    )


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


def _refused(
    done,
    hub: Hub,
    platform: Platform,
    store_url: str,
    who: str,
    before: int,
    status: int,
    words: str,
) -> None:
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


def _first_choice_on_page() -> tuple[str, int, str, str, float]:
    """(page path, index of the activity on the page, activity id, its right option's text,
    its points)."""
    from partnership_course.content import load_scenario
    from partnership_course.content.model import text_in
    from partnership_course.rendering import plain
    from partnership_course.workshop.outline import outline

    module = next(m for m in outline() if m.name == MODULE)
    for page in module.pages:
        for index, activity in enumerate(page.activities):
            scenario = load_scenario(activity)
            points = float(getattr(scenario, "points", 0) or 0)
            if scenario.kind == "choice" and points > 0:  # the pre-test's items are worth none
                right = next(o for o in scenario.options if o.correct)
                return page.path, index, activity, plain(text_in(right.text, "en")), points
    raise AssertionError("module 01 has no scored choice activity")


def _wait(condition, seconds: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"{what} did not happen within {seconds} s")


@pytest.mark.browser
def test_learner_launches_in_chromium_answers_module_01_and_the_lms_gets_one_score(
    hub: Hub, platform: Platform, store_url: str, registration_path: Path, browser
) -> None:
    learner = platform.people["learner"]
    name = user_name(platform.issuer, learner.sub)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{platform.url}/course/launch?user=learner", timeout=120_000)
        page.wait_for_url(f"**/user/{name}/voila/tree**", timeout=300_000)
        assert "Ana" not in page.url

        # every activity answered through the store but one, which is answered on the page
        path, index, activity, right, points = _first_choice_on_page()
        store = ResponseStore(store_url)
        expected = answer_module_01(store, name, skip=activity) + points
        settings = load_settings(registration_path)
        early = passback(settings, store_url, modules=[MODULE], users=[name])
        assert (len(early.posted), early.not_completed) == (0, 1)
        assert platform.scores_for(learner.sub) == []
        page.goto(f"{hub.url}/user/{name}/voila/render/{path}", timeout=120_000)
        activities = page.locator(".pc-activity")
        activities.nth(index).wait_for(state="visible", timeout=300_000)
        activities.nth(index).get_by_role("radio", name=right).check()
        # choosing is not answering: the first answer is scored, so it is committed on purpose
        activities.nth(index).get_by_role("button", name="Check my answer").click()
        _wait(lambda: store.load(name, MODULE, activity), 60, "the page's answer being saved")
        page.screenshot(path=str(shot("lti-learner-module01")))
    finally:
        context.close()

    # the hub's passback service posts the completion once, with the automatic score
    scores = _wait(lambda: platform.scores_for(learner.sub), 120, "the completion post")
    assert len(scores) == 1
    body = scores[0]["body"]
    assert body["scoreGiven"] == pytest.approx(expected) and points > 0
    assert body["activityProgress"] == "Completed"

    # passback run by hand finds nothing new (and the service, passing every 2 s, neither)
    again = passback(settings, store_url, modules=[MODULE])
    assert (len(again.posted), len(again.failed)) == (0, 0) and again.unchanged >= 1
    assert len(platform.scores_for(learner.sub)) == 1
    assert [r["status"] for r in Records(store_url).audit(user=name)] == ["posted"]


@pytest.mark.browser
def test_instructor_launches_in_chromium_into_the_coaches_group(
    hub: Hub, platform: Platform, browser
) -> None:
    name = user_name(platform.issuer, platform.people["instructor"].sub)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{platform.url}/course/launch?user=instructor", timeout=120_000)
        page.wait_for_url(f"**/user/{name}/voila/tree**", timeout=300_000)
    finally:
        context.close()
    user = hub.user(name)
    assert user is not None and "coaches" in user["groups"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_refused_launch_in_chromium_is_a_plain_accessible_page(
    hub: Hub, platform: Platform, store_url: str, browser, lang: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    who = f"refused-browser-{lang}"
    person(platform, who)
    platform.tamper = {"bad_signature": True}
    context = browser.new_context(locale="es-ES" if lang == "es" else "en-US")
    page = context.new_page()
    try:
        page.goto(f"{platform.url}/course/launch?user={who}", timeout=120_000)
        page.wait_for_url("**/hub/lti13/oauth_callback", timeout=120_000)
        heading = page.get_by_role("heading", level=1)
        expected = {
            "en": "The launch from your LMS was refused",
            "es": "Se rechazó el acceso desde su plataforma de aprendizaje",
        }[lang]
        assert heading.inner_text() == expected
        assert page.locator("html").get_attribute("lang") == lang
        page.screenshot(path=str(shot(f"lti-refused-{lang}")), full_page=True)
        violations = Axe().run(page).response["violations"]
        assert violations == [], [v["id"] for v in violations]
    finally:
        context.close()
    assert hub.user(user_name(platform.issuer, platform.people[who].sub)) is None


@pytest.mark.browser
def test_a_coach_places_one_module_by_deep_linking_and_a_learner_lands_on_it(
    hub: Hub, platform: Platform, browser
) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(
            f"{platform.url}/course/launch?user=instructor&message=LtiDeepLinkingRequest",
            timeout=120_000,
        )
        page.wait_for_url("**/hub/lti13/deep-link", timeout=120_000)
        group = page.get_by_role("group", name="Module")
        assert group.get_by_role("radio").count() == 3
        page.screenshot(path=str(shot("lti-deep-link")), full_page=True)
        from axe_playwright_python.sync_playwright import Axe

        violations = Axe().run(page).response["violations"]
        assert violations == [], [v["id"] for v in violations]
        group.get_by_role("radio").nth(1).check()
        page.get_by_role("button", name="Place this module").click()
        page.wait_for_url(f"{platform.url}/deep-link-return", timeout=60_000)
    finally:
        context.close()
    (item,) = platform.placed
    assert item["type"] == "ltiResourceLink" and item["url"].endswith("/hub/?module=02-principles")
    assert item["lineItem"]["tag"] == "partnership-course:02-principles"
    assert item["lineItem"]["scoreMaximum"] > 0

    with client() as browser_client:
        done = launch(browser_client, platform, "learner", target=item["url"])
    assert done.response.status_code == 302
    from partnership_course.workshop.outline import outline

    first = next(m for m in outline() if m.name == "02-principles").pages[0].path
    assert first.startswith("02-principles/")
    assert done.response.headers["location"].endswith(f"/hub/user-redirect/voila/render/{first}")


def test_a_learner_cannot_ask_to_place_modules(
    hub: Hub, platform: Platform, store_url: str
) -> None:
    who = "learner-deep-link"
    person(platform, who)
    before = used_nonces(store_url)
    with client() as browser:
        to_tool = browser.get(
            f"{platform.url}/course/launch",
            params={"user": who, "message": "LtiDeepLinkingRequest"},
        )
        to_platform = browser.get(to_tool.headers["location"])
        browser.get(to_platform.headers["location"])
        answer = browser.post(platform.tool_redirect_uri, data=dict(platform.last_form))
    assert answer.status_code == 400 and "only coaches" in answer.text
    assert hub.user(user_name(platform.issuer, platform.people[who].sub)) is None
    assert used_nonces(store_url) == before
