"""Empathy starters: read what a family member says, pick a reply and learn what kind of reply
it is (empathy, sympathy, fixing or dismissing), then write your own from a sentence starter.

The composed reply is kept exactly like a reflection: every keystroke is in the store before the
event returns, so a coach reads exactly what the learner wrote.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..content.practice import Starters
from ..i18n import N_
from .base import Activity
from .reflection import word_count
from .render import escape, paragraphs

#: Interface names of the reply types (translated through gettext).
TYPE_LABELS: dict[str, str] = {
    "empathy": N_("Empathy: feeling with the family"),
    "sympathy": N_("Sympathy: feeling for them, from a distance"),
    "fixing": N_("Fixing: jumping to a solution"),
    "dismissing": N_("Dismissing: making the feeling smaller"),
}


class StartersActivity(Activity):
    """Per statement: a radio group of replies, a starter drop-down and a text area."""

    kind = "starters"
    scenario: Starters

    def build(self) -> list[widgets.Widget]:
        self.attempts: dict[str, list[str]] = {s.id: [] for s in self.scenario.statements}
        self.pickers: dict[str, widgets.RadioButtons] = {}
        self.notes: dict[str, widgets.HTML] = {}
        self.starter_menus: dict[str, widgets.Dropdown] = {}
        self.boxes: dict[str, widgets.Textarea] = {}
        self.previews: dict[str, widgets.HTML] = {}
        starter_options = [(self.t("Choose a sentence starter"), "")] + [
            (self.text(s.text), s.id) for s in self.scenario.starters
        ]
        rows: list[widgets.Widget] = []
        for number, statement in enumerate(self.scenario.statements, start=1):
            rows.append(
                widgets.HTML(
                    f"<h4>{escape(self.t('Statement {n}').format(n=number))}</h4>"
                    f'<p class="pc-card"><strong>{escape(self.text(statement.speaker))}:</strong> '
                    f"{escape(self.text(statement.text))}</p>"
                )
            )
            picker = widgets.RadioButtons(
                options=[(self.text(r.text), r.id) for r in statement.replies],
                value=None,
                description=self.t("Your reply to statement {n}").format(n=number),
                style={"description_width": "initial"},
                layout=widgets.Layout(width="auto"),
            )
            picker.observe(self._on_reply(statement.id), names="value")
            note = widgets.HTML()
            intro = self.scenario.compose_prompt or self.t(
                "Now answer in your own words: choose a starter and finish the sentence."
            )
            compose_intro = widgets.HTML(paragraphs(intro, self.lang))
            menu = widgets.Dropdown(
                options=starter_options,
                value="",
                description=self.t("Sentence starter for statement {n}").format(n=number),
                style={"description_width": "initial"},
            )
            menu.observe(self._on_starter(statement.id), names="value")
            box = widgets.Textarea(
                value="",
                description=self.t("Finish your reply to statement {n}").format(n=number),
                placeholder=self.t("Write in your own words. Your text is saved as you type."),
                continuous_update=True,
                rows=3,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="100%"),
            )
            box.observe(self._on_type(statement.id), names="value")
            preview = widgets.HTML()
            self.pickers[statement.id] = picker
            self.notes[statement.id] = note
            self.starter_menus[statement.id] = menu
            self.boxes[statement.id] = box
            self.previews[statement.id] = preview
            rows += [picker, note, compose_intro, menu, box, preview]
        return rows

    # -- public events ----------------------------------------------------------------------
    def reply(self, statement_id: str, option_id: str) -> str:
        """Pick a reply to a statement; returns its type (empathy, sympathy, fixing, dismissing)."""
        statement = self._statement(statement_id)
        if option_id not in {r.id for r in statement.replies}:
            raise ValueError(f"{option_id!r} is not a reply to {statement_id!r}")
        picker = self.pickers[statement_id]
        if picker.value == option_id:
            self._record_reply(statement_id, option_id)
        else:
            picker.value = option_id
        return str(self.scenario.reply_type(statement_id, option_id))

    def compose(self, statement_id: str, starter_id: str | None, text: str) -> None:
        """Choose a sentence starter (None or "" for none) and finish it, as typing would."""
        self._statement(statement_id)
        starter_id = starter_id or ""
        if starter_id and starter_id not in {s.id for s in self.scenario.starters}:
            raise ValueError(f"{starter_id!r} is not a sentence starter of {self.scenario.id}")
        self.starter_menus[statement_id].value = starter_id
        self.boxes[statement_id].value = text

    # -- answers ----------------------------------------------------------------------------
    @property
    def replies(self) -> dict[str, str]:
        """Statement id -> chosen reply id, for the statements answered so far."""
        return {sid: p.value for sid, p in self.pickers.items() if p.value is not None}

    def composed(self, statement_id: str) -> str:
        """The learner's own reply: the starter followed by their words."""
        starter = self.starter_menus[statement_id].value
        text = self.boxes[statement_id].value
        if not starter:
            return text
        lead = next(self.text(s.text) for s in self.scenario.starters if s.id == starter)
        if not text.strip():
            return lead
        lead = lead.rstrip().removesuffix("...").removesuffix("…").rstrip()
        return f"{lead} {text.strip()}"

    def state(self) -> dict[str, Any]:
        statements = {}
        for statement in self.scenario.statements:
            sid = statement.id
            chosen = self.pickers[sid].value
            statements[sid] = {
                "reply": chosen,
                "type": self.scenario.reply_type(sid, chosen),
                "attempts": list(self.attempts[sid]),
                "starter": self.starter_menus[sid].value,
                "text": self.boxes[sid].value,
                "words": word_count(self.boxes[sid].value),
            }
        return {
            "statements": statements,
            "empathy": self.scenario.empathy_count(self.replies),
            "answered": len(self.replies),
            "composed": sum(1 for s in statements.values() if s["text"].strip()),
            "total": len(self.scenario.statements),
        }

    def restore(self, value: dict[str, Any]) -> None:
        starters = {s.id for s in self.scenario.starters}
        for sid, saved in dict(value.get("statements", {})).items():
            if sid not in self.pickers or not isinstance(saved, dict):
                continue
            self.attempts[sid] = [a for a in saved.get("attempts", []) if isinstance(a, str)]
            if saved.get("reply") in {o[1] for o in self.pickers[sid].options}:
                self.pickers[sid].value = saved["reply"]
            if saved.get("starter") in starters:
                self.starter_menus[sid].value = saved["starter"]
            if isinstance(saved.get("text"), str):
                self.boxes[sid].value = saved["text"]
            self._show_preview(sid)

    # -- handlers ---------------------------------------------------------------------------
    def _statement(self, statement_id: str) -> Any:
        try:
            return self.scenario.statement(statement_id)
        except KeyError:
            raise ValueError(f"{statement_id!r} is not a statement of {self.scenario.id}") from None

    def _on_reply(self, statement_id: str) -> Any:
        def handler(change: dict[str, Any]) -> None:
            if change["new"] is None:
                return
            if self._restoring:
                self._show_feedback(statement_id)
            else:
                self._record_reply(statement_id, change["new"])

        return handler

    def _on_starter(self, statement_id: str) -> Any:
        def handler(_change: dict[str, Any]) -> None:
            self._show_preview(statement_id)
            if not self._restoring:
                self.save(announce=False)

        return handler

    def _on_type(self, statement_id: str) -> Any:
        def handler(_change: dict[str, Any]) -> None:
            self._show_preview(statement_id)
            if not self._restoring:
                self.save(announce=False)

        return handler

    def _record_reply(self, statement_id: str, option_id: str) -> None:
        self.attempts[statement_id].append(option_id)
        self._show_feedback(statement_id)
        self.save()

    def _show_feedback(self, statement_id: str) -> None:
        statement = self.scenario.statement(statement_id)
        reply = next(r for r in statement.replies if r.id == self.pickers[statement_id].value)
        css = "pc-right" if reply.type == "empathy" else "pc-wrong"
        label = self.t(TYPE_LABELS[reply.type])
        self.notes[statement_id].value = (
            f'<div class="pc-feedback {css}" role="status" aria-live="polite">'
            f"<strong>{escape(label)}.</strong> {escape(self.text(reply.feedback))}</div>"
        )

    def _show_preview(self, statement_id: str) -> None:
        composed = self.composed(statement_id)
        if not composed.strip():
            self.previews[statement_id].value = ""
            return
        label = escape(self.t("Your reply reads"))
        self.previews[
            statement_id
        ].value = f'<p class="pc-status"><strong>{label}:</strong> {escape(composed)}</p>'
