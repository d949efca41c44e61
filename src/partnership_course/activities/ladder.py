"""Ladder of Inference: tell data from interpretation, climb the rungs, see the reflexive loop,
then climb down by choosing a question that would test each assumption.

Four steps on one page. Step 1 marks each statement as observable data or not, with feedback.
Step 2 opens one rung at a time, bottom to top. Before the last rung (the action), the learner
writes one other explanation of what they saw, in their own words (issue 10: the options alone
let a learner climb only generously, and the tool never asked for an explanation of their own);
the page opens the action rung once it holds text. Step 3 (after the top rung) explains how the
belief chosen would shape what the learner notices next time. Step 4 offers questions for each
assumption. Every choice is kept in `path`, so a coach can see how the learner moved; the
explanation is kept, exactly as typed, in `explanation` (absent from answers saved before it).

Every group is a named radio group (arrows move and choose). The key (which statements are
observable, which questions are good) and every piece of feedback stay in Python (kinds.py
`hidden`); the page gets a piece of feedback only for what the learner has chosen.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..content.practice import RUNG_LABELS, RUNGS, Ladder
from .frontend import FrontEndActivity


class LadderActivity(FrontEndActivity):
    """Radio groups for marks, rungs and questions; `mark`, `climb`, `ask` are the events."""

    kind = "ladder"
    scenario: Ladder
    EVENTS: ClassVar[dict[str, str]] = {
        "mark": "mark",
        "climb": "climb",
        "explain": "explain",
        "ask": "ask",
    }

    def setup(self) -> None:
        self.path: list[dict[str, Any]] = []
        self._marks: dict[str, bool] = {}
        self._climbs: dict[str, str] = {}
        self._asks: dict[str, str] = {}
        self.explanation: str | None = None
        self._show()

    def interface(self) -> dict[str, str]:
        rungs = {f"rung_{rung}": self.t(label) for rung, label in RUNG_LABELS.items()}
        return {
            **rungs,
            "step1": self.t("Step 1: what could a camera record?"),
            "step1_how": self.t(
                "For each statement, decide whether it is observable data (anyone present "
                "would agree it happened) or something added to the data."
            ),
            "observable": self.t("Observable data"),
            "added": self.t("Added by me: a meaning, guess or judgment"),
            "step2": self.t("Step 2: climb the ladder"),
            "step2_how": self.t(
                "Be honest about the thought you might have on a busy day. "
                "Each rung opens when you have chosen the one below it."
            ),
            "so_far": self.t("Your ladder so far, top rung first"),
            "explain_title": self.t("Before you choose what to do: another explanation"),
            "explain_how": self.t(
                "Write one other explanation of what you saw, in your own words: one that fits "
                "the same data. The last rung opens when you have written it."
            ),
            "explain_label": self.t("One other explanation of what I saw"),
            "step3": self.t("Step 3: the reflexive loop"),
            "belief": self.t("The belief you chose"),
            "step4": self.t("Step 4: climb back down"),
            "step4_how": self.t("For each assumption, choose a question that would test it."),
            "assumption": self.t("Assumption {n}"),
        }

    # -- public events ----------------------------------------------------------------------
    def mark(self, statement_id: str, observable: bool) -> bool:
        """Mark a statement as observable data (True) or not; returns whether the key agrees."""
        statement = self._statement(statement_id)
        observable = bool(observable)
        self._marks[statement_id] = observable
        self.path.append({"step": "mark", "statement": statement_id, "observable": observable})
        self._show()
        self.save()
        return observable is statement.observable

    def climb(self, rung: str, option_id: str) -> None:
        """Choose the thought on `rung`; the rungs below it must be chosen first."""
        if rung not in RUNGS:
            raise ValueError(f"{rung!r} is not a rung; one of {list(RUNGS)}")
        if option_id not in {o.id for o in self.scenario.rung(rung).options}:
            raise ValueError(f"{option_id!r} is not an option on the {rung} rung")
        missing = [r for r in RUNGS[: RUNGS.index(rung)] if r not in self._climbs]
        if missing:
            raise ValueError(
                f"climb {missing[0]!r} before {rung!r}: the ladder is climbed in order"
            )
        self._climbs[rung] = option_id
        self.path.append({"step": "climb", "rung": rung, "option": option_id})
        self._show()
        self.save()

    def explain(self, text: str) -> None:
        """Write one other explanation of what was seen (kept exactly; saved as it is typed)."""
        if not isinstance(text, str):
            raise ValueError("an explanation is text")
        self.explanation = text
        self._show()
        self.save(announce=False)

    @property
    def explained(self) -> bool:
        """Whether the other explanation holds some text."""
        return bool(self.explanation and self.explanation.strip())

    def ask(self, assumption_id: str, option_id: str) -> bool:
        """Choose a question to test an assumption (after the climb); returns whether it is good."""
        item = next((a for a in self.scenario.climb_down if a.id == assumption_id), None)
        if item is None:
            raise ValueError(f"{assumption_id!r} is not an assumption of {self.scenario.id}")
        if option_id not in {q.id for q in item.questions}:
            raise ValueError(f"{option_id!r} is not a question for {assumption_id!r}")
        if not self.climbed:
            raise ValueError("finish the climb (all six rungs) before climbing down")
        self._asks[assumption_id] = option_id
        self.path.append({"step": "ask", "assumption": assumption_id, "question": option_id})
        self._show()
        self.save()
        return self.scenario.is_good_question(assumption_id, option_id)

    # -- answers ----------------------------------------------------------------------------
    @property
    def marks(self) -> dict[str, bool]:
        """Statement id -> marked observable, for the statements marked so far."""
        return {s.id: self._marks[s.id] for s in self.scenario.statements if s.id in self._marks}

    @property
    def climbs(self) -> dict[str, str]:
        """Rung -> option id, for the rungs chosen so far."""
        return {rung: self._climbs[rung] for rung in RUNGS if rung in self._climbs}

    @property
    def climbed(self) -> bool:
        """Whether every rung has a choice."""
        return len(self.climbs) == len(RUNGS)

    @property
    def asks(self) -> dict[str, str]:
        """Assumption id -> question id, for the assumptions tested so far."""
        return {a.id: self._asks[a.id] for a in self.scenario.climb_down if a.id in self._asks}

    def state(self) -> dict[str, Any]:
        return {
            "marks": self.marks,
            "observable_score": self.scenario.observable_score(self.marks),
            "statements": len(self.scenario.statements),
            "climb": self.climbs,
            "climbed": self.climbed,
            "asks": self.asks,
            "good_questions": self.scenario.good_questions(self.asks),
            "assumptions": len(self.scenario.climb_down),
            "path": list(self.path),
            **({"explanation": self.explanation} if self.explanation is not None else {}),
        }

    def restore(self, value: dict[str, Any]) -> None:
        self.path = [p for p in value.get("path", []) if isinstance(p, dict)]
        statements = {s.id for s in self.scenario.statements}
        marks = value.get("marks", {})
        self._marks = {
            sid: observable
            for sid, observable in (marks.items() if isinstance(marks, dict) else [])
            if sid in statements and isinstance(observable, bool)
        }
        climb = value.get("climb", {})
        climb = climb if isinstance(climb, dict) else {}
        self._climbs = {}
        for rung in RUNGS:  # in order: a gap stops the restore, as it would stop the learner
            option = climb.get(rung)
            if option not in {o.id for o in self.scenario.rung(rung).options}:
                break
            self._climbs[rung] = option
        asks = value.get("asks", {})
        questions = {a.id: {q.id for q in a.questions} for a in self.scenario.climb_down}
        self._asks = {
            aid: qid
            for aid, qid in (asks.items() if isinstance(asks, dict) else [])
            if qid in questions.get(aid, set())
        }
        explanation = value.get("explanation")
        self.explanation = explanation if isinstance(explanation, str) else None
        self._show()

    # -- what the page shows ----------------------------------------------------------------
    def _statement(self, statement_id: str) -> Any:
        found = next((s for s in self.scenario.statements if s.id == statement_id), None)
        if found is None:
            raise ValueError(f"{statement_id!r} is not a statement of {self.scenario.id}")
        return found

    def _show(self) -> None:
        """The learner's choices, and feedback on exactly those (nothing on the rest)."""
        self.response = {
            "marks": self.marks,
            "climb": self.climbs,
            "asks": self.asks,
            "climbed": self.climbed,
            "explanation": self.explanation or "",
            "explained": self.explained,
        }
        self.feedback = {
            "explanation": self.t("Saved. Keep both explanations in mind as you choose what to do.")
            if self.explained
            else "",
            "marks": {sid: self._mark_note(sid) for sid in self.marks},
            "mark_score": self._mark_score(),
            "climb": {rung: self._climb_note(rung) for rung in self.climbs},
            "summary": self._summary(),
            "loop": self._loop(),
            "asks": {aid: self._ask_note(aid) for aid in self.asks},
        }

    def _mark_note(self, statement_id: str) -> dict[str, Any]:
        statement = self._statement(statement_id)
        right = self._marks[statement_id] is statement.observable
        kind = self.t("observable data") if statement.observable else self.t("something added")
        return {
            "right": right,
            "verdict": self.t("Yes.") if right else self.t("Look again."),
            "text": self.t("This is {kind}.").format(kind=kind)
            + " "
            + self.text(statement.feedback),
        }

    def _mark_score(self) -> str:
        marks = self.marks
        if len(marks) < len(self.scenario.statements):
            return ""
        return self.t("{score} of {total} statements marked as the key marks them.").format(
            score=self.scenario.observable_score(marks), total=len(self.scenario.statements)
        )

    def _option(self, rung: str) -> Any:
        return next(o for o in self.scenario.rung(rung).options if o.id == self._climbs[rung])

    def _climb_note(self, rung: str) -> str:
        option = self._option(rung)
        return self.text(option.feedback) if option.feedback is not None else ""

    def _summary(self) -> list[dict[str, str]]:
        """The rungs chosen, top rung first (a ladder reads from the top down)."""
        return [
            {"label": self.t(RUNG_LABELS[rung]), "text": self.text(self._option(rung).text)}
            for rung in reversed(RUNGS)
            if rung in self._climbs
        ]

    def _loop(self) -> dict[str, str]:
        """What the chosen belief makes the learner notice next time (once the climb is done)."""
        if not self.climbed:
            return {}
        belief = self._option("beliefs")
        return {"belief": self.text(belief.text), "next_time": self.text(belief.next_time)}

    def _ask_note(self, assumption_id: str) -> dict[str, Any]:
        item = next(a for a in self.scenario.climb_down if a.id == assumption_id)
        question = next(q for q in item.questions if q.id == self._asks[assumption_id])
        return {
            "good": question.good,
            "verdict": self.t("A good test.") if question.good else self.t("Not quite."),
            "text": self.text(question.feedback),
        }
