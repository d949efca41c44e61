"""The ten-principle self-ratings before and after module 02, side by side on one chart.

The learner rates the ten principles at the start of module 02 (`rate-ten-principles`) and again
at its end (`rate-ten-principles-again`). Both are ordinary `self_assessment` answers in the
response store; this module only pairs them: for the learner (a notebook cell,
`course.ratings_compared()`, with the same redraw button as the knowledge test's comparison) and
for a cohort or a room (the mean rating per principle, counting only people who rated that
principle both times, so the change compares the same people). The chart is the one chart macro,
so the figures always come with their table. Nothing here is scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .i18n import gettext

MODULE = "02-principles"
BEFORE, AFTER = f"{MODULE}/rate-ten-principles", f"{MODULE}/rate-ten-principles-again"
TEMPLATE = "knowledge/ratings.html.j2"
MISSING = (  # the template's sentence, for the page's panel
    "{n} principle(s) were not rated both times; rate them above to complete the comparison."
)


def _ratings(value: Any) -> dict[str, int]:
    """The valid ratings in a stored self-assessment value (anything else is ignored)."""
    saved = value.get("ratings") if isinstance(value, Mapping) else None
    if not isinstance(saved, Mapping):
        return {}
    return {k: v for k, v in saved.items() if isinstance(v, int) and not isinstance(v, bool)}


def _change(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return "-"
    return f"{round(after - before, 2):+g}"


@dataclass
class Compared:
    """What the notebook cell shows: HTML for Jupyter and Voila; the figures for tests; `view`
    the same as data for the page's panel (`activities.comparison`)."""

    html: str
    before: dict[str, int]
    after: dict[str, int]
    view: dict[str, Any] = field(default_factory=dict)

    def _repr_html_(self) -> str:
        return self.html


def _scenario(lang: str) -> Any:
    from .i18n.overlay import translated_scenario

    return translated_scenario(BEFORE, lang)


def learner_view(store: Any, learner: str, lang: str) -> Compared:
    """The learner's two ratings of each principle: two bars per principle, with the meaning
    of each rating and the change in the chart's table."""
    from .content.model import text_in
    from .rendering import render

    scenario = _scenario(lang)
    found = {aid: store.load(learner, MODULE, aid) for aid in (BEFORE, AFTER)}
    before, after = (_ratings(r.value if r is not None else None) for r in found.values())
    meaning = {lv.value: text_in(lv.label, lang) for lv in scenario.scale}
    rows: list[dict[str, Any]] = []
    for item in scenario.items:
        label = text_in(item.label, lang)
        b, a = before.get(item.id), after.get(item.id)
        rows.append(
            {
                "label": f"{label}: {gettext('at the start of Module 2', lang)}",
                "value": b,
                "extra": [meaning.get(b, gettext("not rated", lang)), ""],
            }
        )
        rows.append(
            {
                "label": f"{label}: {gettext('at the end of Module 2', lang)}",
                "value": a,
                "extra": [meaning.get(a, gettext("not rated", lang)), _change(b, a)],
            }
        )
    missing = sum(1 for i in scenario.items if i.id not in before or i.id not in after)
    maximum = max(lv.value for lv in scenario.scale)
    html = render(TEMPLATE, lang=lang, rows=rows, maximum=maximum, missing=missing)
    return Compared(html, before, after, _panel_view(rows, maximum, missing, lang))


def _panel_view(rows: list[dict[str, Any]], maximum: int, missing: int, lang: str) -> dict:
    """`ratings.html.j2` as data for the page's panel: the chart with its table, the note."""
    from .activities import comparison

    title = gettext(
        "My ratings of the ten principles, at the start and the end of Module 2 (1 to {n})", lang
    ).format(n=maximum)
    columns = [gettext(c, lang) for c in ("Principle and when", "Rating", "Meaning", "Change")]
    parts = [comparison.chart("ratings-compared", title, rows, maximum, columns, lang)]
    if missing:
        parts.append(comparison.note(gettext(MISSING, lang).format(n=missing)))
    return {"name": "pc-ratings", "parts": parts}


def responses_context(
    responses: Iterable[Any], lang: str, learners: Iterable[str] | None = None
) -> dict[str, Any]:
    """Per principle over a cohort or a room: the mean rating before and after among the people
    who rated it both times (`paired`), and the change. `learners` keeps only those people."""
    from .content.model import text_in

    wanted = set(learners) if learners is not None else None
    by_learner: dict[str, dict[str, dict[str, int]]] = {}
    for r in responses:
        if r.activity in (BEFORE, AFTER) and (wanted is None or r.learner in wanted):
            by_learner.setdefault(r.learner, {})[r.activity] = _ratings(r.value)
    try:
        scenario = _scenario(lang)
    except FileNotFoundError:  # a course without module 02's ratings (a district's own set)
        return {"rows": [], "paired": 0, "maximum": 0}
    rows: list[dict[str, Any]] = []
    most = 0
    for item in scenario.items:
        both = [
            (got[BEFORE][item.id], got[AFTER][item.id])
            for got in by_learner.values()
            if item.id in got.get(BEFORE, {}) and item.id in got.get(AFTER, {})
        ]
        most = max(most, len(both))
        b = round(sum(x for x, _ in both) / len(both), 2) if both else None
        a = round(sum(y for _, y in both) / len(both), 2) if both else None
        label = text_in(item.label, lang)
        rows.append(
            {
                "label": f"{label}: {gettext('at the start of Module 2', lang)}",
                "value": b,
                "extra": [len(both), ""],
            }
        )
        rows.append(
            {
                "label": f"{label}: {gettext('at the end of Module 2', lang)}",
                "value": a,
                "extra": [len(both), _change(b, a)],
            }
        )
    return {
        "rows": rows,
        "paired": most,
        "maximum": max(lv.value for lv in scenario.scale),
    }
