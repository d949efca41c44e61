"""Facilitator log-in: wrong keys from one address are slowed (five a minute), every attempt is
recorded, and the right key still opens the view once the wait is over."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from handlers import cookie_of, fetch, text

from partnership_course.workshop.kernel import WORKSHOP_ENV
from partnership_course.workshop.logins import LIMIT, WINDOW, LoginLog
from partnership_course.workshop.sessions import WorkshopStore, workshop_store

CODE = "room-7070"
KEY = "the-right-facilitator-key"


@pytest.fixture
def room(isolated_store: str, monkeypatch: pytest.MonkeyPatch) -> WorkshopStore:
    monkeypatch.setenv(WORKSHOP_ENV, CODE)
    store = workshop_store(isolated_store)
    store.open_workshop(CODE, KEY)
    return store


def test_wrong_keys_are_slowed_and_every_login_recorded(room: WorkshopStore) -> None:
    for attempt in range(LIMIT):
        wrong = fetch("/workshop/facilitator", "POST", {"key": f"guess-{attempt}"})
        assert wrong.code == 403, attempt
        assert "That key does not open this workshop." in text(wrong)
    # the sixth try inside the minute is refused without the key being looked at: even the
    # right key does not open the view now
    refused = fetch("/workshop/facilitator", "POST", {"key": KEY})
    assert refused.code == 429
    wait = int(refused.headers["Retry-After"])
    assert 0 < wait <= WINDOW + 1
    assert f"Please wait {wait} seconds" in text(refused)
    assert "Set-Cookie" not in refused.headers
    spanish = fetch("/workshop/facilitator", "POST", {"key": KEY, "lang": "es"})
    assert spanish.code == 429 and "Demasiadas claves equivocadas" in text(spanish)

    log = LoginLog(room.engine)
    attempts = log.logins(CODE)
    assert [(a.ok, a.refused) for a in attempts] == [(False, False)] * LIMIT + [(False, True)] * 2
    assert {a.address for a in attempts} == {"127.0.0.1"}
    # a minute later (the log's clock moved on) the right key works and is recorded
    later = datetime.now(UTC) + timedelta(seconds=WINDOW + 1)
    assert log.wait_seconds("127.0.0.1", now=later) == 0
    assert log.wait_seconds("10.0.0.9") == 0  # another address was never slowed


def test_the_right_key_opens_the_view_and_is_recorded(room: WorkshopStore) -> None:
    opened = fetch("/workshop/facilitator", "POST", {"key": KEY})
    assert opened.code == 303
    view = fetch("/workshop/facilitator", headers={"Cookie": cookie_of(opened)})
    assert view.code == 200 and "Who has joined (0)" in text(view)
    (login,) = LoginLog(room.engine).logins(CODE)
    assert login.ok and not login.refused and login.at.startswith(str(datetime.now(UTC).year))


def test_failures_older_than_the_window_do_not_count(room: WorkshopStore) -> None:
    log = LoginLog(room.engine)
    for _ in range(LIMIT):
        log.record(CODE, "192.0.2.7", ok=False)
    now = datetime.now(UTC)
    assert log.wait_seconds("192.0.2.7", now=now) > 0
    assert log.wait_seconds("192.0.2.7", now=now + timedelta(seconds=WINDOW + 1)) == 0
