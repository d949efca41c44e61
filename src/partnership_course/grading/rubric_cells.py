"""The rubric as notebook cells: the read-only table under a reflection and one task cell per
coach criterion. Markdown, not HTML: nbgrader and formgrader render these cells themselves (with
raw HTML escaped, see `feedback.escaped_markdown2html`), so every piece of text is escaped here.
"""

from __future__ import annotations

import html

from .rubric import Criterion, Rubric


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def _levels(criterion: Criterion) -> str:
    return "; ".join(f"{lv.points:g}: {lv.label}" for lv in criterion.levels)


def rubric_markdown(rubric: Rubric, criteria: tuple[Criterion, ...], lang: str = "en") -> str:
    """The read-only markdown cell shown right under a reflection (all text escaped).

    The table's headings are interface strings in `lang`; the rubric's own text (title, note,
    labels, levels) comes from the rubric in that language.
    """
    from .checks import gettext

    lines = [f"#### {_cell(rubric.title)}", ""]
    if rubric.note:
        lines += [_cell(rubric.note), ""]
    heads = (
        gettext("Criterion", lang),
        gettext("Scored by", lang),
        gettext("Points", lang),
        gettext("Levels", lang),
    )
    lines += ["| " + " | ".join(_cell(h) for h in heads) + " |", "|---|---|---|---|"]
    for c in criteria:
        who = (
            gettext("your coach", lang) if c.by_coach else gettext("automatic check (below)", lang)
        )
        about = f"{c.label}: {c.description}" if c.description else c.label
        levels = _levels(c)
        if c.check == "length":
            levels = levels or gettext("at least {n} words", lang).format(n=c.min_words)
        lines.append(f"| {_cell(about)} | {_cell(who)} | {c.points:g} | {_cell(levels)} |")
    return "\n".join(lines)


def criterion_markdown(criterion: Criterion, lang: str = "en") -> str:
    """The task cell a coach scores for one criterion: its label, descriptor and levels."""
    from .checks import gettext

    lines = [
        "**"
        + _cell(
            gettext("Coach: {label} ({points} points)", lang).format(
                label=criterion.label, points=f"{criterion.points:g}"
            )
        )
        + "**",
        "",
    ]
    if criterion.description:
        lines += [_cell(criterion.description), ""]
    lines += [f"- {lv.points:g}: {_cell(lv.label)}" for lv in criterion.levels]
    return "\n".join(lines)
