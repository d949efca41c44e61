"""Ladder of Inference: tell data from interpretation, climb the rungs, see the reflexive loop,
then climb down by choosing a question that would test each assumption.

Four steps on one page. Step 1 marks each statement as observable data or not, with feedback.
Step 2 reveals one rung at a time, bottom to top. Step 3 (after the top rung) explains how the
belief chosen would shape what the learner notices next time. Step 4 offers questions for each
assumption. Every event is kept in `path`, so a coach can see how the learner moved.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..content.practice import RUNGS, Ladder
from ..i18n import N_
from .base import Activity
from .render import escape, paragraphs

#: Interface names of the rungs (translated through gettext), bottom to top.
RUNG_LABELS: dict[str, str] = {
    "selected_data": N_("Rung 1: the data I select"),
    "meanings": N_("Rung 2: the meanings I add"),
    "assumptions": N_("Rung 3: the assumptions I make"),
    "conclusions": N_("Rung 4: the conclusions I draw"),
    "beliefs": N_("Rung 5: the beliefs I adopt"),
    "actions": N_("Rung 6: the actions I take"),
}

HIDDEN = "none"
SHOWN = ""


class LadderActivity(Activity):
    """Radio groups for marks, rungs and questions; `mark`, `climb`, `ask` are the events."""

    kind = "ladder"
    scenario: Ladder

    def build(self) -> list[widgets.Widget]:
        self.path: list[dict[str, Any]] = []
        sc = self.scenario
        self.situation = widgets.HTML(
            f'<div class="pc-prompt">{paragraphs(sc.situation, self.lang)}</div>'
        )
        # step 1: observable data or not
        self.step1 = widgets.HTML(
            f"<h4>{escape(self.t('Step 1: what could a camera record?'))}</h4><p>"
            + escape(
                self.t(
                    "For each statement, decide whether it is observable data (anyone present "
                    "would agree it happened) or something added to the data."
                )
            )
            + "</p>"
        )
        self.markers: dict[str, widgets.RadioButtons] = {}
        self.mark_notes: dict[str, widgets.HTML] = {}
        rows: list[widgets.Widget] = [self.situation, self.step1]
        for number, statement in enumerate(sc.statements, start=1):
            said = escape(self.text(statement.text))
            card = widgets.HTML(f'<p class="pc-card"><strong>{number}.</strong> {said}</p>')
            marker = widgets.RadioButtons(
                options=[
                    (self.t("Observable data"), True),
                    (self.t("Added by me: a meaning, guess or judgment"), False),
                ],
                value=None,
                description=self.t("Statement {n} is").format(n=number),
                style={"description_width": "initial"},
                layout=widgets.Layout(width="auto"),
            )
            marker.observe(self._on_mark(statement.id), names="value")
            note = widgets.HTML()
            self.markers[statement.id] = marker
            self.mark_notes[statement.id] = note
            rows += [card, marker, note]
        self.mark_score = widgets.HTML()
        rows.append(self.mark_score)
        # step 2: the climb
        rows.append(
            widgets.HTML(
                f"<h4>{escape(self.t('Step 2: climb the ladder'))}</h4><p>"
                + escape(
                    self.t(
                        "Be honest about the thought you might have on a busy day. "
                        "Each rung opens when you have chosen the one below it."
                    )
                )
                + "</p>"
            )
        )
        self.rung_boxes: dict[str, widgets.VBox] = {}
        self.rung_pickers: dict[str, widgets.RadioButtons] = {}
        self.rung_notes: dict[str, widgets.HTML] = {}
        for step in sc.rungs:
            label = self.t(RUNG_LABELS[step.rung])
            heading = widgets.HTML(f"<h5>{escape(label)}</h5>{paragraphs(step.prompt, self.lang)}")
            picker = widgets.RadioButtons(
                options=[(self.text(o.text), o.id) for o in step.options],
                value=None,
                description=label,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="auto"),
            )
            picker.observe(self._on_climb(step.rung), names="value")
            note = widgets.HTML()
            box = widgets.VBox([heading, picker, note])
            self.rung_boxes[step.rung] = box
            self.rung_pickers[step.rung] = picker
            self.rung_notes[step.rung] = note
            rows.append(box)
        self.summary = widgets.HTML()
        rows.append(self.summary)
        # step 3: the reflexive loop
        self.loop = widgets.HTML()
        rows.append(self.loop)
        # step 4: climbing down
        self.down_heading = widgets.HTML(
            f"<h4>{escape(self.t('Step 4: climb back down'))}</h4><p>"
            + escape(self.t("For each assumption, choose a question that would test it."))
            + "</p>"
        )
        self.askers: dict[str, widgets.RadioButtons] = {}
        self.ask_notes: dict[str, widgets.HTML] = {}
        down: list[widgets.Widget] = [self.down_heading]
        for number, item in enumerate(sc.climb_down, start=1):
            name = escape(self.t("Assumption {n}").format(n=number))
            card = widgets.HTML(
                f'<p class="pc-card"><strong>{name}:</strong> '
                f"{escape(self.text(item.assumption))}</p>"
            )
            asker = widgets.RadioButtons(
                options=[(self.text(q.text), q.id) for q in item.questions],
                value=None,
                description=self.t("Question to test assumption {n}").format(n=number),
                style={"description_width": "initial"},
                layout=widgets.Layout(width="auto"),
            )
            asker.observe(self._on_ask(item.id), names="value")
            note = widgets.HTML()
            self.askers[item.id] = asker
            self.ask_notes[item.id] = note
            down += [card, asker, note]
        self.down = widgets.VBox(down)
        rows.append(self.down)
        self._refresh()
        return rows

    # -- public events ----------------------------------------------------------------------
    def mark(self, statement_id: str, observable: bool) -> bool:
        """Mark a statement as observable data (True) or not; returns whether the key agrees."""
        if statement_id not in self.markers:
            raise ValueError(f"{statement_id!r} is not a statement of {self.scenario.id}")
        observable = bool(observable)
        marker = self.markers[statement_id]
        if marker.value is observable:
            self._record_mark(statement_id, observable)
        else:
            marker.value = observable
        return self.marks[statement_id] is self._statement(statement_id).observable

    def climb(self, rung: str, option_id: str) -> None:
        """Choose the thought on `rung`; the rungs below it must be chosen first."""
        if rung not in self.rung_pickers:
            raise ValueError(f"{rung!r} is not a rung; one of {list(RUNGS)}")
        if option_id not in {o.id for o in self.scenario.rung(rung).options}:
            raise ValueError(f"{option_id!r} is not an option on the {rung} rung")
        below = RUNGS[: RUNGS.index(rung)]
        missing = [r for r in below if self.rung_pickers[r].value is None]
        if missing:
            raise ValueError(
                f"climb {missing[0]!r} before {rung!r}: the ladder is climbed in order"
            )
        picker = self.rung_pickers[rung]
        if picker.value == option_id:
            self._record_climb(rung, option_id)
        else:
            picker.value = option_id

    def ask(self, assumption_id: str, option_id: str) -> bool:
        """Choose a question to test an assumption (after the climb); returns whether it is good."""
        if assumption_id not in self.askers:
            raise ValueError(f"{assumption_id!r} is not an assumption of {self.scenario.id}")
        item = next(a for a in self.scenario.climb_down if a.id == assumption_id)
        if option_id not in {q.id for q in item.questions}:
            raise ValueError(f"{option_id!r} is not a question for {assumption_id!r}")
        if not self.climbed:
            raise ValueError("finish the climb (all six rungs) before climbing down")
        asker = self.askers[assumption_id]
        if asker.value == option_id:
            self._record_ask(assumption_id, option_id)
        else:
            asker.value = option_id
        return self.scenario.is_good_question(assumption_id, option_id)

    # -- answers ----------------------------------------------------------------------------
    @property
    def marks(self) -> dict[str, bool]:
        """Statement id -> marked observable, for the statements marked so far."""
        return {sid: m.value for sid, m in self.markers.items() if m.value is not None}

    @property
    def climbs(self) -> dict[str, str]:
        """Rung -> option id, for the rungs chosen so far."""
        return {rung: p.value for rung, p in self.rung_pickers.items() if p.value is not None}

    @property
    def climbed(self) -> bool:
        """Whether every rung has a choice."""
        return len(self.climbs) == len(RUNGS)

    @property
    def asks(self) -> dict[str, str]:
        """Assumption id -> question id, for the assumptions tested so far."""
        return {aid: a.value for aid, a in self.askers.items() if a.value is not None}

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
        }

    def restore(self, value: dict[str, Any]) -> None:
        self.path = [p for p in value.get("path", []) if isinstance(p, dict)]
        for sid, observable in dict(value.get("marks", {})).items():
            if sid in self.markers and isinstance(observable, bool):
                self.markers[sid].value = observable
        climb = dict(value.get("climb", {}))
        for rung in RUNGS:  # in order: a gap stops the restore, as it would stop the learner
            option = climb.get(rung)
            if option not in {o.id for o in self.scenario.rung(rung).options}:
                break
            self.rung_pickers[rung].value = option
        for aid, qid in dict(value.get("asks", {})).items():
            if aid in self.askers and qid in {o[1] for o in self.askers[aid].options}:
                self.askers[aid].value = qid
        self._refresh()

    # -- handlers ---------------------------------------------------------------------------
    def _on_mark(self, statement_id: str) -> Any:
        def handler(change: dict[str, Any]) -> None:
            if change["new"] is None:
                return
            if self._restoring:
                self._show_mark(statement_id)
            else:
                self._record_mark(statement_id, change["new"])

        return handler

    def _on_climb(self, rung: str) -> Any:
        def handler(change: dict[str, Any]) -> None:
            if change["new"] is None:
                return
            if self._restoring:
                self._show_climb(rung)
            else:
                self._record_climb(rung, change["new"])

        return handler

    def _on_ask(self, assumption_id: str) -> Any:
        def handler(change: dict[str, Any]) -> None:
            if change["new"] is None:
                return
            if self._restoring:
                self._show_ask(assumption_id)
            else:
                self._record_ask(assumption_id, change["new"])

        return handler

    def _record_mark(self, statement_id: str, observable: bool) -> None:
        self.path.append({"step": "mark", "statement": statement_id, "observable": observable})
        self._show_mark(statement_id)
        self.save()

    def _record_climb(self, rung: str, option_id: str) -> None:
        self.path.append({"step": "climb", "rung": rung, "option": option_id})
        self._show_climb(rung)
        self.save()

    def _record_ask(self, assumption_id: str, option_id: str) -> None:
        self.path.append({"step": "ask", "assumption": assumption_id, "question": option_id})
        self._show_ask(assumption_id)
        self.save()

    # -- display ----------------------------------------------------------------------------
    def _statement(self, statement_id: str) -> Any:
        return next(s for s in self.scenario.statements if s.id == statement_id)

    def _show_mark(self, statement_id: str) -> None:
        statement = self._statement(statement_id)
        chosen = self.markers[statement_id].value
        right = chosen is statement.observable
        verdict = self.t("Yes.") if right else self.t("Look again.")
        kind = self.t("observable data") if statement.observable else self.t("something added")
        self.mark_notes[statement_id].value = (
            f'<div class="pc-feedback {"pc-right" if right else "pc-wrong"}" role="status" '
            f'aria-live="polite"><strong>{escape(verdict)}</strong> '
            f"{escape(self.t('This is {kind}.').format(kind=kind))} "
            f"{escape(self.text(statement.feedback))}</div>"
        )
        marks = self.marks
        if len(marks) == len(self.scenario.statements):
            line = self.t("{score} of {total} statements marked as the key marks them.").format(
                score=self.scenario.observable_score(marks), total=len(self.scenario.statements)
            )
            self.mark_score.value = f"<p><strong>{escape(line)}</strong></p>"

    def _show_climb(self, rung: str) -> None:
        option_id = self.rung_pickers[rung].value
        option = next(o for o in self.scenario.rung(rung).options if o.id == option_id)
        note = ""
        if option.feedback is not None:
            note = (
                '<div class="pc-feedback pc-note" role="status" aria-live="polite">'
                f"{escape(self.text(option.feedback))}</div>"
            )
        self.rung_notes[rung].value = note
        self._refresh()

    def _show_ask(self, assumption_id: str) -> None:
        item = next(a for a in self.scenario.climb_down if a.id == assumption_id)
        question = next(q for q in item.questions if q.id == self.askers[assumption_id].value)
        verdict, css = (
            (self.t("A good test."), "pc-right")
            if question.good
            else (self.t("Not quite."), "pc-wrong")
        )
        self.ask_notes[assumption_id].value = (
            f'<div class="pc-feedback {css}" role="status" aria-live="polite">'
            f"<strong>{escape(verdict)}</strong> {escape(self.text(question.feedback))}</div>"
        )

    def _refresh(self) -> None:
        """Show the rungs reached so far; the loop and the way down once the climb is done."""
        open_next = True
        for rung in RUNGS:
            self.rung_boxes[rung].layout.display = SHOWN if open_next else HIDDEN
            open_next = self.rung_pickers[rung].value is not None
        self.summary.value = self._summary_html()
        self.loop.value = self._loop_html() if self.climbed else ""
        self.down.layout.display = SHOWN if self.climbed else HIDDEN

    def _summary_html(self) -> str:
        climbs = self.climbs
        if not climbs:
            return ""
        items = []
        for rung in reversed(RUNGS):  # a ladder reads from the top down
            if rung in climbs:
                option = next(o for o in self.scenario.rung(rung).options if o.id == climbs[rung])
                items.append(
                    f"<li><strong>{escape(self.t(RUNG_LABELS[rung]))}:</strong> "
                    f"{escape(self.text(option.text))}</li>"
                )
        title = escape(self.t("Your ladder so far, top rung first"))
        return f'<div class="pc-note pc-feedback"><p>{title}</p><ul>{"".join(items)}</ul></div>'

    def _loop_html(self) -> str:
        belief_id = self.rung_pickers["beliefs"].value
        belief = next(o for o in self.scenario.rung("beliefs").options if o.id == belief_id)
        mine = ""
        if belief.next_time is not None:
            lead = self.t("The belief you chose")
            mine = (
                f"<p><strong>{escape(lead)}:</strong> {escape(self.text(belief.text))}</p>"
                f"{paragraphs(belief.next_time, self.lang)}"
            )
        heading = escape(self.t("Step 3: the reflexive loop"))
        return f"<h4>{heading}</h4>{paragraphs(self.scenario.loop, self.lang)}{mine}"
