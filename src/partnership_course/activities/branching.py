"""Branching conversation: read what is said, choose a response, follow the path to an ending
and its debrief; start again as often as you like (every attempt is kept). For a conversation
worth points, the first ending reached is the one scored (`scoring.scored_outcome`), and the page
says so before the first choice.

Choices are a named radio group plus a Continue button rather than advancing on selection, so
moving through the options with the arrow keys never commits a keyboard user to an answer. Where
each choice leads, its feedback and each ending's outcome stay in Python (kinds.py `hidden`): the
page gets the node and ending texts by id and learns where a choice led only once it is taken.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..content.practice import Branching
from ..i18n import N_
from .frontend import FrontEndActivity

#: Interface names of the outcomes (translated through gettext).
OUTCOME_LABELS: dict[str, str] = {
    "strong": N_("A strong outcome"),
    "mixed": N_("A mixed outcome"),
    "weak": N_("A weak outcome"),
}


class BranchingActivity(FrontEndActivity):
    """The current moment, a radio group of choices, the conversation so far; `choose`,
    `restart`."""

    kind = "branching"
    scenario: Branching
    EVENTS: ClassVar[dict[str, str]] = {"choose": "choose", "restart": "restart"}

    def setup(self) -> None:
        self.attempts: list[dict[str, Any]] = [{"path": [], "ending": None}]
        self._show()

    def interface(self) -> dict[str, str]:
        return {
            "response": self.t("Your response"),
            "continue": self.t("Continue"),
            "continue_hint": self.t("Say the response you chose"),
            "restart": self.t("Start again"),
            "restart_hint": self.t("Go back to the beginning; your earlier paths are kept"),
            "choose_first": self.t("Choose a response first."),
            "so_far": self.t("The conversation so far"),
            "you": self.t("You"),
            "earlier": self.t("Attempt {n}. Endings reached before:"),
            "first_counts": self.t(
                "The first conversation you take to an ending is the one scored. You can start "
                "again to learn."
            ),
        }

    # -- public events ----------------------------------------------------------------------
    def choose(self, choice_id: str) -> str:
        """Take a choice at the current node; returns the id of the node or ending reached."""
        node = self.scenario.node(self.position)
        if node is None:
            raise ValueError("this conversation has ended; use restart() to try another path")
        branch = next((c for c in node.choices if c.id == choice_id), None)
        if branch is None:
            raise ValueError(f"{choice_id!r} is not a choice at {node.id!r}")
        attempt = self.attempts[-1]
        attempt["path"].append({"node": node.id, "choice": branch.id})
        if self.scenario.ending(branch.next) is not None:
            attempt["ending"] = branch.next
        self._show(last_feedback=branch.feedback)
        self.save()
        return branch.next

    def restart(self) -> None:
        """Go back to the start; the paths taken so far stay in the store."""
        if self.attempts[-1]["path"]:
            self.attempts.append({"path": [], "ending": None})
        self._show()
        self.save()

    # -- answers ----------------------------------------------------------------------------
    @property
    def position(self) -> str:
        """Id of the node (or ending) the current attempt has reached."""
        here, _applied = self.scenario.walk([s["choice"] for s in self.attempts[-1]["path"]])
        return here

    @property
    def ending(self) -> str | None:
        """The ending reached in the current attempt, or None."""
        return self.attempts[-1]["ending"]

    def state(self) -> dict[str, Any]:
        endings = [a["ending"] for a in self.attempts if a["ending"]]
        outcomes = [e.outcome for e in (self.scenario.ending(x) for x in endings) if e is not None]
        return {
            "attempts": [{"path": list(a["path"]), "ending": a["ending"]} for a in self.attempts],
            "position": self.position,
            "ending": self.ending,
            "outcomes": outcomes,
            "best": next((o for o in ("strong", "mixed", "weak") if o in outcomes), None),
        }

    def restore(self, value: dict[str, Any]) -> None:
        attempts = []
        for saved in value.get("attempts", []):
            if not isinstance(saved, dict):
                continue
            steps = [s for s in saved.get("path", []) if isinstance(s, dict) and "choice" in s]
            here, applied = self.scenario.walk([str(s["choice"]) for s in steps])
            ending = here if self.scenario.ending(here) is not None else None
            attempts.append({"path": steps[:applied], "ending": ending})
        if attempts:
            self.attempts = attempts
        self._show()

    # -- what the page shows ----------------------------------------------------------------
    def _show(self, last_feedback: Any = None) -> None:
        """The page's view: the current attempt's path (ids; the texts are in `content`), where
        it stands, and the endings reached before; the outcome only once an ending is reached."""
        here = self.position
        earlier = [a["ending"] for a in self.attempts[:-1] if a["ending"]]
        self.response = {
            "path": [dict(step) for step in self.attempts[-1]["path"]],
            "node": here if self.scenario.node(here) is not None else None,
            "ending": self.ending,
            "attempt": len(self.attempts),
            "earlier": earlier,
        }
        feedback: dict[str, Any] = {}
        if last_feedback is not None:
            feedback["text"] = self.text(last_feedback)
        ending = self.scenario.ending(here)
        if ending is not None:
            feedback["outcome"] = ending.outcome
            feedback["outcome_label"] = self.t(OUTCOME_LABELS[ending.outcome])
        self.feedback = feedback
