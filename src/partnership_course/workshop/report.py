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

from ..content.model import text_in
from ..i18n import DEFAULT, N_, gettext
from ..store import Response
from .outline import Module
from .sessions import Participant

TEXT_KINDS = {"reflection", "plain_language"}

# what each kind of activity is called on the facilitator view (translated where shown)
KIND_LABELS = {
    "action_plan": N_("action plan"),
    "branching": N_("branching scenario"),
    "choice": N_("multiple choice"),
    "contact_planner": N_("contact planner"),
    "ladder": N_("ladder of inference"),
    "plain_language": N_("plain-language rewrite"),
    "reflection": N_("reflection"),
    "self_assessment": N_("self-check"),
    "sort": N_("sort"),
    "starters": N_("conversation starters"),
}


def kind_label(kind: str, lang: str) -> str:
    """A kind of activity as people read it, in `lang` (the id itself if unknown)."""
    return gettext(KIND_LABELS[kind], lang) if kind in KIND_LABELS else kind


@dataclass
class Tally:
    """One question's answers in the room: labelled counts, the correct ones marked."""

    question: str
    counts: list[tuple[str, int, bool]] = field(default_factory=list)  # label, count, is_key


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
    value = response.value
    return not (isinstance(value, dict) and value.get("shared") is False)


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
    if scenario is None:
        return summary

    def t(value: Any) -> str:
        return text_in(value, lang)

    if kind == "choice":
        chosen = Counter(a.value.get("choice") for a in answers)
        summary.tallies.append(
            Tally(
                t(scenario.question),
                [(t(o.text), chosen[o.id], o.correct) for o in scenario.options],
            )
        )
    elif kind == "sort":
        for item in scenario.items:
            placed = Counter(a.value.get("placements", {}).get(item.id) for a in answers)
            summary.tallies.append(
                Tally(
                    t(item.text),
                    [
                        (t(c.label), placed[c.id], c.id == item.category)
                        for c in scenario.categories
                    ],
                )
            )
    elif kind == "self_assessment":
        for item in scenario.items:
            rated = Counter(a.value.get("ratings", {}).get(item.id) for a in answers)
            summary.tallies.append(
                Tally(
                    t(item.label),
                    [
                        (f"{lv.value}: {t(lv.label)}", rated[lv.value], False)
                        for lv in scenario.scale
                    ],
                )
            )
    elif kind == "starters":
        for statement in scenario.statements:
            picked = Counter(
                (a.value.get("statements", {}).get(statement.id) or {}).get("reply")
                for a in answers
            )
            summary.tallies.append(
                Tally(
                    f"{t(statement.speaker)}: {t(statement.text)}",
                    [
                        (f"{t(r.text)} ({r.type})", picked[r.id], r.type == "empathy")
                        for r in statement.replies
                    ],
                )
            )
            for a in answers:
                if not is_shared(a):
                    continue
                own = (a.value.get("statements", {}).get(statement.id) or {}).get("text")
                if isinstance(own, str) and own.strip():
                    summary.texts.append((names.get(a.learner, "?"), own))
    elif kind == "branching":
        endings = Counter(a.value.get("ending") for a in answers)
        labels = [(t(e.title), endings[e.id], e.outcome == "strong") for e in scenario.endings]
        summary.tallies.append(Tally(gettext("Endings reached", lang), labels))
    elif kind in TEXT_KINDS:
        for a in answers:
            text = a.value.get("text")
            if not is_shared(a):
                summary.private += 1
            elif isinstance(text, str) and text.strip():
                summary.texts.append((names.get(a.learner, "?"), text))
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


def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def answered(response: Response) -> bool:
    """Does this saved answer count as answering the activity?

    Every saved answer does, except writing left empty: a reflection or plain-language rewrite
    whose text is blank (typed, then deleted), or an action plan with no field filled in.
    """
    if response.kind in TEXT_KINDS:
        return _has_text(response.value.get("text"))
    if response.kind == "action_plan":
        fields = response.value.get("fields")
        return isinstance(fields, dict) and any(_has_text(v) for v in fields.values())
    return True


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


def _cell(text: str) -> str:
    """Keep spreadsheets from running a name or answer as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


COLUMNS = ["display_name", "learner", "module", "activity", "kind", "revision", "updated_at"]


def answers_csv(answers: list[Response], names: dict[str, str]) -> str:
    """Every answer as one CSV row; the answer itself is a JSON column."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*COLUMNS, "answer"])
    for a in answers:
        writer.writerow(
            [
                _cell(names.get(a.learner, "")),
                a.learner,
                a.module,
                a.activity,
                a.kind,
                a.revision,
                a.updated_at,
                _cell(json.dumps(a.value, ensure_ascii=False, sort_keys=True)),
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
