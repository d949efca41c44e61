"""Empathy starters: read what a family member says, pick a reply and learn what kind of reply
it is (empathy, sympathy, fixing or dismissing), then write your own from a sentence starter.

One anywidget (`static/starters.js`): per statement a named radio group of replies committed with
"Check my reply" (so arrowing through the replies spends nothing and shows no feedback early: the
reply types and their feedback stay in Python, `kinds.py` `hidden`), a native drop-down of
starters and a text area, both labelled above. The composed reply is sent like a reflection
(about a second after the last key, at once on blur or when the page is hidden) and stored
exactly, so a coach reads what the learner wrote. The stored shape is the one the stock-ipywidgets
version saved, so old answers restore unchanged.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..content.model import plain, text_in
from ..content.practice import Starters
from ..i18n import N_
from ..words import word_count
from .frontend import FrontEndActivity

#: Interface names of the reply types (translated through gettext).
TYPE_LABELS: dict[str, str] = {
    "empathy": N_("Empathy: feeling with the family"),
    "sympathy": N_("Sympathy: feeling for them, from a distance"),
    "fixing": N_("Fixing: jumping to a solution"),
    "dismissing": N_("Dismissing: making the feeling smaller"),
}


class StartersActivity(FrontEndActivity):
    """Per statement: replies, a starter and the learner's own words; `reply()` and `compose()`
    are the public events."""

    kind = "starters"
    scenario: Starters
    EVENTS: ClassVar[dict[str, str]] = {"reply": "reply", "compose": "compose"}

    def setup(self) -> None:
        ids = [s.id for s in self.scenario.statements]
        self.attempts: dict[str, list[str]] = {sid: [] for sid in ids}
        self._replies: dict[str, str | None] = dict.fromkeys(ids)
        self._starters: dict[str, str] = dict.fromkeys(ids, "")
        self._texts: dict[str, str] = dict.fromkeys(ids, "")
        self._show(replace=True)

    def interface(self) -> dict[str, str]:
        intro = self.scenario.compose_prompt
        return {
            "statement": self.t("Statement {n}"),
            "reply_legend": self.t("Your reply to statement {n}"),
            "check": self.t("Check my reply"),
            "choose_first": self.t("Choose a reply first."),
            "compose_intro": self.text(intro)
            if intro
            else self.t("Now answer in your own words: choose a starter and finish the sentence."),
            "starter": self.t("Sentence starter for statement {n}"),
            "no_starter": self.t("Choose a sentence starter"),
            "finish": self.t("Finish your reply to statement {n}"),
            "placeholder": self.t("Write in your own words. Your text is saved as you type."),
            "reads": self.t("Your reply reads"),
        }

    # -- public events ----------------------------------------------------------------------
    def reply(self, statement_id: str, option_id: str) -> str:
        """Pick a reply to a statement; returns its type (empathy, sympathy, fixing, dismissing).

        Every call is an attempt, the same reply again included."""
        statement = self._statement(statement_id)
        if option_id not in {r.id for r in statement.replies}:
            raise ValueError(f"{option_id!r} is not a reply to {statement_id!r}")
        self.attempts[statement_id].append(option_id)
        self._replies[statement_id] = option_id
        self._show()
        self.save()
        return str(self.scenario.reply_type(statement_id, option_id))

    def compose(self, statement_id: str, starter_id: str | None, text: str) -> None:
        """Choose a sentence starter (None or "" for none) and finish it, as typing would."""
        self._statement(statement_id)
        starter_id = starter_id or ""
        if starter_id and starter_id not in {s.id for s in self.scenario.starters}:
            raise ValueError(f"{starter_id!r} is not a sentence starter of {self.scenario.id}")
        if not isinstance(text, str):
            raise ValueError("a reply is text")
        self._starters[statement_id] = starter_id
        self._texts[statement_id] = text
        self._show()
        self.save(announce=False)

    # -- answers ----------------------------------------------------------------------------
    @property
    def replies(self) -> dict[str, str]:
        """Statement id -> chosen reply id, for the statements answered so far."""
        return {sid: r for sid, r in self._replies.items() if r is not None}

    def composed(self, statement_id: str) -> str:
        """The learner's own reply: the starter followed by their words."""
        starter = self._starters[statement_id]
        text = self._texts[statement_id]
        if not starter:
            return text
        lead = next(
            plain(text_in(s.text, self.lang)) for s in self.scenario.starters if s.id == starter
        )
        if not text.strip():
            return lead
        lead = lead.rstrip().removesuffix("...").removesuffix("…").rstrip()
        return f"{lead} {text.strip()}"

    def state(self) -> dict[str, Any]:
        statements = {}
        for statement in self.scenario.statements:
            sid = statement.id
            chosen = self._replies[sid]
            statements[sid] = {
                "reply": chosen,
                "type": self.scenario.reply_type(sid, chosen),
                "attempts": list(self.attempts[sid]),
                "starter": self._starters[sid],
                "text": self._texts[sid],
                "words": word_count(self._texts[sid]),
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
        saved_statements = value.get("statements", {})
        for sid, saved in dict(
            saved_statements if isinstance(saved_statements, dict) else {}
        ).items():
            if sid not in self._replies or not isinstance(saved, dict):
                continue
            self.attempts[sid] = [a for a in saved.get("attempts", []) if isinstance(a, str)]
            replies = {r.id for r in self.scenario.statement(sid).replies}
            if saved.get("reply") in replies:
                self._replies[sid] = saved["reply"]
            if saved.get("starter") in starters:
                self._starters[sid] = saved["starter"]
            if isinstance(saved.get("text"), str):
                self._texts[sid] = saved["text"]
        self._show(replace=True)

    # -- helpers ----------------------------------------------------------------------------
    def _statement(self, statement_id: str) -> Any:
        try:
            return self.scenario.statement(statement_id)
        except KeyError:
            raise ValueError(f"{statement_id!r} is not a statement of {self.scenario.id}") from None

    def _show(self, replace: bool = False) -> None:
        """Send what the page shows; `replace` redraws the controls (a restore), otherwise the
        page keeps what the learner is typing and only the previews follow."""
        self.response = {
            "statements": {
                sid: {
                    "reply": self._replies[sid],
                    "starter": self._starters[sid],
                    "text": self._texts[sid],
                    "composed": self.composed(sid),
                }
                for sid in self._replies
            },
            "replace": replace,
        }
        notes = {}
        for statement in self.scenario.statements:
            chosen = self._replies[statement.id]
            reply = next((r for r in statement.replies if r.id == chosen), None)
            if reply is not None:
                notes[statement.id] = {
                    "reply": reply.id,
                    "empathy": reply.type == "empathy",
                    "label": self.t(TYPE_LABELS[reply.type]),
                    "text": self.text(reply.feedback),
                }
        self.feedback = notes
