"""Workshops, participant tokens, identity in a workshop kernel, and the facilitator's figures."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sqlalchemy as sa

from partnership_course import context
from partnership_course.store import ResponseStore
from partnership_course.workshop import kernel, report
from partnership_course.workshop.sessions import (
    WorkshopError,
    WorkshopStore,
    clean_name,
    participants,
    token_hash,
    workshops,
)


@pytest.fixture
def room(store: ResponseStore) -> WorkshopStore:
    workshop = WorkshopStore(store)
    workshop.open_workshop("room-1234", "a-very-secret-key")
    return workshop


def test_join_gives_a_long_random_token_and_stores_only_its_hash(room: WorkshopStore) -> None:
    token, ana = room.join("room-1234", "Ana")
    assert len(token) >= 40
    assert room.participant("room-1234", token) == ana
    with room.engine.connect() as conn:
        rows = conn.execute(sa.select(participants)).mappings().all()
        keys = conn.execute(sa.select(workshops.c.facilitator_key_hash)).scalars().all()
    dumped = json.dumps([dict(r) for r in rows])
    assert token not in dumped and token_hash(token) in dumped
    assert keys == [token_hash("a-very-secret-key")]


def test_same_name_joins_as_a_different_person(room: WorkshopStore) -> None:
    token_a, a = room.join("room-1234", "Sam")
    token_b, b = room.join("room-1234", "Sam")
    assert token_a != token_b and a.learner != b.learner


def test_wrong_forged_and_foreign_tokens_find_nobody(room: WorkshopStore) -> None:
    token, _ = room.join("room-1234", "Ana")
    room.open_workshop("room-9999", "another-secret-key")
    assert room.participant("room-9999", token) is None  # right token, other workshop
    assert room.participant("room-1234", token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    for bad in (None, "", "x", "' OR 1=1 --", token_hash(token)):
        assert room.participant("room-1234", bad) is None


def test_unknown_workshop_and_empty_names_are_refused(room: WorkshopStore) -> None:
    with pytest.raises(WorkshopError):
        room.join("room-0000", "Ana")
    with pytest.raises(WorkshopError):
        room.join("room-1234", " \t\n\u200b ")
    assert clean_name("  Ana\n\tMaría  ") == "Ana María"
    assert len(clean_name("x" * 500)) == 60


def test_facilitator_key(room: WorkshopStore) -> None:
    assert room.is_facilitator("room-1234", "a-very-secret-key")
    assert not room.is_facilitator("room-1234", "a-very-secret-kez")
    assert not room.is_facilitator("room-1234", "")
    assert not room.is_facilitator("room-0000", "a-very-secret-key")
    room.open_workshop("room-1234", "a-new-secret-key")  # restarting may change the key
    assert not room.is_facilitator("room-1234", "a-very-secret-key")


def test_facilitator_key_hash(room: WorkshopStore) -> None:
    """The hash the facilitator's cookie is checked against (`FacilitatorBase`): the key's,
    never the key; None for a room that does not exist; a new one when the key changes."""
    assert room.facilitator_key_hash("room-1234") == token_hash("a-very-secret-key")
    assert room.facilitator_key_hash("room-0000") is None
    room.open_workshop("room-1234", "a-new-secret-key")
    assert room.facilitator_key_hash("room-1234") == token_hash("a-new-secret-key")


def test_workshop_kernel_learner_comes_only_from_the_token(
    room: WorkshopStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    token, ana = room.join("room-1234", "Ana")
    monkeypatch.setenv(kernel.WORKSHOP_ENV, "room-1234")
    monkeypatch.setenv(context.HOSTS_ENV, "partnership_course.workshop.kernel")  # as serve does
    monkeypatch.setenv("PARTNERSHIP_COURSE_LEARNER", "server-account")
    kernel.forget_participant()
    monkeypatch.setenv("QUERY_STRING", f"p={token}&lang=es")
    assert context.current_learner() == ana.learner
    assert context.current_language() == "es"
    kernel.forget_participant()
    monkeypatch.setenv("QUERY_STRING", "p=forged-token-forged-token-forged")
    with pytest.raises(kernel.NotJoined):
        context.current_learner()
    monkeypatch.setenv("QUERY_STRING", "")
    with pytest.raises(kernel.NotJoined):
        context.current_learner()
    context.set_learner("coach-preview")  # an explicit override still wins, as before
    assert context.current_learner() == "coach-preview"


def test_a_host_that_cannot_be_imported_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Does a misnamed host fail closed instead of falling back to the server's account?"""
    monkeypatch.setenv(context.HOSTS_ENV, "partnership_course.no_such_host")
    with pytest.raises(ModuleNotFoundError):
        context.current_learner()


def test_room_summaries_count_choices_and_keep_names_with_texts(room: WorkshopStore) -> None:
    _, ana = room.join("room-1234", "Ana <b>")
    _, ben = room.join("room-1234", "=Ben")
    _, _cy = room.join("room-1234", "Cy")
    store = room.responses
    sid = "01-dual-capacity/which-c-check"
    from partnership_course.content import load_scenario

    options = [o.id for o in load_scenario(sid).options]
    store.save(ana.learner, "01-dual-capacity", sid, "choice", {"choice": options[0]})
    store.save(ben.learner, "01-dual-capacity", sid, "choice", {"choice": options[0]})
    refl = "01-dual-capacity/four-cs-reflection"
    store.save(ana.learner, "01-dual-capacity", refl, "reflection", {"text": "<script>x</script>"})
    store.save("someone-else", "01-dual-capacity", refl, "reflection", {"text": "not in room"})

    people = room.participants("room-1234")
    answers = room.workshop_answers("room-1234")
    assert {a.learner for a in answers} == {ana.learner, ben.learner}
    summaries = {s.activity: s for s in report.room_summaries([sid, refl], answers, people)}
    counts = {label: n for label, n, _ in summaries[sid].tallies[0].counts}
    assert sorted(counts.values(), reverse=True)[:2] == [2, 0]
    assert summaries[refl].texts == [("Ana <b>", "<script>x</script>")]
    assert report.progress([sid, refl], answers, people)[ana.learner] == 2

    from partnership_course.workshop import pages
    from partnership_course.workshop.outline import outline

    html = pages.dashboard_fragment(outline(), people, {}, list(summaries.values()))
    assert "<script>x" not in html and "&lt;script&gt;x" in html
    assert "Ana &lt;b&gt;" in html

    names = {p.learner: p.display_name for p in people}
    rows = list(csv.reader(io.StringIO(report.answers_csv(answers, names))))
    assert rows[0][0] == "display_name" and len(rows) == 4
    assert any(row[0] == "'=Ben" for row in rows)  # no formula injection in spreadsheets
