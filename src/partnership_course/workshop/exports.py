"""The room's answers as a person reads them: one row per participant, one column per question.

A facilitator opens the export in a spreadsheet, so every cell holds words, not JSON: the text
of the option chosen, where each card of a sort was placed, each self-rating with its label, the
reply picked for each family statement, the ending reached, what was written. A reflection its
writer kept private is marked as such and its text is left out (it still counts as answered).

The same table is written as CSV (all parts side by side) and as an XLSX workbook with one
sheet per part (course page). Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as
a formula, which a participant could use to attack the facilitator's computer: in the CSV such
a cell gets a leading apostrophe (the spreadsheet convention for "this is text"), in the
workbook it is stored as a text cell; in both its words are kept whole, never stripped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from ..content import kinds
from ..content.model import text_in
from ..i18n import DEFAULT, gettext
from ..spreadsheet import neutralise
from ..store import Response
from .columns import Column
from .outline import Module, Page
from .report import _scenario, is_shared
from .sessions import Participant


@dataclass
class Part:
    """One course page's columns and, per participant, the cells under them."""

    page: Page
    title: str
    columns: list[Column] = field(default_factory=list)
    activities: list[tuple[str, int]] = field(default_factory=list)  # activity, columns


def _columns(activity: str, lang: str) -> list[Column]:
    """The columns for one activity, in the order a participant meets its questions (each
    kind's own, from the kind table: `Kind.columns`)."""
    scenario = _scenario(activity, lang)
    if scenario is None:
        return [Column(activity, lambda v: "")]
    entry = kinds.KINDS.get(scenario.kind)
    if entry is None:
        return [Column(text_in(scenario.title, lang), lambda v: "")]
    return entry.columns_of(scenario, lang)


def parts(modules: tuple[Module, ...], lang: str, titles: dict[str, str]) -> list[Part]:
    """Every course page with its columns, in course order."""
    found = []
    for module in modules:
        for page in module.pages:
            part = Part(page, titles.get(page.path, page.title))
            for activity in page.activities:
                columns = _columns(activity, lang)
                part.columns.extend(columns)
                part.activities.append((activity, len(columns)))
            found.append(part)
    return found


def _cells(part: Part, mine: dict[str, Response], lang: str) -> list[str]:
    cells: list[str] = []
    at = 0
    for activity, count in part.activities:
        response = mine.get(activity)
        for column in part.columns[at : at + count]:
            if response is None or not isinstance(response.value, dict):
                cells.append("")
            elif column.private_text and not is_shared(response):
                cells.append(gettext("(kept private)", lang))
            else:
                cells.append(column.read(response.value))
        at += count
    return cells


@dataclass
class Table:
    heading: list[str]
    rows: list[list[str]]


def part_table(
    part: Part, participants: list[Participant], answers: dict[str, dict[str, Response]], lang: str
) -> Table:
    """One part: name and time joined, then one column per question of the page."""
    heading = [gettext("Name", lang), gettext("Joined (UTC)", lang)]
    heading += [c.heading for c in part.columns]
    rows = [
        [p.display_name, p.joined_at, *_cells(part, answers.get(p.learner, {}), lang)]
        for p in participants
    ]
    return Table(heading, rows)


def by_learner(answers: list[Response]) -> dict[str, dict[str, Response]]:
    found: dict[str, dict[str, Response]] = {}
    for answer in answers:
        found.setdefault(answer.learner, {})[answer.activity] = answer
    return found


def room_csv(
    modules: tuple[Module, ...],
    participants: list[Participant],
    answers: list[Response],
    lang: str = DEFAULT,
    titles: dict[str, str] | None = None,
) -> str:
    """Every part side by side: one row per participant, one column per question."""
    mine = by_learner(answers)
    heading = [gettext("Name", lang), gettext("Joined (UTC)", lang)]
    rows = [[p.display_name, p.joined_at] for p in participants]
    for part in parts(modules, lang, titles or {}):
        table = part_table(part, participants, mine, lang)
        heading += table.heading[2:]
        for row, more in zip(rows, table.rows, strict=True):
            row.extend(more[2:])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(h) for h in heading])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def participants_csv(participants: list[Participant]) -> str:
    """Who joined: display name (guarded like every cell a spreadsheet might run), learner id
    and time joined, one row each (the facilitator's participants download)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["display_name", "learner", "joined_at"])
    for p in participants:
        writer.writerow([neutralise(p.display_name), p.learner, p.joined_at])
    return out.getvalue()


def sheet_name(title: str, number: int, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the book."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip() or "Part"
    base = f"{number} {clean}"[:31].rstrip()
    name, extra = base, 2
    while name.lower() in taken:
        suffix = f" ({extra})"
        name, extra = base[: 31 - len(suffix)] + suffix, extra + 1
    taken.add(name.lower())
    return name


def room_xlsx(
    modules: tuple[Module, ...],
    participants: list[Participant],
    answers: list[Response],
    lang: str = DEFAULT,
    titles: dict[str, str] | None = None,
) -> bytes:
    """An XLSX workbook with one sheet per part; every cell is a text cell (no formulas)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    mine = by_learner(answers)
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for number, part in enumerate(parts(modules, lang, titles or {}), start=1):
        sheet = book.create_sheet(sheet_name(part.title, number, taken))
        table = part_table(part, participants, mine, lang)
        for r, row in enumerate([table.heading, *table.rows], start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                cell.value = value
                cell.data_type = "s"  # text, never a formula, whatever it starts with
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if r == 1:
                    cell.font = Font(bold=True)
        sheet.freeze_panes = "B2"
        for c in range(1, len(table.heading) + 1):
            letter = sheet.cell(row=1, column=c).column_letter
            sheet.column_dimensions[letter].width = 18 if c <= 2 else 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
