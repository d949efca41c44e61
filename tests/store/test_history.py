"""Nothing typed is lost: earlier versions kept (append-only), stale copies refused, size capped."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from partnership_course.store import AnswerTooLarge, ResponseStore, StaleAnswer
from partnership_course.store import responses as module

KEY = ("ana", "m", "m/why")
LONG = "We called the family on Monday and listened first before we shared any news. " * 6


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    """A clock the test moves by hand (the store reads `responses._now`)."""
    moment = [module._now()]
    monkeypatch.setattr(module, "_now", lambda: moment[0])

    def advance(seconds: float) -> None:
        moment[0] += timedelta(seconds=seconds)

    return advance


def texts(found: list) -> list[str]:
    return [r.value["text"] for r in found]


def test_history_keeps_a_version_per_minute_not_per_keystroke(store: ResponseStore, clock) -> None:
    """Typing for three minutes, a save a second: about one kept version per minute, newest first,
    each with the keys `load` returns."""
    for second in range(180):
        store.save(*KEY, "reflection", {"text": "word " * (second + 1)})
        clock(1)
    earlier = store.history(*KEY)
    assert 3 <= len(earlier) <= 4, len(earlier)
    assert [r.revision for r in earlier] == sorted((r.revision for r in earlier), reverse=True)
    current = store.load(*KEY)
    assert current is not None and current.revision == 180
    assert all(r.revision < current.revision for r in earlier)
    assert {type(r) for r in earlier} == {type(current)}
    assert earlier[0].learner == "ana" and earlier[0].activity == "m/why"


def test_select_all_delete_keeps_the_text_before_it(store: ResponseStore, clock) -> None:
    """Deleting a long reflection (seconds after the last kept version) keeps what was there."""
    store.save(*KEY, "reflection", {"text": "A first line."})
    store.save(*KEY, "reflection", {"text": LONG})
    clock(2)
    store.save(*KEY, "reflection", {"text": ""})
    assert texts(store.history(*KEY))[0] == LONG
    clock(2)
    store.save(*KEY, "reflection", {"text": "x"})  # a small edit seconds later keeps nothing new
    assert texts(store.history(*KEY))[0] == LONG


def test_replacing_text_counts_as_removing_it(store: ResponseStore) -> None:
    """Pasting other words over a reflection (same length) keeps the replaced version."""
    store.save(*KEY, "reflection", {"text": "one two three four five six seven eight"})
    store.save(*KEY, "reflection", {"text": "alpha beta gamma delta epsilon zeta eta theta"})
    store.save(*KEY, "reflection", {"text": "now something else entirely, nine words of it"})
    assert texts(store.history(*KEY))[:2] == [
        "alpha beta gamma delta epsilon zeta eta theta",
        "one two three four five six seven eight",
    ]


def test_history_is_append_only(store: ResponseStore, clock) -> None:
    """Are kept versions never changed or removed by later saves?"""
    seen: list[tuple] = []
    for number in range(8):
        store.save(*KEY, "reflection", {"text": f"version {number} " + LONG[: number * 40]})
        clock(61)
        rows = [(r.revision, r.value["text"]) for r in store.history(*KEY)]
        assert rows[len(rows) - len(seen) :] == seen
        seen = rows


def test_a_stale_copy_never_overwrites_newer_work(store: ResponseStore) -> None:
    """Two tabs open at revision 1; the second tab's save is refused with the newer answer, and
    its text is still kept in the history."""
    first = store.save(*KEY, "reflection", {"text": "draft"}, expected_revision=0)
    newer = store.save(*KEY, "reflection", {"text": LONG}, expected_revision=first)
    with pytest.raises(StaleAnswer) as refused:
        store.save(*KEY, "reflection", {"text": "typed in the old tab"}, expected_revision=first)
    assert refused.value.current.revision == newer
    assert refused.value.current.value["text"] == LONG
    current = store.load(*KEY)
    assert current is not None and current.value["text"] == LONG and current.revision == newer
    assert "typed in the old tab" in texts(store.history(*KEY))


def test_a_second_first_save_is_stale_too(store: ResponseStore) -> None:
    """A tab that saw nothing saved (revision 0) may not replace an answer saved meanwhile."""
    store.save(*KEY, "choice", {"choice": "a"}, expected_revision=0)
    with pytest.raises(StaleAnswer):
        store.save(*KEY, "choice", {"choice": "b"}, expected_revision=0)
    assert store.load(*KEY).value == {"choice": "a"}


def test_one_megabyte_is_kept_exactly_and_more_is_refused(store: ResponseStore) -> None:
    """1 MiB of text (multi-byte characters included) is stored exactly; one byte more is refused
    with a plain message and the last version stays."""
    exact = ("é" * 524_288)[:524_288]  # 1 MiB in UTF-8
    store.save(*KEY, "reflection", {"text": exact})
    assert store.load(*KEY).value["text"] == exact
    with pytest.raises(AnswerTooLarge, match="at most 1 MB") as refused:
        store.save(*KEY, "reflection", {"text": exact + "x"})
    assert "last saved version is kept" in str(refused.value)
    assert store.load(*KEY).value["text"] == exact
    assert store.load(*KEY).revision == 1


def test_old_store_without_history_table_opens(tmp_path) -> None:
    """A store file written before history existed gains the table and keeps its answers."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE responses (learner VARCHAR(200) NOT NULL, module VARCHAR(100) NOT NULL, "
            "activity VARCHAR(200) NOT NULL, kind VARCHAR(40) NOT NULL, value TEXT NOT NULL, "
            "revision INTEGER NOT NULL, updated_at VARCHAR(40) NOT NULL, "
            "PRIMARY KEY (learner, module, activity))"
        )
        conn.exec_driver_sql(
            "INSERT INTO responses VALUES ('ana','m','m/why','reflection','{\"text\": \"hi\"}',"
            "4,'2026-11-30T10:00:00.000+00:00')"
        )
    store = ResponseStore(url)
    assert store.load(*KEY).revision == 4
    assert store.save(*KEY, "reflection", {"text": "hello"}, expected_revision=4) == 5
    assert texts(store.history(*KEY)) == ["hi"]


def test_two_copies_of_a_widget_the_stale_one_never_overwrites(make_course, store, scenario_dir):
    """Two copies of one reflection (two tabs): the copy that is behind is told plainly, shows
    the newer text, and what it typed is kept in the history."""
    (scenario_dir / "m" / "why.yaml").write_text(
        "schema_version: 1\nkind: reflection\nid: why\ntitle: T\nprompt: P\n", encoding="utf-8"
    )
    laptop = make_course(module="m").activity("why")
    desktop = make_course(module="m").activity("why")
    laptop.write(LONG)
    desktop.write("one key in the old tab")
    assert store.load(*KEY).value["text"] == LONG
    assert "another window or tab" in desktop.status["text"] and desktop.status["alert"]
    assert desktop.conflict == {"newer": LONG, "mine": "one key in the old tab"}  # both shown
    assert desktop.answer == "one key in the old tab"  # the page keeps what was typed there
    assert "one key in the old tab" in texts(store.history(*KEY))
    desktop.keep_mine()  # the learner keeps the text typed on this page
    assert store.load(*KEY).value["text"] == "one key in the old tab"
    assert desktop.conflict == {}
    assert LONG in texts(store.history(*KEY))  # the replaced text is an earlier version


def test_bring_back_an_earlier_version(make_course, store, scenario_dir):
    """After an accidental delete, does the page list the earlier text and bring it back?"""
    (scenario_dir / "m" / "why.yaml").write_text(
        "schema_version: 1\nkind: reflection\nid: why\ntitle: T\nprompt: P\n", encoding="utf-8"
    )
    widget = make_course(module="m").activity("why")
    widget.write(LONG)
    widget.write("")
    widget._handle_custom_msg({"event": "list_versions"}, [])
    assert widget.versions[0]["text"] == LONG
    widget._handle_custom_msg({"event": "bring_back", "version": 0}, [])
    assert widget.answer == LONG and widget.response["replace"] is True
    assert store.load(*KEY).value["text"] == LONG


def test_the_facilitator_may_read_this_is_stored(make_course, store, scenario_dir):
    """Is the choice stored as `shared` (and absent until the learner makes it)?"""
    (scenario_dir / "m" / "why.yaml").write_text(
        "schema_version: 1\nkind: reflection\nid: why\ntitle: T\nprompt: P\n", encoding="utf-8"
    )
    widget = make_course(module="m").activity("why")
    widget.write("Mine.")
    assert "shared" not in store.load(*KEY).value and widget.shared
    widget._handle_custom_msg({"event": "share", "shared": False}, [])
    assert store.load(*KEY).value == {"text": "Mine.", "words": 1, "shared": False}
    assert make_course(module="m").activity("why").shared is False
