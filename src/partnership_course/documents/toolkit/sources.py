"""What fills the toolkit in: the teacher's own details and answers, and the course's content.

Nothing here needs a family's personal data. The teacher's contact details are the teacher's
(given on the command line or the workshop page); the families in the teacher's copy of the
survey are the codes the teacher typed into the contact planner (no names); the glossary and the
call script come from the course's own activities (the plain-language word list and the strong
path of the IEP scheduling conversation), in the language of each document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from ...content.model import text_in
from ...i18n import DEFAULT

PLANNER = "03-continuum/weekly-contacts"
GLOSSARY = "02-principles/plain-language-check"
CALL = "02-principles/branching-scheduling-iep"


@dataclass(frozen=True)
class Teacher:
    """The teacher's own details for the contact card, newsletter and survey. All optional:
    a blank field prints as a line to write on by hand."""

    name: str = ""
    role: str = ""
    school: str = ""
    phone: str = ""
    email: str = ""
    times: str = ""  # best times to reach me
    ways: str = ""  # best ways to reach me

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if len(value) > 200:
                raise ValueError(f"{name}: at most 200 characters (got {len(value)})")


@dataclass(frozen=True)
class FamilyRow:
    """One family the teacher planned for, as the teacher's copy of the survey lists it."""

    code: str
    language: str
    channel: str
    interpreter: bool


@dataclass(frozen=True)
class Step:
    """One turn of the example call: where the conversation is, and what the teacher says."""

    moment: str
    line: str


@dataclass(frozen=True)
class ToolkitData:
    """Everything a toolkit document shows beyond its own text.

    `in_language(lang)` resolves the course content for one document's language; the teacher's
    details and family codes stay exactly as typed.
    """

    teacher: Teacher = field(default_factory=Teacher)
    family_records: tuple[dict[str, Any], ...] = ()  # the contact planner's stored families
    lang: str = DEFAULT
    languages: tuple[tuple[str, str], ...] = ()  # (planner option id, label) in `lang`
    channels: tuple[tuple[str, str], ...] = ()
    families: tuple[FamilyRow, ...] = ()
    language_counts: tuple[tuple[str, int], ...] = ()
    glossary: tuple[tuple[str, str, str], ...] = ()  # (term, plain words, term's language)
    call: tuple[Step, ...] = ()

    def in_language(self, lang: str) -> ToolkitData:
        """This data with the course content (labels, glossary, call) in `lang`."""
        from ...i18n.overlay import translated_scenario

        planner: Any = translated_scenario(PLANNER, lang)
        languages = tuple((o.id, text_in(o.label, lang)) for o in planner.languages)
        channels = tuple((o.id, text_in(o.label, lang)) for o in planner.channels)
        families = tuple(
            FamilyRow(
                code=str(record.get("code", "")),
                language=planner.language_label(str(record.get("language", "")), lang),
                channel=planner.channel_label(str(record.get("channel", "")), lang),
                interpreter=bool(record.get("interpreter", False)),
            )
            for record in self.family_records
        )
        counts = Counter(f.language for f in families)
        glossary_source: Any = translated_scenario(GLOSSARY, lang)
        english_terms = {t.term for t in translated_scenario(GLOSSARY, DEFAULT).terms}  # type: ignore[attr-defined]
        glossary = tuple(
            # a term kept from the English list is marked English, so a screen reader says it
            # with English rules; a term the translation added is in the document's language
            (term.term, text_in(term.plain, lang), DEFAULT if term.term in english_terms else lang)
            for term in sorted(glossary_source.terms, key=lambda t: t.term.casefold())
        )
        return replace(
            self,
            lang=lang,
            languages=languages,
            channels=channels,
            families=families,
            language_counts=tuple(counts.most_common()),
            glossary=glossary,
            call=strong_path(translated_scenario(CALL, lang), lang),
        )


def strong_path(scenario: Any, lang: str) -> tuple[Step, ...]:
    """The shortest path from the start to a strong ending of a branching conversation.

    Breadth-first over the choices, so the script is the fewest turns that end well; each step
    pairs the moment (the node's text) with the teacher's line (the choice's text).
    """
    strong = {e.id for e in scenario.endings if e.outcome == "strong"}
    nodes = {n.id: n for n in scenario.nodes}
    paths: dict[str, list[tuple[str, str]]] = {scenario.start: []}
    queue = [scenario.start]
    while queue:
        here = queue.pop(0)
        if here in strong:
            return tuple(
                Step(text_in(nodes[n].text, lang), text_in(c.text, lang))
                for n, c in (
                    (node_id, next(ch for ch in nodes[node_id].choices if ch.id == choice_id))
                    for node_id, choice_id in paths[here]
                )
            )
        node = nodes.get(here)
        for choice in node.choices if node is not None else []:
            if choice.next not in paths:
                paths[choice.next] = [*paths[here], (here, choice.id)]
                queue.append(choice.next)
    return ()


def gather(
    teacher: Teacher | None = None, learner: str | None = None, store: Any = None
) -> ToolkitData:
    """The toolkit data for one teacher: their details, and their planner families if any.

    `learner` and `store` default to the current learner and the default store; a learner who
    never used the planner simply gets a teacher's copy with blank rows.
    """
    records: tuple[dict[str, Any], ...] = ()
    if learner is not None or store is not None:
        from ...store import ResponseStore

        store = store or ResponseStore()
        module = PLANNER.partition("/")[0]  # the store keys answers by the full activity id
        saved = store.load(learner, module, PLANNER) if learner else None
        if saved is not None:
            records = tuple(r for r in saved.value.get("families", []) if isinstance(r, dict))
    return ToolkitData(teacher=teacher or Teacher(), family_records=records)
