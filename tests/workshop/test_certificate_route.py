"""The workshop's own Tornado handlers (no Voila, no kernel): the participant certificate's rules
and the page language carried through join, start page and facilitator view."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from handlers import fetch, text
from spanish_catalogue import write_spanish_catalogue
from support.html import parse, texts

from partnership_course.content import load_scenario
from partnership_course.i18n import catalogue
from partnership_course.workshop.kernel import WORKSHOP_ENV
from partnership_course.workshop.outline import all_activities
from partnership_course.workshop.sessions import Participant, WorkshopStore, workshop_store

CODE = "room-1234"
KEY = "a-very-secret-key"
NAME = "Ana <script>alert(1)</script> & Bea"


@pytest.fixture
def room(
    isolated_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[WorkshopStore]:
    """A workshop on this test's store, a Spanish test catalogue, and the app's handlers."""
    monkeypatch.setenv(WORKSHOP_ENV, CODE)
    root = write_spanish_catalogue(tmp_path / "translations")
    monkeypatch.setenv("PARTNERSHIP_COURSE_TRANSLATIONS", str(root))
    catalogue.cache_clear()
    store = workshop_store(isolated_store)
    store.open_workshop(CODE, KEY)
    yield store
    catalogue.cache_clear()


# one real answer per kind, in the shape each widget saves (see content/kinds.py `answered`)
ANSWERS: dict[str, dict] = {
    "choice": {"choice": "a"},
    "sort": {"placements": {"trust": "process"}},
    "self_assessment": {"ratings": {"capabilities": 2}},
    "reflection": {"text": "Families know their children best."},
    "plain_language": {"text": "We will meet when it suits you."},
    "ladder": {"marks": {"quiet": True}},
    "starters": {"statements": {"bus": {"reply": "thanks"}}},
    "branching": {"attempts": [{"path": ["a"]}]},
    "contact_planner": {"families": [{"code": "A"}]},
    "action_plan": {"fields": {"goal": "Call every family before October."}},
    "toolkit": {"made": ["survey"]},
}


def answer_everything(store: WorkshopStore, who: Participant, skip: str = "") -> None:
    """Save an answer to every activity of every module, in each kind's own shape."""
    for activity in all_activities():
        if activity == skip:
            continue
        kind = load_scenario(activity).kind
        store.responses.save(who.learner, activity.split("/")[0], activity, kind, ANSWERS[kind])


def test_complete_participant_gets_a_certificate_with_the_name_escaped(
    room: WorkshopStore,
) -> None:
    token, ana = room.join(CODE, NAME)
    answer_everything(room, ana)

    reply = fetch(f"/workshop/certificate.html?p={token}&lang=es")
    assert reply.code == 200, text(reply)
    page = text(reply)
    assert parse(page).html["lang"] == "es"
    assert "Certificado de finalización" in page and "Se certifica que" in page
    assert texts(page, ".pc-name") == [NAME]
    assert parse(page).find("script") is None
    assert "Los diez principios de la alianza" in page  # modules and hours from course.yaml
    assert 'filename="certificate.html"' in reply.headers["Content-Disposition"]

    english = fetch(f"/workshop/certificate.html?p={token}", headers={"Accept-Language": "en"})
    assert english.code == 200 and "Certificate of completion" in text(english)

    pdf = fetch(f"/workshop/certificate.pdf?p={token}&lang=es")
    assert pdf.code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.body.startswith(b"%PDF")

    # and the start page offers it
    start = text(fetch(f"/?p={token}&lang=es"))
    assert f"/workshop/certificate.html?p={token}&amp;lang=es" in start


def test_incomplete_participant_is_refused(room: WorkshopStore) -> None:
    token, ana = room.join(CODE, "Ana")
    assert fetch(f"/workshop/certificate.html?p={token}").code == 403  # nothing answered
    last = all_activities()[-1]
    answer_everything(room, ana, skip=last)  # one activity short
    reply = fetch(f"/workshop/certificate.html?p={token}&lang=es")
    assert reply.code == 403
    assert "Todavía no ha terminado" in text(reply) and "Ana" not in text(reply)
    assert fetch(f"/workshop/certificate.pdf?p={token}").code == 403
    assert "/workshop/certificate" not in text(fetch(f"/?p={token}"))
    # a reflection left empty does not count as an answer
    answer_everything(room, ana)
    reflection = next(a for a in all_activities() if load_scenario(a).kind == "reflection")
    room.responses.save(
        ana.learner, reflection.split("/")[0], reflection, "reflection", {"text": "   "}
    )
    assert fetch(f"/workshop/certificate.html?p={token}").code == 403
    room.responses.save(
        ana.learner, reflection.split("/")[0], reflection, "reflection", {"text": "Listen first."}
    )
    assert fetch(f"/workshop/certificate.html?p={token}").code == 200


def test_other_forged_and_missing_tokens_are_refused(room: WorkshopStore) -> None:
    token_a, ana = room.join(CODE, "Ana Complete")
    answer_everything(room, ana)
    token_b, _ben = room.join(CODE, "Ben")
    forged = token_a[:-4] + ("AAAA" if not token_a.endswith("AAAA") else "BBBB")
    for query in (f"?p={token_b}", f"?p={forged}", "", "?p="):
        for fmt in ("html", "pdf"):
            reply = fetch(f"/workshop/certificate.{fmt}{query}")
            assert reply.code == 403, (fmt, query)
            assert "Ana Complete" not in text(reply)
    # another workshop's participant: their token is not valid here
    room.open_workshop("room-9999", "another-secret-key")
    token_c, cy = room.join("room-9999", "Cy")
    answer_everything(room, cy)
    assert fetch(f"/workshop/certificate.html?p={token_c}").code == 403


def test_join_in_spanish_keeps_the_language_to_the_start_page(room: WorkshopStore) -> None:
    page = fetch("/workshop/join?lang=es")
    assert page.code == 200 and '<html lang="es">' in text(page)
    assert "Unirse al taller" in text(page)
    wrong = fetch("/workshop/join", "POST", {"code": "room-0000", "name": "Ana", "lang": "es"})
    assert wrong.code == 400 and "No se encontró ese código de taller" in text(wrong)
    joined = fetch("/workshop/join", "POST", {"code": CODE, "name": "Ana", "lang": "es"})
    assert joined.code == 303
    location = joined.headers["Location"]
    assert re.fullmatch(r"/\?p=[A-Za-z0-9_-]+&lang=es", location), location
    start = text(fetch(location))
    assert '<html lang="es">' in start and "Páginas del curso" in start
    # the browser's language alone: Spanish page, no `lang` written into the address
    browser = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}
    assert "Unirse al taller" in text(fetch("/workshop/join", headers=browser))
    plain = fetch("/workshop/join", "POST", {"code": CODE, "name": "Bo"}, headers=browser)
    assert re.fullmatch(r"/\?p=[A-Za-z0-9_-]+", plain.headers["Location"])
    # a refused link, in Spanish, with a switch that keeps the (bad) token
    refused = fetch("/?p=not-a-real-token-at-all-xyz&lang=es")
    assert refused.code == 403 and "Este enlace no funciona" in text(refused)
    assert 'href="/?p=not-a-real-token-at-all-xyz&amp;lang=en" lang="en"' in text(refused)


def test_facilitator_view_in_spanish(room: WorkshopStore) -> None:
    login = fetch("/workshop/facilitator?lang=es")
    assert '<html lang="es">' in text(login) and "Clave de la persona que facilita" in text(login)
    wrong = fetch("/workshop/facilitator", "POST", {"key": "nope", "lang": "es"})
    assert wrong.code == 403 and "Esa clave no abre este taller." in text(wrong)
    opened = fetch("/workshop/facilitator", "POST", {"key": KEY, "lang": "es"})
    assert opened.code == 303
    assert opened.headers["Location"] == "/workshop/facilitator?lang=es"
    cookie = opened.headers["Set-Cookie"].split(";", 1)[0]
    view = text(fetch("/workshop/facilitator?lang=es", headers={"Cookie": cookie}))
    assert '<html lang="es">' in view and "Quién se ha unido (0)" in view
    live = text(fetch("/workshop/facilitator/live?lang=es", headers={"Cookie": cookie}))
    assert live.startswith('<h2 id="joined">Quién se ha unido (0)</h2>')
    assert "Todavía no hay respuestas." in live
    csv_head = text(fetch("/workshop/facilitator/participants.csv", headers={"Cookie": cookie}))
    assert csv_head.splitlines()[0] == "display_name,learner,joined_at"  # ids stay ids
    refused = fetch("/workshop/facilitator/live?lang=es")
    assert refused.code == 403 and "Se necesita la clave" in text(refused)
