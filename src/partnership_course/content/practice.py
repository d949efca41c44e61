"""Content models for the practice kinds: ladder, starters, branching and plain_language.

Like `model.py`, these hold no widget code: the widgets, tests and grader all call the plain
methods here (`observable_score`, `good_questions`, `walk`, `find`...) to score or replay answers.
Model-level errors start with the field path they are about (`nodes[2].choices[0].next: ...`),
so the loader reports them as `file:line: field: problem`.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from ..i18n import N_
from . import scoring
from .model import Id, ScenarioBase, Strict, Text, unique_ids

# ---------------------------------------------------------------------------------------------
# ladder: the Ladder of Inference (Argyris; Senge et al. 1994)
# ---------------------------------------------------------------------------------------------

#: The rungs a learner climbs after the pool of observable data, bottom to top.
RUNGS: tuple[str, ...] = (
    "selected_data",
    "meanings",
    "assumptions",
    "conclusions",
    "beliefs",
    "actions",
)
Rung = Literal["selected_data", "meanings", "assumptions", "conclusions", "beliefs", "actions"]

#: The rungs' interface names (translated through gettext), bottom to top: the ladder widget
#: and the answer a coach reads (`grading.answers`) use these same words.
RUNG_LABELS: dict[str, str] = {
    "selected_data": N_("Rung 1: the data I select"),
    "meanings": N_("Rung 2: the meanings I add"),
    "assumptions": N_("Rung 3: the assumptions I make"),
    "conclusions": N_("Rung 4: the conclusions I draw"),
    "beliefs": N_("Rung 5: the beliefs I adopt"),
    "actions": N_("Rung 6: the actions I take"),
}


class Statement(Strict):
    """Something said about the situation: observable data, or something added to it."""

    id: Id
    text: Text
    observable: bool
    feedback: Text


class Thought(Strict):
    """One thought a learner might have on a rung; `next_time` only on the beliefs rung."""

    id: Id
    text: Text
    feedback: Text | None = None
    next_time: Text | None = None  # beliefs rung: which data this belief would make us notice


class RungStep(Strict):
    """One rung of the climb: a prompt and the thoughts to choose from."""

    rung: Rung
    prompt: Text
    options: list[Thought] = Field(min_length=2)


class Question(Strict):
    """A question that might test an assumption on the way down, with feedback."""

    id: Id
    text: Text
    good: bool = False
    feedback: Text


class Assumption(Strict):
    """An assumption to test on the way down the ladder."""

    id: Id
    assumption: Text
    questions: list[Question] = Field(min_length=2)


class Ladder(ScenarioBase):
    """Sort data from interpretation, climb the rungs, see the loop, climb down with questions."""

    kind: ClassVar[str] = "ladder"
    situation: Text
    statements: list[Statement] = Field(min_length=2)
    rungs: list[RungStep]
    loop: Text
    climb_down: list[Assumption] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Ladder:
        unique_ids(self.statements, "statement", "statements")
        if not any(s.observable for s in self.statements):
            raise ValueError("statements: at least one statement must have observable: true")
        if all(s.observable for s in self.statements):
            raise ValueError("statements: at least one statement must have observable: false")
        names = [r.rung for r in self.rungs]
        if names != list(RUNGS):
            raise ValueError(f"rungs: must list the rungs once each, in the order {list(RUNGS)}")
        for index, step in enumerate(self.rungs):
            unique_ids(step.options, "option", f"rungs[{index}].options")
            for number, option in enumerate(step.options):
                where = f"rungs[{index}].options[{number}].next_time"
                if step.rung == "beliefs" and option.next_time is None:
                    raise ValueError(f"{where}: every belief needs next_time (the reflexive loop)")
                if step.rung != "beliefs" and option.next_time is not None:
                    raise ValueError(f"{where}: only options on the beliefs rung take next_time")
        unique_ids(self.climb_down, "assumption", "climb_down")
        for index, item in enumerate(self.climb_down):
            unique_ids(item.questions, "question", f"climb_down[{index}].questions")
            if not any(q.good for q in item.questions):
                raise ValueError(f"climb_down[{index}].questions: at least one needs good: true")
        return self

    def rung(self, name: str) -> RungStep:
        """The step for a rung name (KeyError if there is none)."""
        for step in self.rungs:
            if step.rung == name:
                return step
        raise KeyError(name)

    def observable_score(self, marks: dict[str, bool]) -> int:
        """How many statements the learner marked the way the key does."""
        return scoring.marks_matched(marks, scoring.ladder_key(self)["statements"])

    def is_good_question(self, assumption_id: str, question_id: str | None) -> bool:
        """Whether `question_id` is a good test of the assumption."""
        for item in self.climb_down:
            if item.id == assumption_id:
                return any(q.id == question_id and q.good for q in item.questions)
        return False

    def good_questions(self, asks: dict[str, str]) -> int:
        """How many assumptions the learner tests with a good question."""
        return scoring.good_asked(asks, scoring.ladder_key(self)["good_questions"])


# ---------------------------------------------------------------------------------------------
# starters: empathy, sympathy, fixing, dismissing (Wiseman 1996; Brown)
# ---------------------------------------------------------------------------------------------

ReplyType = Literal["empathy", "sympathy", "fixing", "dismissing"]
REPLY_TYPES: tuple[str, ...] = ("empathy", "sympathy", "fixing", "dismissing")


class Starter(Strict):
    """An empathy sentence starter the learner can finish in their own words."""

    id: Id
    text: Text


class Reply(Strict):
    """A possible reply to a family member, its type and feedback that names the difference."""

    id: Id
    text: Text
    type: ReplyType
    feedback: Text


class FamilyStatement(Strict):
    """What a family member says, who says it, and replies to choose from."""

    id: Id
    speaker: Text
    text: Text
    replies: list[Reply] = Field(min_length=2)


class Starters(ScenarioBase):
    """Pick the empathic reply to each statement, then write one's own from a starter."""

    kind: ClassVar[str] = "starters"
    starters: list[Starter] = Field(min_length=2)
    statements: list[FamilyStatement] = Field(min_length=1)
    compose_prompt: Text | None = None

    @model_validator(mode="after")
    def _check(self) -> Starters:
        unique_ids(self.starters, "starter", "starters")
        unique_ids(self.statements, "statement", "statements")
        for index, statement in enumerate(self.statements):
            unique_ids(statement.replies, "reply", f"statements[{index}].replies")
            if not any(r.type == "empathy" for r in statement.replies):
                raise ValueError(
                    f"statements[{index}].replies: at least one reply needs type: empathy"
                )
        return self

    def statement(self, statement_id: str) -> FamilyStatement:
        """The statement with this id (KeyError if there is none)."""
        for statement in self.statements:
            if statement.id == statement_id:
                return statement
        raise KeyError(statement_id)

    def reply_type(self, statement_id: str, reply_id: str | None) -> str | None:
        """The type of a chosen reply, or None."""
        for statement in self.statements:
            if statement.id == statement_id:
                return next((r.type for r in statement.replies if r.id == reply_id), None)
        return None

    def empathy_count(self, replies: dict[str, str]) -> int:
        """How many statements the learner answered with an empathic reply."""
        return scoring.empathy_chosen(replies, scoring.starters_key(self)["empathy"])


# ---------------------------------------------------------------------------------------------
# branching: a conversation as a graph of nodes, choices and endings
# ---------------------------------------------------------------------------------------------


class Branch(Strict):
    """A choice the learner can make at a node, where it leads, and optional feedback."""

    id: Id
    text: Text
    next: Id
    feedback: Text | None = None


class Node(Strict):
    """A moment in the conversation: who speaks, what they say, and the choices."""

    id: Id
    speaker: Text | None = None
    text: Text
    choices: list[Branch] = Field(min_length=1)


class Ending(Strict):
    """Where a path ends: a title, a debrief, and how strong the outcome is."""

    id: Id
    title: Text
    debrief: Text
    outcome: Literal["strong", "mixed", "weak"]


class Branching(ScenarioBase):
    """A conversation graph; the validator rejects dangling, unreachable and dead-end parts."""

    kind: ClassVar[str] = "branching"
    start: Id
    nodes: list[Node] = Field(min_length=1)
    endings: list[Ending] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Branching:
        seen: dict[str, str] = {}
        for group, items in (("nodes", self.nodes), ("endings", self.endings)):
            for index, item in enumerate(items):
                where = f"{group}[{index}].id"
                if item.id in seen:
                    raise ValueError(
                        f"{where}: duplicate id {item.id!r} (already used by {seen[item.id]})"
                    )
                seen[item.id] = where
        for index, node in enumerate(self.nodes):
            unique_ids(node.choices, "choice", f"nodes[{index}].choices")
        nodes = {n.id: n for n in self.nodes}
        endings = {e.id for e in self.endings}
        if self.start not in nodes:
            raise ValueError(f"start: {self.start!r} names no node")
        for index, node in enumerate(self.nodes):
            for number, choice in enumerate(node.choices):
                if choice.next not in nodes and choice.next not in endings:
                    raise ValueError(
                        f"nodes[{index}].choices[{number}].next: "
                        f"{choice.next!r} names no node or ending"
                    )
        reachable = self._reachable_from(self.start)
        if not reachable & endings:
            raise ValueError(f"endings: no ending can be reached from start {self.start!r}")
        for group, items in (("nodes", self.nodes), ("endings", self.endings)):
            for index, item in enumerate(items):
                if item.id not in reachable:
                    raise ValueError(
                        f"{group}[{index}].id: {item.id!r} cannot be reached from start"
                    )
        for index, node in enumerate(self.nodes):
            if not self._reachable_from(node.id) & endings:
                raise ValueError(f"nodes[{index}].id: no path from {node.id!r} leads to an ending")
        return self

    def _reachable_from(self, origin: str) -> set[str]:
        nodes = {n.id: n for n in self.nodes}
        seen = {origin}
        todo = [origin]
        while todo:
            node = nodes.get(todo.pop())
            for choice in node.choices if node is not None else []:
                if choice.next not in seen:
                    seen.add(choice.next)
                    todo.append(choice.next)
        return seen

    def node(self, node_id: str) -> Node | None:
        """The node with this id, or None (for example when the id is an ending)."""
        return next((n for n in self.nodes if n.id == node_id), None)

    def ending(self, ending_id: str) -> Ending | None:
        """The ending with this id, or None."""
        return next((e for e in self.endings if e.id == ending_id), None)

    def walk(self, choices: list[str]) -> tuple[str, int]:
        """Follow choice ids from start; return the place reached and how many choices applied.

        Stops at the first choice that does not belong to the current node (content may have
        changed since the learner answered), so a replay never fails.
        """
        here = self.start
        applied = 0
        for choice_id in choices:
            node = self.node(here)
            branch = next((c for c in node.choices if c.id == choice_id), None) if node else None
            if branch is None:
                break
            here = branch.next
            applied += 1
        return here, applied


# ---------------------------------------------------------------------------------------------
# plain_language: flag special-education jargon in a message to a family
# ---------------------------------------------------------------------------------------------


class Term(Strict):
    """A jargon word or acronym, a plain way to say it, and an optional note."""

    term: str = Field(min_length=1, max_length=80)
    plain: Text
    note: Text | None = None
    also: list[str] = Field(default_factory=list)  # other spellings: plurals, "I.E.P."...
    match_case: bool | None = None  # default: acronyms (no lower-case letters) match case

    @property
    def case_sensitive(self) -> bool:
        """Acronyms like IEP or IDEA match only as written (so "idea" is not flagged)."""
        if self.match_case is not None:
            return self.match_case
        return not any(ch.islower() for ch in self.term)

    def pattern(self) -> re.Pattern[str]:
        """Whole-word pattern for the term and its other spellings."""
        forms = sorted({self.term, *self.also}, key=len, reverse=True)
        alternatives = []
        for form in forms:
            body = r"\s+".join(re.escape(part) for part in form.split())
            if self.case_sensitive and form.isupper():
                body += r"(?:'?s)?"  # IEPs, IEP's
            alternatives.append(body)
        flags = 0 if self.case_sensitive else re.IGNORECASE
        return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", flags)


class PlainLanguage(ScenarioBase):
    """A draft checker: paste a message, see which terms a family may not know."""

    kind: ClassVar[str] = "plain_language"
    prompt: Text
    guidance: Text | None = None
    terms: list[Term] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> PlainLanguage:
        seen: dict[str, int] = {}
        for index, term in enumerate(self.terms):
            for form in (term.term, *term.also):
                key = form if term.case_sensitive else form.lower()
                key = " ".join(key.split())
                if not key:
                    raise ValueError(f"terms[{index}].also: spellings must not be blank")
                if key in seen:
                    raise ValueError(
                        f"terms[{index}].term: {form!r} is already listed at position {seen[key]}"
                    )
                seen[key] = index
        return self

    def find(self, text: str) -> list[dict[str, Any]]:
        """Every listed term in `text`, in order of first appearance.

        Each finding: `term`, `index` (position in `terms`), `count`, `forms` (as written in the
        text) and `first` (character offset). Longer matches win where terms overlap, so
        "least restrictive environment" is one finding, not three.
        """
        spans: list[tuple[int, int, int]] = []
        for index, term in enumerate(self.terms):
            spans += [(m.start(), m.end(), index) for m in term.pattern().finditer(text)]
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        first: dict[int, int] = {}
        counts: dict[int, int] = {}
        forms: dict[int, list[str]] = {}
        end = -1
        for start, stop, index in spans:
            if start < end:
                continue
            end = stop
            first.setdefault(index, start)
            counts[index] = counts.get(index, 0) + 1
            written = text[start:stop]
            if written not in forms.setdefault(index, []):
                forms[index].append(written)
        return [
            {
                "term": self.terms[index].term,
                "index": index,
                "count": counts[index],
                "forms": forms[index],
                "first": first[index],
            }
            for index in sorted(first, key=first.__getitem__)
        ]
