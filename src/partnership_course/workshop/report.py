"""What the room did: progress, aggregate answers per activity, and CSV/JSON exports.

Plain functions over stored responses and the scenario content, so tests call them directly and
the facilitator page only lays them out. Aggregates count choices; individual free text is only
ever shown next to the participant's display name, and every string is escaped by the page.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..content import kinds, summaries
from ..content.model import text_in
from ..content.summaries import Tally
from ..i18n import DEFAULT
from ..spreadsheet import neutralise
from ..store import Response
from .outline import Module
from .sessions import Participant


def kind_label(kind: str, lang: str) -> str:
    """A kind of activity as people read it, in `lang` (the id itself if unknown)."""
    return kinds.label(kind, lang)


@dataclass
class ActivitySummary:
    activity: str
    title: str
    kind: str
    answered: int
    tallies: list[Tally] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)  # display name, text
    private: int = 0  # answers whose writers kept them private (counted, never shown)


def is_shared(response: Response) -> bool:
    """May the facilitator read this answer's text? A participant can keep a reflection
    private (`"shared": false` in its value); a missing flag means shared, as before the choice
    existed. A private answer still counts as answered; only its words stay with its writer."""
    return summaries.is_shared(response)


def _scenario(activity: str, lang: str = DEFAULT) -> Any:
    from ..i18n.overlay import translated_scenario

    try:
        return translated_scenario(activity, lang)  # the English one if not translated
    except Exception:  # content removed or broken mid-workshop: show counts only
        return None


def summarize(
    activity: str, answers: list[Response], names: dict[str, str], lang: str = "en"
) -> ActivitySummary:
    """Aggregate every participant's answer to one activity."""
    scenario = _scenario(activity, lang)
    kind = answers[0].kind if answers else (scenario.kind if scenario else "")
    title = text_in(scenario.title, lang) if scenario is not None else activity
    summary = ActivitySummary(activity, title, kind, answered=len(answers))
    entry = kinds.KINDS.get(kind)
    if scenario is None or entry is None:
        return summary
    body = entry.summarize(scenario, answers, names, lang)
    summary.tallies, summary.texts, summary.private = body.tallies, body.texts, body.private
    return summary


def room_summaries(
    activities: list[str],
    answers: list[Response],
    participants: list[Participant],
    lang: str = DEFAULT,
) -> list[ActivitySummary]:
    """One summary per activity, in course order, its content in `lang` where translated."""
    names = {p.learner: p.display_name for p in participants}
    by_activity: dict[str, list[Response]] = {}
    for answer in answers:
        if answer.learner in names:
            by_activity.setdefault(answer.activity, []).append(answer)
    return [summarize(a, by_activity.get(a, []), names, lang) for a in activities]


def progress(
    activities: list[str], answers: list[Response], participants: list[Participant]
) -> dict[str, int]:
    """Learner id -> number of the listed activities they have answered (see `answered`)."""
    wanted = set(activities)
    done: Counter[str] = Counter(a.learner for a in answers if a.activity in wanted and answered(a))
    return {p.learner: done[p.learner] for p in participants}


def answered(response: Response) -> bool:
    """Does this saved answer count as answering the activity? The kind table says
    (`content.kinds`): writing left blank (a reflection typed then deleted, an action plan with
    no field filled in) does not; the grader uses the same rule."""
    return kinds.is_answered(response.kind, response.value)


def answered_activities(answers: list[Response]) -> set[str]:
    """The activity ids among `answers` that count as answered."""
    return {a.activity for a in answers if answered(a)}


def completed(activities: list[str], answers: list[Response]) -> bool:
    """Has this participant answered every one of `activities` (the whole course)?

    What a workshop certificate needs: an answer saved for every activity of every module, and
    no reflection left blank. It says nothing about right answers; the coach's gradebook does.
    """
    done = answered_activities(answers)
    return bool(activities) and all(a in done for a in activities)


def _first_heading(notebook: Any) -> str | None:
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for line in str(cell.source).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return None


@lru_cache(maxsize=64)
def _translated_title(notebook: str, lang: str, _stamp: tuple[int, int]) -> str | None:
    from ..i18n.notebooks import translate_notebook

    try:
        return _first_heading(translate_notebook(Path(notebook), lang))
    except Exception:  # a broken translation file must not take the start page down
        return None


def page_titles(modules: tuple[Module, ...], lang: str) -> dict[str, str]:
    """Page path -> its title in `lang` (the notebook's translated `# ` heading), for every page
    whose translation has one; pages not listed keep their English title."""
    if lang == DEFAULT:
        return {}
    from ..content.paths import modules_dir
    from ..i18n.notebooks import text_file

    base = modules_dir()
    titles = {}
    for module in modules:
        for pg in module.pages:
            notebook = base / pg.path
            text = text_file(notebook, lang)
            if not notebook.is_file() or not text.is_file():
                continue
            stamp = (notebook.stat().st_mtime_ns, text.stat().st_mtime_ns)
            title = _translated_title(str(notebook), lang, stamp)
            if title:
                titles[pg.path] = title
    return titles


COLUMNS = ["display_name", "learner", "module", "activity", "kind", "revision", "updated_at"]


def answers_csv(answers: list[Response], names: dict[str, str]) -> str:
    """Every answer as one CSV row; the answer itself is a JSON column."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*COLUMNS, "answer"])
    for a in answers:
        writer.writerow(
            [
                neutralise(names.get(a.learner, "")),
                a.learner,
                a.module,
                a.activity,
                a.kind,
                a.revision,
                a.updated_at,
                neutralise(json.dumps(a.value, ensure_ascii=False, sort_keys=True)),
            ]
        )
    return out.getvalue()


def answers_json(answers: list[Response], names: dict[str, str]) -> str:
    """The same answers as a JSON document (what a participant downloads)."""
    rows = [
        {
            "display_name": names.get(a.learner, ""),
            "learner": a.learner,
            "module": a.module,
            "activity": a.activity,
            "kind": a.kind,
            "revision": a.revision,
            "updated_at": a.updated_at,
            "answer": a.value,
        }
        for a in answers
    ]
    return json.dumps({"answers": rows}, ensure_ascii=False, indent=2)
