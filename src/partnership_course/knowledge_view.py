"""What the knowledge pre/post test shows: the learner's before and after side by side (a notebook
cell, `course.knowledge_gain()`), and the cohort's gain per item (the coach's report). The
cohort's context also carries the ten-principle self-ratings before and after module 02
(`ratings_view`), so the report and the facilitator view show both measures from one read.

The numbers come from `content.knowledge_test` (first answers only); this module only reads the
answers from the store and fills the templates, whose charts go through the one chart macro.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .content.knowledge_test import (
    FIRST_MODULE,
    LAST_MODULE,
    CohortItem,
    Pair,
    cohort_items,
    learner_items,
    pairs,
)
from .i18n import gettext

TEMPLATE = "knowledge/gain.html.j2"
UNANSWERED = (  # the template's sentence, for the page's panel
    "{n} question(s) were not answered both times; answer them above to complete the comparison."
)


def course_test(lang: str) -> list[Pair]:
    """The test's items in the order the first module asks them, with the `before` copies in
    `lang` (English where not translated)."""
    from .content.paths import modules_dir, scenarios_dir
    from .i18n.overlay import translated_scenario
    from .notebooks import activity_refs, module_notebooks

    found = {}
    for module, phase in ((FIRST_MODULE, "before"), (LAST_MODULE, "after")):
        for path in sorted((scenarios_dir() / module).glob(f"{phase}-*.yaml")):
            aid = f"{module}/{path.stem}"
            found[aid] = translated_scenario(aid, lang)
    order: dict[str, int] = {}
    for notebook in module_notebooks(modules_dir()):
        for ref in activity_refs(notebook)[1]:
            order.setdefault(ref.scenario_id, len(order))
    return sorted(pairs(found), key=lambda p: (order.get(p.before, len(order)), p.before))


def _answers(store: Any, learner: str, test: Iterable[Pair]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in test:
        for aid in (pair.before, pair.after):
            saved = store.load(learner, aid.split("/", 1)[0], aid)
            if saved is not None:
                out[aid] = saved.value
    return out


def _question(pair: Pair, lang: str) -> str:
    from .content.model import text_in

    return text_in(pair.scenario.question, lang)


@dataclass
class Shown:
    """What the notebook cell shows: HTML for Jupyter and Voila; the figures for tests; `view`
    the same as data for the page's panel (`activities.comparison`)."""

    html: str
    right_before: int
    right_after: int
    items: int
    view: dict[str, Any] = field(default_factory=dict)

    def _repr_html_(self) -> str:
        return self.html


def learner_view(store: Any, learner: str, lang: str) -> Shown:
    """The learner's first answers before and after, per item and in total."""
    from .rendering import render

    test = course_test(lang)
    results = learner_items(test, _answers(store, learner, test))

    def word(value: bool | None) -> str:
        if value is None:
            return gettext("not answered", lang)
        return gettext("right", lang) if value else gettext("not right", lang)

    before = sum(1 for r in results if r.before)
    after = sum(1 for r in results if r.after)
    rows = [
        {"label": gettext("Before the course", lang), "value": before},
        {"label": gettext("After the course", lang), "value": after},
    ]
    table = [
        [_question(p, lang), word(r.before), word(r.after)]
        for p, r in zip(test, results, strict=True)
    ]
    unanswered = sum(1 for r in results if r.before is None or r.after is None)
    html = render(
        TEMPLATE, lang=lang, rows=rows, maximum=len(test), table=table, unanswered=unanswered
    )
    return Shown(html, before, after, len(test), _panel_view(rows, table, unanswered, lang))


def _panel_view(
    rows: list[dict[str, Any]], table: list[list[str]], unanswered: int, lang: str
) -> dict[str, Any]:
    """`gain.html.j2` as data for the page's panel: the chart with its table, each question,
    the note."""
    from .activities import comparison

    maximum = len(table)
    title = gettext("Questions right on the first answer, of {n}", lang).format(n=maximum)
    columns = [gettext("When", lang), gettext("Right", lang)]
    parts = [
        comparison.chart("knowledge-gain", title, rows, maximum, columns, lang),
        comparison.table(
            gettext("Each question, before and after", lang),
            [gettext(c, lang) for c in ("Question", "Before the course", "After the course")],
            table,
        ),
    ]
    if unanswered:
        parts.append(comparison.note(gettext(UNANSWERED, lang).format(n=unanswered)))
    return {"name": "pc-knowledge", "parts": parts}


def cohort_context(store: Any, lang: str, learners: Iterable[str] | None = None) -> dict:
    """The report's knowledge-test section: per item, the share of learners (who answered it
    both times) right before and after, and the gain in percentage points."""
    from .ratings_view import MODULE

    modules = (FIRST_MODULE, MODULE, LAST_MODULE)
    saved = [r for module in modules for r in store.query(module=module)]
    return responses_context(saved, lang, learners)


def responses_context(
    responses: Iterable[Any], lang: str, learners: Iterable[str] | None = None
) -> dict:
    """`cohort_context` from stored `Response`s already read (the facilitator view has the
    room's answers in hand); `learners` keeps only those people. `ratings` is the self-ratings'
    section (`ratings_view.responses_context`)."""
    from . import ratings_view

    responses = list(responses)
    test = course_test(lang)
    wanted = set(learners) if learners is not None else None
    by_learner: dict[str, dict[str, Any]] = {}
    for r in responses:
        if wanted is None or r.learner in wanted:
            by_learner.setdefault(r.learner, {})[r.activity] = r.value
    items = cohort_items(test, [a for _who, a in sorted(by_learner.items())])
    rows: list[dict[str, Any]] = []
    for number, (pair, item) in enumerate(zip(test, items, strict=True), start=1):
        rows += _cohort_rows(number, pair, item, lang)
    return {
        "rows": rows,
        "paired": max((c.paired for c in items), default=0),
        "ratings": ratings_view.responses_context(responses, lang, learners),
    }


def _cohort_rows(number: int, pair: Pair, item: CohortItem, lang: str) -> list[dict[str, Any]]:
    """Two chart rows per question (before, then after, as % right), the gain on the second;
    the question is written once, on the first."""
    question = _question(pair, lang)
    gain = "-" if item.gain is None else f"{item.gain:+g}"
    return [
        {
            "label": f"{number}. {question} ({gettext('Before the course', lang)})",
            "value": item.before_pct,
            "extra": [item.paired, ""],
        },
        {
            "label": f"{number}. ({gettext('After the course', lang)})",
            "value": item.after_pct,
            "extra": [item.paired, gain],
        },
    ]


def learner_panel(store: Any, learner: str, lang: str) -> Any:
    """The knowledge test's comparison with its redraw button (`redraw_panel`)."""
    return redraw_panel(lambda: learner_view(store, learner, lang), lang)


def redraw_panel(make: Callable[[], Any], lang: str) -> Any:
    """A comparison (`make()` returns an object with `html`) with a button that draws it again
    (`activities.comparison.ComparisonPanel`: one widget model); `panel.shown` is the last one."""
    from .activities.comparison import ComparisonPanel

    return ComparisonPanel(make, gettext("Show my comparison again", lang), lang)
