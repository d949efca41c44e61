"""The facilitator's exports read back as a person would read them, and private reflections kept
out of everything the facilitator sees.

Answers are written straight into the store (as the widgets save them), then the CSV is read
with the csv module and the workbook with openpyxl, and every cell is compared with the answer
given: the option's text, each card's category, the words written, or "(kept private)".
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from partnership_course.content import load_scenario
from partnership_course.workshop.exports import neutralise, room_csv, room_xlsx, sheet_name
from partnership_course.workshop.outline import outline
from partnership_course.workshop.report import room_summaries
from partnership_course.workshop.sessions import WorkshopStore

CODE = "room-5150"
CHOICE = "01-dual-capacity/challenge-check"
SORT = "01-dual-capacity/conditions-sort"
REFLECTION = "01-dual-capacity/challenge-reflection"
MODULE = "01-dual-capacity"
FORMULA = '=HYPERLINK("http://example.org","click")'
SECRET = "My own son's IEP meeting went badly; please keep this to me."


@pytest.fixture
def room(isolated_store: str) -> tuple[WorkshopStore, dict[str, object]]:
    """Three participants: Ana shares, Ben keeps his reflection private, Cy starts with '='."""
    workshop = WorkshopStore(url=isolated_store)
    workshop.open_workshop(CODE, "facilitator-key-123")
    choice, sort = load_scenario(CHOICE), load_scenario(SORT)
    people = {}
    for name, option, text, shared in (
        ("Ana", 0, "Listen before I explain. <b>Really</b> & first.", None),
        ("Ben", 1, SECRET, False),
        ("-Cy", 0, FORMULA, True),
    ):
        _token, person = workshop.join(CODE, name)
        people[name] = person
        save = workshop.responses.save
        save(person.learner, MODULE, CHOICE, "choice", {"choice": choice.options[option].id})
        placements = {item.id: sort.categories[option].id for item in sort.items}
        save(person.learner, MODULE, SORT, "sort", {"placements": placements})
        value: dict[str, object] = {"text": text, "words": len(text.split())}
        if shared is not None:
            value["shared"] = shared
        save(person.learner, MODULE, REFLECTION, "reflection", value)
    return workshop, people


def _column(heading: list[str], title: str) -> int:
    return heading.index(title)


def test_csv_has_one_row_per_participant_and_one_column_per_question(room) -> None:
    workshop, _people = room
    text = room_csv(outline(), workshop.participants(CODE), workshop.workshop_answers(CODE))
    rows = list(csv.reader(io.StringIO(text)))
    heading = rows[0]
    body = sorted(rows[1:], key=lambda r: ["Ana", "Ben", "'-Cy"].index(r[0]))
    assert [r[0] for r in body] == ["Ana", "Ben", "'-Cy"]  # neutralised, not stripped
    assert "{" not in text  # no JSON anywhere
    choice, sort = load_scenario(CHOICE), load_scenario(SORT)
    at = _column(heading, choice.title)
    assert [r[at] for r in body] == [
        choice.options[0].text,
        choice.options[1].text,
        choice.options[0].text,
    ]
    for item in sort.items:
        at = _column(heading, f"{sort.title}: {item.text}")
        assert [r[at] for r in body] == [
            sort.categories[0].label,
            sort.categories[1].label,
            sort.categories[0].label,
        ]
    at = _column(heading, load_scenario(REFLECTION).title)
    assert body[0][at] == "Listen before I explain. <b>Really</b> & first."
    assert body[1][at] == "(kept private)"
    assert body[2][at] == "'" + FORMULA
    assert SECRET not in text
    # every question of every page has a column, unanswered ones are empty
    per_row = len(heading)
    assert all(len(r) == per_row for r in body)


def test_workbook_has_a_sheet_per_part_and_text_cells_only(room) -> None:
    workshop, _people = room
    data = room_xlsx(outline(), workshop.participants(CODE), workshop.workshop_answers(CODE))
    book = openpyxl.load_workbook(io.BytesIO(data))
    pages = [p for m in outline() for p in m.pages]
    assert len(book.sheetnames) == len(pages)
    sheet = book[book.sheetnames[0]]  # 01-why-partnership holds the check and the reflection
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    heading = rows[0]
    body = sorted(rows[1:], key=lambda r: ["Ana", "Ben", "-Cy"].index(r[0]))
    assert [r[0] for r in body] == ["Ana", "Ben", "-Cy"]
    at = heading.index(load_scenario(REFLECTION).title)
    assert [r[at] for r in body] == [
        "Listen before I explain. <b>Really</b> & first.",
        "(kept private)",
        FORMULA,
    ]
    # the formula is kept whole as text: openpyxl reads a formula cell's type as "f"
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if c.value)
    for name in book.sheetnames:
        for row in book[name].iter_rows():
            assert all(c.value != SECRET for c in row)


def test_private_reflection_never_reaches_the_facilitator_view(room) -> None:
    workshop, _people = room
    summaries = room_summaries(
        [REFLECTION], workshop.workshop_answers(CODE), workshop.participants(CODE)
    )
    (summary,) = summaries
    assert summary.answered == 3  # it still counts
    assert summary.private == 1
    assert sorted(name for name, _text in summary.texts) == ["-Cy", "Ana"]
    assert all(SECRET not in text for _name, text in summary.texts)


def test_spanish_export_headings_and_private_mark(room) -> None:
    workshop, _people = room
    text = room_csv(outline(), workshop.participants(CODE), workshop.workshop_answers(CODE), "es")
    heading, *body = list(csv.reader(io.StringIO(text)))
    assert heading[:2] == ["Nombre", "Se unió (UTC)"]
    (ben,) = [row for row in body if row[0] == "Ben"]
    assert "(privada)" in ben and SECRET not in text


def test_cells_and_sheet_names() -> None:
    assert [neutralise(x) for x in ("=1+1", "+3", "-2", "@SUM(A1)", "plain", "")] == [
        "'=1+1",
        "'+3",
        "'-2",
        "'@SUM(A1)",
        "plain",
        "",
    ]
    taken: set[str] = set()
    long = "A very long page title: with [brackets] / slashes? and more words"
    first, second = sheet_name(long, 1, taken), sheet_name(long, 1, taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not set("[]:*?/\\") & set(first + second)
