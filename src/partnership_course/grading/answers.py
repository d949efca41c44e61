"""A stored answer in words: what the learner chose or wrote, as they saw it on the page.

Feedback pages and the coaches' grading page show answers to people who are not programmers,
so ids become the texts they stand for (an option's text, a category's label, a rung's name),
and nothing of the stored JSON shows. A view is a list of blocks a template renders:

- `pairs`: (label, value) rows, e.g. a sort's category and the cards placed in it;
- `steps`: an ordered list, e.g. the branching path or the ladder's climb;
- `text`: the learner's own text, shown exactly (escaped by the template, line breaks kept).

Every value is plain text; the templates escape it. An answer whose scenario cannot be read,
or whose ids the scenario no longer has, still shows what it can, never an id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..content.kinds import KINDS
from ..content.practice import RUNG_LABELS
from ..i18n import gettext


@dataclass
class Block:
    """One part of an answer's view (see the module docstring)."""

    kind: str  # "pairs", "steps" or "text"
    heading: str = ""
    pairs: list[tuple[str, str]] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    text: str = ""


def _t(value: Any, lang: str) -> str:
    from ..content.model import text_in
    from ..rendering import plain

    return plain(text_in(value, lang)) if value is not None else ""


def _unknown(lang: str) -> str:
    return gettext("(an answer this activity no longer offers)", lang)


def _by_id(items: Any, wanted: Any) -> Any:
    return next((x for x in items if getattr(x, "id", None) == wanted), None)


def choice_view(s: Any, a: Mapping[str, Any], lang: str) -> list[Block]:
    from ..content.scoring import scored_choice

    # the scored answer is the first one tried (content/scoring.py); a later try is shown too,
    # marked as not scored, so the page explains the score the learner sees
    option = _by_id(s.options, scored_choice(a))
    if option is None:
        return [Block("pairs", pairs=[(gettext("Option you chose", lang), _unknown(lang))])]
    pairs = [(gettext("Option you chose", lang), _t(option.text, lang))]
    latest = _by_id(s.options, a.get("choice"))
    if latest is not None and latest.id != option.id:
        pairs.append((gettext("Your later try (not scored)", lang), _t(latest.text, lang)))
    blocks = [Block("pairs", pairs=pairs)]
    blocks.append(
        Block("text", heading=gettext("What the course said", lang), text=_t(option.feedback, lang))
    )
    return blocks


def _placed(s: Any, placements: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    pairs = []
    for category in s.categories:
        cards = [_t(i.text, lang) for i in s.items if placements.get(i.id) == category.id]
        pairs.append((_t(category.label, lang), "; ".join(cards) or gettext("(none)", lang)))
    unplaced = [_t(i.text, lang) for i in s.items if i.id not in placements]
    if unplaced:
        pairs.append((gettext("Not placed", lang), "; ".join(unplaced)))
    return pairs


def sort_view(s: Any, a: Mapping[str, Any], lang: str) -> list[Block]:
    from ..content.scoring import scored_placements

    # the scored sort is the first check's (content/scoring.py); a later re-sort is shown too,
    # marked as not scored, so the page explains the score the learner sees
    scored = scored_placements(a) or {}
    now = a.get("placements") if isinstance(a.get("placements"), Mapping) else {}
    blocks = [
        Block(
            "pairs",
            heading=gettext("Where you placed each card", lang),
            pairs=_placed(s, scored, lang),
        )
    ]
    if now and dict(now) != dict(scored):
        heading = gettext("Your later sort (not scored)", lang)
        blocks.append(Block("pairs", heading=heading, pairs=_placed(s, now, lang)))
    return blocks


def ladder_view(s: Any, a: Mapping[str, Any], lang: str) -> list[Block]:
    marks = a.get("marks") if isinstance(a.get("marks"), Mapping) else {}
    climb = a.get("climb") if isinstance(a.get("climb"), Mapping) else {}
    asks = a.get("asks") if isinstance(a.get("asks"), Mapping) else {}
    blocks = []
    marked = []
    for st in s.statements:
        if st.id in marks:
            how = gettext("observable", lang) if marks[st.id] else gettext("interpretation", lang)
            marked.append((_t(st.text, lang), how))
    if marked:
        blocks.append(Block("pairs", heading=gettext("Data or interpretation", lang), pairs=marked))
    steps = []
    for step in s.rungs:
        chosen = _by_id(step.options, climb.get(step.rung))
        if chosen is not None:
            steps.append(
                f"{gettext(RUNG_LABELS.get(step.rung, step.rung), lang)}: {_t(chosen.text, lang)}"
            )
    if steps:
        blocks.append(
            Block("steps", heading=gettext("Your climb up the ladder", lang), steps=steps)
        )
    explanation = a.get("explanation")
    if isinstance(explanation, str) and explanation.strip():
        heading = gettext("One other explanation of what I saw", lang)
        blocks.append(Block("text", heading=heading, text=explanation))
    tested = []
    for item in s.climb_down:
        question = _by_id(item.questions, asks.get(item.id))
        if question is not None:
            tested.append((_t(item.assumption, lang), _t(question.text, lang)))
    if tested:
        blocks.append(
            Block("pairs", heading=gettext("How you tested each assumption", lang), pairs=tested)
        )
    return blocks


def starters_view(s: Any, a: Mapping[str, Any], lang: str) -> list[Block]:
    saved = a.get("statements") if isinstance(a.get("statements"), Mapping) else {}
    blocks = []
    for statement in s.statements:
        mine = saved.get(statement.id)
        if not isinstance(mine, Mapping):
            continue
        pairs = []
        reply = _by_id(statement.replies, mine.get("reply"))
        if reply is not None:
            pairs.append((gettext("Reply you chose", lang), _t(reply.text, lang)))
        text = mine.get("text")
        if isinstance(text, str) and text.strip():
            pairs.append((gettext("Your own words", lang), text))
        heading = f"{_t(statement.speaker, lang)}: {_t(statement.text, lang)}"
        blocks.append(Block("pairs", heading=heading, pairs=pairs))
    return blocks


def branching_view(s: Any, a: Mapping[str, Any], lang: str) -> list[Block]:
    attempts = [x for x in a.get("attempts", []) if isinstance(x, Mapping)]
    blocks = []
    scored_seen = False  # the first conversation that reached an ending is the scored one
    for number, attempt in enumerate(attempts, 1):
        steps = []
        for stepped in attempt.get("path", []):
            if not isinstance(stepped, Mapping):
                continue
            node = s.node(str(stepped.get("node"))) if stepped.get("node") else None
            branch = _by_id(node.choices, stepped.get("choice")) if node else None
            steps.append(_t(branch.text, lang) if branch else _unknown(lang))
        ending = s.ending(str(attempt.get("ending"))) if attempt.get("ending") else None
        if not steps and ending is None:
            continue
        if ending is not None:
            steps.append(gettext("Ending: {title}", lang).format(title=_t(ending.title, lang)))
        heading = gettext("Conversation {n}", lang).format(n=number) if len(attempts) > 1 else ""
        heading = heading or gettext("Your path", lang)
        if ending is not None and len(attempts) > 1:
            note = gettext("not scored", lang) if scored_seen else gettext("scored", lang)
            heading = f"{heading} ({note})"
            scored_seen = True
        blocks.append(Block("steps", heading=heading, steps=steps))
    return blocks


def plain_language_view(s: Any, a: Mapping[str, Any], lang: str) -> list[Block]:
    blocks = [Block("text", heading=gettext("Your draft", lang), text=str(a.get("text", "")))]
    findings = [f for f in a.get("findings", []) if isinstance(f, Mapping)]
    if a.get("checked"):
        pairs = []
        for found in findings:
            index = found.get("index")
            term = s.terms[index] if isinstance(index, int) and index < len(s.terms) else None
            plain = _t(term.plain, lang) if term is not None else ""
            pairs.append((str(found.get("term", "")), plain))
        if pairs:
            blocks.append(
                Block("pairs", heading=gettext("Terms the checker found", lang), pairs=pairs)
            )
        else:
            blocks.append(
                Block("pairs", pairs=[(gettext("Checked", lang), gettext("no jargon found", lang))])
            )
    return blocks


def contact_planner_view(s: Any, a: Mapping[str, Any], lang: str) -> list[Block]:
    families = [f for f in a.get("families", []) if isinstance(f, Mapping)]
    languages = {o.id: _t(o.label, lang) for o in s.languages}
    channels = {o.id: _t(o.label, lang) for o in s.channels}
    pairs = []
    for family in families:
        bits = [
            languages.get(str(family.get("language")), ""),
            channels.get(str(family.get("channel")), ""),
        ]
        if family.get("interpreter"):
            bits.append(_t(s.labels.interpreter, lang))
        pairs.append((str(family.get("code", "")), ", ".join(b for b in bits if b)))
    heading = gettext("Families in your plan", lang)
    return [Block("pairs", heading=heading, pairs=pairs or [("", gettext("(none)", lang))])]


def action_plan_view(s: Any, a: Mapping[str, Any], lang: str) -> list[Block]:
    fields = a.get("fields") if isinstance(a.get("fields"), Mapping) else {}
    pairs = [
        (_t(f.label, lang), str(fields.get(f.id, "")) or gettext("(empty)", lang)) for f in s.fields
    ]
    return [Block("pairs", heading=_t(s.summary_title, lang), pairs=pairs)]


def self_assessment_view(s: Any, a: Mapping[str, Any], lang: str) -> list[Block]:
    ratings = a.get("ratings") if isinstance(a.get("ratings"), Mapping) else {}
    scale = {lv.value: _t(lv.label, lang) for lv in s.scale}
    pairs = [
        (_t(item.label, lang), scale.get(ratings[item.id], str(ratings[item.id])))
        for item in s.items
        if item.id in ratings
    ]
    return [Block("pairs", heading=gettext("Your ratings", lang), pairs=pairs)]


def reflection_view(s: Any, a: Mapping[str, Any], lang: str) -> list[Block]:
    return [Block("text", text=str(a.get("text", "")))]


def toolkit_view(s: Any, a: Mapping[str, Any], lang: str) -> list[Block]:
    """The documents the teacher made, by title and language; never the contact details they
    typed into them (the facilitator view only counts toolkit answers, for the same reason)."""
    from ..documents.toolkit import BY_ID
    from ..i18n import language_name

    made = a.get("made") if isinstance(a.get("made"), list) else []
    languages = a.get("languages") if isinstance(a.get("languages"), Mapping) else {}
    steps = [
        f"{gettext(BY_ID[d].title, lang)} ({language_name(str(languages.get(d) or lang))})"
        for d in made
        if isinstance(d, str) and d in BY_ID
    ]
    if not steps:
        return [Block("steps", heading=gettext("No document was made yet.", lang))]
    return [Block("steps", heading=gettext("Documents made", lang), steps=steps)]


def _clean(text: str) -> str:
    """Lone surrogates (possible after a JSON round trip) shown as escapes, not a crash."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _cleaned(blocks: list[Block]) -> list[Block]:
    for block in blocks:
        block.heading = _clean(block.heading)
        block.text = _clean(block.text)
        block.pairs = [(_clean(a), _clean(b)) for a, b in block.pairs]
        block.steps = [_clean(x) for x in block.steps]
    return blocks


def answer_view(scenario: Any, answer: Any, lang: str = "en") -> list[Block]:
    """The blocks that show `answer` to a person; [] when nothing was saved."""
    return _cleaned(_view(scenario, answer, lang))


def _view(scenario: Any, answer: Any, lang: str) -> list[Block]:
    if not isinstance(answer, Mapping) or not answer:
        return []
    entry = KINDS.get(getattr(scenario, "kind", ""))
    if entry is None:
        text = answer.get("text")
        return [Block("text", text=text)] if isinstance(text, str) else []
    try:
        return entry.view_of(scenario, answer, lang)
    except (AttributeError, KeyError, TypeError, ValueError):
        # a damaged answer must not hide the page; show the learner's own text if any
        text = answer.get("text")
        return [Block("text", text=text)] if isinstance(text, str) else []
