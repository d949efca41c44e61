"""Knowledge check: choose an option, check it, read the feedback on that option.

For a check worth points, the first option checked is the one scored (`scoring.scored_choice`);
later tries are kept in `attempts` for learning, and the page says so before the learner answers.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..content.model import Choice
from .frontend import FrontEndActivity


class ChoiceActivity(FrontEndActivity):
    """A named radio group with a Check button; `choose()` is the public event."""

    kind = "choice"
    scenario: Choice
    EVENTS: ClassVar[dict[str, str]] = {"choose": "choose"}

    def setup(self) -> None:
        self.attempts: list[str] = []
        self._chosen: str | None = None

    def interface(self) -> dict[str, str]:
        return {
            "check": self.t("Check my answer"),
            "choose_first": self.t("Choose an answer first."),
            "first_counts": self.t(
                "Your first checked answer is the one scored. You can try again to learn."
            ),
        }

    def choose(self, option: str) -> bool:
        """Check `option` (an option id) as the learner would; returns whether it is correct.

        Every call is an attempt, the same option again included.
        """
        if option not in {o.id for o in self.scenario.options}:
            raise ValueError(f"{option!r} is not an option of {self.scenario.id}")
        self.attempts.append(option)
        self._chosen = option
        self._show(option)
        self.save()
        return self.scenario.is_correct(option)

    @property
    def answer(self) -> str | None:
        """The option last checked, or None."""
        return self._chosen

    def state(self) -> dict[str, Any]:
        return {
            "choice": self._chosen,
            "correct": self.scenario.is_correct(self._chosen),
            "attempts": list(self.attempts),
        }

    def restore(self, value: dict[str, Any]) -> None:
        self.attempts = [a for a in value.get("attempts", []) if isinstance(a, str)]
        chosen = value.get("choice")
        if chosen in {o.id for o in self.scenario.options}:
            self._chosen = chosen
            self._show(chosen)

    def _show(self, option_id: str) -> None:
        option = next(o for o in self.scenario.options if o.id == option_id)
        verdict = self.t("Yes.") if option.correct else self.t("Not quite.")
        self.response = {"choice": option_id}
        self.feedback = {
            "option": option_id,
            "correct": option.correct,
            "verdict": verdict,
            "text": self.text(option.feedback),
        }
