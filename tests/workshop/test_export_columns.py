"""Every kind's spreadsheet columns, pinned: a room that answered every activity of the course
(each kind with its own answer shapes, a private reflection, a name a spreadsheet would run),
exported as CSV and XLSX, must give the cells in `fixtures/room_export.*` exactly.

The fixtures were written by the exports of commit 43ecb11, when `exports._columns` still chose
each kind's columns with an `if kind ==` chain, so this test shows that the columns moved to
the kind table (`Kind.columns`) without one cell changing. When a change means to alter the
export, write the fixtures again with `python tests/workshop/test_export_columns.py` and read
the diff.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl

from partnership_course.content import load_scenario
from partnership_course.store import ResponseStore
from partnership_course.workshop.exports import participants_csv, room_csv, room_xlsx
from partnership_course.workshop.outline import outline
from partnership_course.workshop.sessions import Participant

FIXTURES = Path(__file__).parent / "fixtures"
CODE = "room-cols"


def _answer(scenario: Any, n: int) -> dict[str, Any]:
    """Participant `n`'s answer to `scenario`: the n-th option, category, level, reply or field
    (wrapping round), so each person's cells differ."""

    def pick(items: list[Any]) -> Any:
        return items[n % len(items)]

    words = f'Own words {n}: <b>bold</b> & "quoted"; =not a formula'
    by_kind: dict[str, Any] = {
        "choice": lambda s: {"choice": pick(s.options).id},
        "sort": lambda s: {"placements": {i.id: pick(s.categories).id for i in s.items}},
        "self_assessment": lambda s: {"ratings": {i.id: pick(s.scale).value for i in s.items}},
        "starters": lambda s: {
            "statements": {
                st.id: {"reply": pick(st.replies).id, "text": words} for st in s.statements
            }
        },
        "branching": lambda s: {"ending": pick(s.endings).id, "attempts": [{"path": ["x"]}]},
        "reflection": lambda s: {"text": words, "shared": n != 1},
        "plain_language": lambda s: {"text": words},
        "action_plan": lambda s: {"fields": {f.id: f"{words} ({f.id})" for f in s.fields}},
        "ladder": lambda s: {
            "marks": {st.id: (i + n) % 2 == 0 for i, st in enumerate(s.statements)},
            "asks": {a.id: pick(a.questions).id for a in s.climb_down},
        },
        "contact_planner": lambda s: {"families": [{"name": f"F{i}"} for i in range(n + 1)]},
        "toolkit": lambda s: {"made": ["letter"], "details": {"phone": "555"}},
    }
    return by_kind[scenario.kind](scenario)


def filled_room(url: str) -> tuple[list[Participant], list[Any]]:
    """Three participants who answered every activity of every page, saved in the store."""
    store = ResponseStore(url)
    people = [
        Participant(CODE, f"ws-{CODE}-{n}", name, f"2026-12-01T10:0{n}:00+00:00")
        for n, name in enumerate(("Ana", "Ben", "=Cy"))
    ]
    for module in outline():
        for page in module.pages:
            for activity in page.activities:
                scenario = load_scenario(activity)
                for n, person in enumerate(people):
                    value = _answer(scenario, n)
                    store.save(person.learner, module.name, activity, scenario.kind, value)
    return people, store.query_learners(p.learner for p in people)


def cells(book: bytes) -> dict[str, list[list[Any]]]:
    """Every sheet's cells with their type (`s`: text), as JSON can hold them."""
    found = openpyxl.load_workbook(io.BytesIO(book))
    return {
        sheet.title: [[[c.value, c.data_type] for c in row] for row in sheet.iter_rows()]
        for sheet in found.worksheets
    }


def test_the_exports_are_what_they_were(isolated_store: str) -> None:
    people, answers = filled_room(isolated_store)
    assert {a.kind for a in answers} >= {"choice", "sort", "reflection", "ladder", "starters"}
    for lang in ("en", "es"):
        text = room_csv(outline(), people, answers, lang)
        assert text == (FIXTURES / f"room_export.{lang}.csv").read_bytes().decode("utf-8")
        book = cells(room_xlsx(outline(), people, answers, lang))
        assert book == json.loads((FIXTURES / f"room_export.{lang}.json").read_text("utf-8"))


def test_the_participants_csv() -> None:
    """The facilitator's participants download: every person once, in the order given, the
    name guarded against a spreadsheet running it and kept whole, ids and times as stored."""
    people = [
        Participant(CODE, "ws-1", 'Ana, "la" <b>', "2026-12-01T10:00:00+00:00"),
        Participant(CODE, "ws-2", "=Cy", "2026-12-01T10:01:00+00:00"),
        Participant(CODE, "ws-3", "Zoë 李", "2026-12-01T10:02:00+00:00"),
    ]
    rows = list(csv.reader(io.StringIO(participants_csv(people))))
    assert rows == [
        ["display_name", "learner", "joined_at"],
        ['Ana, "la" <b>', "ws-1", "2026-12-01T10:00:00+00:00"],
        ["'=Cy", "ws-2", "2026-12-01T10:01:00+00:00"],
        ["Zoë 李", "ws-3", "2026-12-01T10:02:00+00:00"],
    ]
    assert participants_csv([]) == "display_name,learner,joined_at\r\n"


if __name__ == "__main__":  # write the fixtures again (read the diff before committing them)
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        people, answers = filled_room(f"sqlite:///{folder}/responses.db")
        for lang in ("en", "es"):
            (FIXTURES / f"room_export.{lang}.csv").write_text(
                room_csv(outline(), people, answers, lang), encoding="utf-8", newline=""
            )
            book = cells(room_xlsx(outline(), people, answers, lang))
            (FIXTURES / f"room_export.{lang}.json").write_text(
                json.dumps(book, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
