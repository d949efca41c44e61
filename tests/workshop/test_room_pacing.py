"""Pacing and the projector through the workshop's own handlers (no Voila, no kernel): the
facilitator opens parts and sends the room, the start page follows, and the projector shows
one activity's counts, never a name or a private reflection."""

from __future__ import annotations

import json
import re

import pytest
from handlers import cookie_of, fetch, text

from partnership_course.content import load_scenario
from partnership_course.workshop.kernel import WORKSHOP_ENV
from partnership_course.workshop.outline import outline
from partnership_course.workshop.sessions import WorkshopStore, workshop_store

CODE = "room-8080"
KEY = "pacing-facilitator-key"
FIRST = "01-dual-capacity/01-why-partnership.ipynb"
SECOND = "01-dual-capacity/02-the-framework.ipynb"
CHOICE = "01-dual-capacity/challenge-check"
REFLECTION = "01-dual-capacity/challenge-reflection"
SECRET = "Kept to myself: my neighbour's daughter"


@pytest.fixture
def room(isolated_store: str, monkeypatch: pytest.MonkeyPatch) -> WorkshopStore:
    monkeypatch.setenv(WORKSHOP_ENV, CODE)
    store = workshop_store(isolated_store)
    store.open_workshop(CODE, KEY)
    return store


def facilitator() -> dict[str, str]:
    opened = fetch("/workshop/facilitator", "POST", {"key": KEY})
    assert opened.code == 303
    return {"Cookie": cookie_of(opened)}


def start_page(token: str, lang: str = "en") -> str:
    reply = fetch(f"/?p={token}&lang={lang}")
    assert reply.code == 200
    return text(reply)


def test_open_parts_and_send_everyone(room: WorkshopStore) -> None:
    token, _ana = room.join(CODE, "Ana")
    page = start_page(token)
    assert f'href="/voila/render/{SECOND}?p={token}' in page  # not paced: every part open
    cookie = facilitator()
    # a participant cannot pace the room
    assert fetch("/workshop/facilitator/pacing", "POST", {"open": FIRST}).code == 403
    saved = fetch("/workshop/facilitator/pacing", "POST", {"open": FIRST}, headers=cookie)
    assert saved.code == 303 and saved.headers["Location"] == "/workshop/facilitator#pacing"
    page = start_page(token)
    assert f'href="/voila/render/{FIRST}?p={token}' in page
    assert f"/voila/render/{SECOND}" not in page and "(opens later)" in page
    spanish = start_page(token, "es")
    assert "(se abre más adelante)" in spanish
    # the facilitator view shows the choice
    view = text(fetch("/workshop/facilitator", headers=cookie))
    assert re.search(rf'name="open" value="{re.escape(FIRST)}" checked', view)
    assert not re.search(rf'name="open" value="{re.escape(SECOND)}" checked', view)
    # send everyone to the second part: it opens, and the start page and now.json say so
    sent = fetch(
        "/workshop/facilitator/pacing", "POST", {"action": "send", "page": SECOND}, headers=cookie
    )
    assert sent.code == 303
    page = start_page(token)
    assert "Your facilitator asks everyone to open:" in page
    assert f'href="/voila/render/{SECOND}?p={token}' in page
    now = json.loads(text(fetch(f"/workshop/now.json?p={token}&lang=es")))
    assert now["href"] == f"/voila/render/{SECOND}?p={token}&lang=es"
    assert now["before"].startswith("La persona que facilita pide")
    assert fetch("/workshop/now.json?p=forged-token-xxxxxxxxxxxxxxxx").code == 403
    bad = fetch(
        "/workshop/facilitator/pacing", "POST", {"action": "send", "page": "../x"}, headers=cookie
    )
    assert bad.code == 400
    # stop sending; closing the part everyone was sent to also withdraws it
    fetch("/workshop/facilitator/pacing", "POST", {"action": "send", "page": ""}, headers=cookie)
    assert json.loads(text(fetch(f"/workshop/now.json?p={token}")))["href"] is None


def test_projector_shows_counts_never_names_or_private_words(room: WorkshopStore) -> None:
    choice = load_scenario(CHOICE)
    people = []
    for name, option, shared in (("Zelda Uniquename", 0, True), ("Yusuf Othername", 1, False)):
        _token, person = room.join(CODE, name)
        people.append(person)
        room.responses.save(
            person.learner,
            "01-dual-capacity",
            CHOICE,
            "choice",
            {"choice": choice.options[option].id},
        )
        room.responses.save(
            person.learner,
            "01-dual-capacity",
            REFLECTION,
            "reflection",
            {"text": SECRET if not shared else "Shared words", "shared": shared},
        )
    assert fetch("/workshop/present").code == 302  # to the log-in
    assert fetch("/workshop/present/live").code == 403
    cookie = facilitator()
    steps = [a for m in outline() for pg in m.pages for a in pg.activities]
    at = steps.index(CHOICE) + 1
    view = text(fetch(f"/workshop/present?step={at}", headers=cookie))
    assert f"Activity {at} of {len(steps)}" in view
    assert choice.title in view and "answered by 2 of 2" in view
    assert "1 (50%)" in view  # the number as text, beside the bar and in the table
    assert f'href="/workshop/present?step={at + 1}"' in view
    assert f'href="/workshop/present?step={at - 1}"' in view
    for name in ("Zelda", "Yusuf"):
        assert name not in view
    reflection = text(
        fetch(f"/workshop/present?step={steps.index(REFLECTION) + 1}", headers=cookie)
    )
    assert SECRET not in reflection and "Shared words" not in reflection
    assert "never on the projector" in reflection
    # the live part alone, in Spanish
    live = text(fetch(f"/workshop/present/live?step={at}&lang=es", headers=cookie))
    assert "respondida por 2 de 2" in live and "<html" not in live
    # pacing narrows the steps to the open parts
    fetch("/workshop/facilitator/pacing", "POST", {"open": SECOND}, headers=cookie)
    narrowed = text(fetch("/workshop/present?step=1", headers=cookie))
    second = next(pg for m in outline() for pg in m.pages if pg.path == SECOND)
    assert f"Activity 1 of {len(second.activities)}" in narrowed
    # a private reflection is not in the facilitator's live view either
    assert SECRET not in text(fetch("/workshop/facilitator/live", headers=cookie))
    assert "1 kept private" in text(fetch("/workshop/facilitator/live", headers=cookie))
