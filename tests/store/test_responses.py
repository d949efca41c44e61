"""Does the store keep learner text exactly, and does every view show it escaped?"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from partnership_course.course import Course
from partnership_course.store import ResponseStore
from partnership_course.store.responses import LEARNERS_PER_QUERY

TEXTS = {
    "megabyte": ("Family voice. " * 75_000)[:1_048_576],
    "emoji": "Gracias 🙏🏽 — la reunión fue útil 👨‍👩‍👧 ✔",
    "rtl": "شكرا لكم على الاجتماع. נתראה בשבוע הבא.",
    "markup": '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" \'single\'',
    "whitespace": "  leading\n\n\ttabs\r\nand trailing  \n",
    "nul-ish": "line\u2028separator\u0007bell",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_text_round_trips_exactly(name: str, store: ResponseStore) -> None:
    """Is each awkward text stored and read back byte for byte?"""
    store.save("ana", "m", "m/why", "reflection", {"text": TEXTS[name]})
    found = store.load("ana", "m", "m/why")
    assert found is not None
    assert found.value["text"] == TEXTS[name]
    assert found.value["text"].encode("utf-8") == TEXTS[name].encode("utf-8")


@pytest.fixture
def reflection(scenario_dir: Path) -> Path:
    path = scenario_dir / "m" / "why.yaml"
    path.write_text(
        "schema_version: 1\nkind: reflection\nid: why\ntitle: T\nprompt: P\n", encoding="utf-8"
    )
    return path


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_reflection_widget_keeps_and_escapes(
    name: str, reflection: Path, make_course: Callable[..., Course]
) -> None:
    """Typed into a reflection, restored in a new widget: exact text, and no live markup?"""
    make_course(module="m").activity("why").write(TEXTS[name])
    widget = make_course(module="m").activity("why")
    assert widget.answer == TEXTS[name]
    # the text reaches the page only as data for the text area's value (never as HTML), and
    # no other synced value echoes it
    assert widget.response["text"] == TEXTS[name]
    state = widget.get_state()
    echoed = [k for k, v in state.items() if k != "response" and TEXTS[name][:40] in str(v)]
    assert echoed == []


def test_markup_is_escaped_where_shown(
    scenario_dir: Path, make_course: Callable[..., Course]
) -> None:
    """Content or learner text with markup: shown as text, never as live HTML?"""
    (scenario_dir / "m" / "x.yaml").write_text(
        "schema_version: 1\nkind: reflection\nid: x\n"
        "title: '<script>alert(1)</script>'\nprompt: '<b>bold?</b>'\n",
        encoding="utf-8",
    )
    widget = make_course(module="m").activity("x")
    # content travels as data, exactly; the front ends put every text in as a text node
    assert widget.content["title"] == "<script>alert(1)</script>"
    assert widget.content["prompt"] == "<b>bold?</b>"
    from partnership_course.activities import delivery

    for kind in ("choice", "self_assessment", "reflection"):
        source = delivery.module_source(kind)
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
            assert sink not in source, f"{kind}.js writes HTML through {sink}"


@pytest.mark.parametrize("backend_store", ["sqlite"], indirect=True)
def test_sqlite_is_in_wal_mode(store: ResponseStore, isolated_store: str) -> None:
    """Is the default database in WAL mode, so readers never block a learner's write?"""
    store.save("ana", "m", "m/a", "choice", {"choice": "a"})
    path = isolated_store.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_revisions_and_query(store: ResponseStore) -> None:
    """Do revisions count up per activity, and does query filter by learner and module?"""
    assert store.save("ana", "m", "m/a", "choice", {"choice": "a"}) == 1
    assert store.save("ana", "m", "m/a", "choice", {"choice": "b"}) == 2
    store.save("ben", "m", "m/a", "choice", {"choice": "c"})
    store.save("ana", "n", "n/a", "choice", {"choice": "d"})
    assert [r.value["choice"] for r in store.query(learner="ana")] == ["b", "d"]
    assert [r.learner for r in store.query(module="m")] == ["ana", "ben"]
    assert store.load("cat", "m", "m/a") is None


def test_language_markers(scenario_dir: Path, make_course: Callable[..., Course]) -> None:
    """Does a marked Spanish passage get a lang span in HTML and stay plain in labels?"""
    (scenario_dir / "m" / "q.yaml").write_text(
        "schema_version: 1\nkind: choice\nid: q\ntitle: T\n"
        "question: 'Señor Ruiz says: [lang=es]No entiendo <el> formulario.[/lang]'\n"
        "options:\n"
        "  - {id: a, text: '[lang=es]Gracias[/lang]', correct: true, feedback: f}\n"
        "  - {id: b, text: B, feedback: g}\n",
        encoding="utf-8",
    )
    widget = make_course(module="m").activity("q")
    # the marks travel as data; the front end makes them <span lang> (tests/browser checks it)
    assert widget.content["question"].endswith("[lang=es]No entiendo <el> formulario.[/lang]")
    assert widget.content["options"][0] == {"id": "a", "text": "[lang=es]Gracias[/lang]"}


def test_query_learners_reads_a_room(store: ResponseStore, isolated_store: str) -> None:
    """Does `query_learners` return every answer of the learners asked for and nobody else's,
    on this backend and, for a SQLite file, through SQLAlchemy as well as sqlite3; also when
    the room is larger than one statement's share of learners?"""
    store.save("ana", "m", "m/b", "choice", {"choice": "a"})
    store.save("ana", "m", "m/a", "choice", {"choice": "b"})
    store.save("Ben", "n", "n/a", "choice", {"choice": "c"})
    store.save("cat", "m", "m/a", "choice", {"choice": "d"})  # not in the room
    stores = [store]
    if isolated_store.startswith("sqlite:///"):  # the same file, through SQLAlchemy
        other = ResponseStore(isolated_store.replace("sqlite:///", "sqlite+pysqlite:///"))
        assert type(other.backend).__module__.endswith(".schema")  # not store/lite.py's
        stores.append(other)
    many = [f"x{i:04d}" for i in range(LEARNERS_PER_QUERY + 3)]
    store.save(many[-1], "m", "m/a", "choice", {"choice": "e"})
    for each in stores:
        room = ["ana", "Ben", "nobody", "ana"]
        assert [(r.learner, r.activity) for r in each.query_learners(iter(room))] == [
            ("Ben", "n/a"),
            ("ana", "m/a"),
            ("ana", "m/b"),
        ]
        assert [r.value["choice"] for r in each.query_learners(["cat", *many])] == ["d", "e"]
        assert each.query_learners([]) == []
