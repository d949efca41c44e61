"""Knowledge check: choose an option, read feedback on that option straight away."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..content.model import Choice
from .base import Activity
from .render import escape, paragraphs


class ChoiceActivity(Activity):
    """Radio options with instant, option-specific feedback; every attempt is kept."""

    kind = "choice"
    scenario: Choice

    def build(self) -> list[widgets.Widget]:
        self.attempts: list[str] = []
        self.question = widgets.HTML(paragraphs(self.scenario.question, self.lang))
        self.options = widgets.RadioButtons(
            options=[(self.text(o.text), o.id) for o in self.scenario.options],
            value=None,
            description=self.t("Your answer"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.feedback = widgets.HTML()
        self.options.observe(self._on_pick, names="value")
        return [self.question, self.options, self.feedback]

    def choose(self, option_id: str) -> bool:
        """Select `option_id` as the learner would; returns whether it is correct."""
        if option_id not in {o.id for o in self.scenario.options}:
            raise ValueError(f"{option_id!r} is not an option of {self.scenario.id}")
        if self.options.value == option_id:
            self._record(option_id)  # choosing the same option again still counts as an attempt
        else:
            self.options.value = option_id
        return self.scenario.is_correct(option_id)

    @property
    def answer(self) -> str | None:
        """The option currently chosen, or None."""
        return self.options.value

    def state(self) -> dict[str, Any]:
        return {
            "choice": self.options.value,
            "correct": self.scenario.is_correct(self.options.value),
            "attempts": list(self.attempts),
        }

    def restore(self, value: dict[str, Any]) -> None:
        self.attempts = [a for a in value.get("attempts", []) if isinstance(a, str)]
        chosen = value.get("choice")
        if chosen in {o.id for o in self.scenario.options}:
            self.options.value = chosen
            self._show_feedback(chosen)

    def _on_pick(self, change: dict[str, Any]) -> None:
        if change["new"] is not None and not self._restoring:
            self._record(change["new"])

    def _record(self, option_id: str) -> None:
        self.attempts.append(option_id)
        self._show_feedback(option_id)
        self.save()

    def _show_feedback(self, option_id: str) -> None:
        option = next(o for o in self.scenario.options if o.id == option_id)
        if option.correct:
            verdict, css = self.t("Yes."), "pc-right"
        else:
            verdict, css = self.t("Not quite."), "pc-wrong"
        body = escape(self.text(option.feedback))
        self.feedback.value = (
            f'<div class="pc-feedback {css}" role="status" aria-live="polite">'
            f"<strong>{escape(verdict)}</strong> {body}</div>"
        )
