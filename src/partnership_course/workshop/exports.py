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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..content.model import text_in
from ..i18n import DEFAULT, gettext
from ..spreadsheet import neutralise
from ..store import Response
from .outline import Module, Page
from .report import _scenario, is_shared
from .sessions import Participant


@dataclass
class Column:
    """One question: its heading and how to read a participant's answer for it."""

    heading: str
    read: Callable[[dict[str, Any]], str]
    private_text: bool = False  # holds words a participant may keep private


@dataclass
class Part:
    """One course page's columns and, per participant, the cells under them."""

    page: Page
    title: str
    columns: list[Column] = field(default_factory=list)
    activities: list[tuple[str, int]] = field(default_factory=list)  # activity, columns


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _columns(activity: str, lang: str) -> list[Column]:
    """The columns for one activity, in the order a participant meets its questions."""
    scenario = _scenario(activity, lang)
    if scenario is None:
        return [Column(activity, lambda v: "")]

    def t(value: Any) -> str:
        return text_in(value, lang)

    title = t(scenario.title)
    kind = scenario.kind
    if kind == "choice":
        options = {o.id: t(o.text) for o in scenario.options}
        return [Column(title, lambda v: options.get(v.get("choice"), ""))]
    if kind == "sort":
        labels = {c.id: t(c.label) for c in scenario.categories}
        return [
            Column(
                f"{title}: {t(item.text)}",
                lambda v, i=item.id: labels.get(dict(v.get("placements") or {}).get(i), ""),
            )
            for item in scenario.items
        ]
    if kind == "self_assessment":
        levels = {lv.value: f"{lv.value}: {t(lv.label)}" for lv in scenario.scale}
        return [
            Column(
                f"{title}: {t(item.label)}",
                lambda v, i=item.id: levels.get(dict(v.get("ratings") or {}).get(i), ""),
            )
            for item in scenario.items
        ]
    if kind == "starters":
        columns = []
        for statement in scenario.statements:
            replies = {r.id: t(r.text) for r in statement.replies}

            def entry(v: dict[str, Any], s: str = statement.id) -> dict[str, Any]:
                return dict(dict(v.get("statements") or {}).get(s) or {})

            heading = f"{title}: {t(statement.speaker)}"
            columns.append(
                Column(
                    f"{heading} ({gettext('reply chosen', lang)})",
                    lambda v, e=entry, r=replies: r.get(e(v).get("reply"), ""),
                )
            )
            columns.append(
                Column(
                    f"{heading} ({gettext('own words', lang)})",
                    lambda v, e=entry: _text(e(v).get("text")),
                    private_text=True,
                )
            )
        return columns
    if kind == "branching":
        endings = {e.id: t(e.title) for e in scenario.endings}
        return [
            Column(
                f"{title} ({gettext('ending reached', lang)})",
                lambda v: endings.get(v.get("ending"), ""),
            )
        ]
    if kind in ("reflection", "plain_language"):
        return [Column(title, lambda v: _text(v.get("text")), private_text=True)]
    if kind == "action_plan":
        return [
            Column(
                f"{title}: {t(f.label)}",
                lambda v, i=f.id: _text(dict(v.get("fields") or {}).get(i)),
                private_text=True,
            )
            for f in scenario.fields
        ]
    if kind == "ladder":
        statements = {s.id: t(s.text) for s in scenario.statements}
        questions = {q.id: t(q.text) for a in scenario.climb_down for q in a.questions}
        return [
            Column(
                f"{title} ({gettext('marked as observable', lang)})",
                lambda v: "; ".join(
                    statements[s]
                    for s, seen in dict(v.get("marks") or {}).items()
                    if seen is True and s in statements
                ),
            ),
            Column(
                f"{title} ({gettext('questions chosen', lang)})",
                lambda v: "; ".join(questions[q] for q in _asked(v.get("asks")) if q in questions),
            ),
        ]
    if kind == "contact_planner":
        return [
            Column(
                f"{title} ({gettext('families planned', lang)})",
                lambda v: str(len(v.get("families") or [])),
            )
        ]
    return [Column(title, lambda v: "")]


def _asked(asks: Any) -> list[str]:
    """Question ids from a ladder's `asks` (a mapping of assumption -> question, or a list)."""
    if isinstance(asks, dict):
        return [q for q in asks.values() if isinstance(q, str)]
    if isinstance(asks, list):
        return [q for q in asks if isinstance(q, str)]
    return []


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
