"""Branching conversation: read what is said, choose a response, follow the path to an ending
and its debrief; start again as often as you like (every attempt is kept).

Choices are a radio group plus a Continue button rather than advancing on selection, so moving
through the options with the arrow keys never commits a keyboard user to an answer.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..content.practice import Branching
from ..i18n import N_
from .base import Activity
from .render import escape, paragraphs

#: Interface names of the outcomes (translated through gettext).
OUTCOME_LABELS: dict[str, str] = {
    "strong": N_("A strong outcome"),
    "mixed": N_("A mixed outcome"),
    "weak": N_("A weak outcome"),
}


class BranchingActivity(Activity):
    """The current moment, a radio group of choices, a transcript; `choose`, `restart`."""

    kind = "branching"
    scenario: Branching

    def build(self) -> list[widgets.Widget]:
        self.attempts: list[dict[str, Any]] = [{"path": [], "ending": None}]
        self.feedback = widgets.HTML()
        self.scene = widgets.HTML()
        self.options = widgets.RadioButtons(
            options=[],
            value=None,
            description=self.t("Your response"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.go = widgets.Button(
            description=self.t("Continue"),
            button_style="primary",
            tooltip=self.t("Say the response you chose"),
        )
        self.go.on_click(lambda _button: self._on_continue())
        self.restart_button = widgets.Button(
            description=self.t("Start again"),
            tooltip=self.t("Go back to the beginning; your earlier paths are kept"),
        )
        self.restart_button.on_click(lambda _button: self.restart())
        self.transcript = widgets.HTML()
        self._show()
        return [
            self.transcript,
            self.feedback,
            self.scene,
            self.options,
            widgets.HBox([self.go, self.restart_button]),
        ]

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

    # -- display ----------------------------------------------------------------------------
    def _on_continue(self) -> None:
        if self.options.value is None:
            self.feedback.value = (
                '<div class="pc-feedback pc-note" role="status" aria-live="polite">'
                f"{escape(self.t('Choose a response first.'))}</div>"
            )
            return
        self.choose(self.options.value)

    def _show(self, last_feedback: Any = None) -> None:
        here = self.position
        node = self.scenario.node(here)
        self.transcript.value = self._transcript_html()
        self.feedback.value = (
            '<div class="pc-feedback pc-note" role="status" aria-live="polite">'
            f"{escape(self.text(last_feedback))}</div>"
            if last_feedback is not None
            else ""
        )
        if node is not None:
            speaker = (
                f"<strong>{escape(self.text(node.speaker))}:</strong> " if node.speaker else ""
            )
            self.scene.value = (
                f'<div class="pc-card" aria-live="polite">{speaker}'
                f"{paragraphs(node.text, self.lang)}</div>"
            )
            self.options.options = [(self.text(c.text), c.id) for c in node.choices]
            self.options.value = None
            self.options.layout.display = ""
            self.go.layout.display = ""
            return
        ending = self.scenario.ending(here)
        self.options.options = []
        self.options.layout.display = "none"
        self.go.layout.display = "none"
        if not self._restoring:
            # Continue just disappeared under the keyboard focus; hand it to "Start again"
            # so the focus ring and a screen reader's place are not lost to <body>
            self.restart_button.focus()
        if ending is None:  # unreachable for validated content; keep the page usable anyway
            self.scene.value = ""
            return
        css = {"strong": "pc-right", "mixed": "pc-note", "weak": "pc-wrong"}[ending.outcome]
        self.scene.value = (
            f'<div class="pc-feedback {css}" role="status" aria-live="polite">'
            f"<h4>{escape(self.text(ending.title))}</h4>"
            f"<p><strong>{escape(self.t(OUTCOME_LABELS[ending.outcome]))}.</strong></p>"
            f"{paragraphs(ending.debrief, self.lang)}</div>"
        )

    def _transcript_html(self) -> str:
        steps = self.attempts[-1]["path"]
        earlier = [a for a in self.attempts[:-1] if a["ending"]]
        parts = []
        if earlier:
            titles = []
            for attempt in earlier:
                ending = self.scenario.ending(attempt["ending"])
                if ending is not None:
                    titles.append(escape(self.text(ending.title)))
            line = escape(
                self.t("Attempt {n}. Endings reached before:").format(n=len(self.attempts))
            )
            parts.append(f"<p class='pc-status'>{line} {'; '.join(titles)}</p>")
        if not steps:
            return "".join(parts)
        items = []
        for step in steps:
            node = self.scenario.node(step["node"])
            if node is None:
                continue
            branch = next((c for c in node.choices if c.id == step["choice"]), None)
            if branch is None:
                continue
            who = f"{escape(self.text(node.speaker))}: " if node.speaker else ""
            items.append(
                f"<li>{who}{escape(self.text(node.text))}<br>"
                f"<strong>{escape(self.t('You'))}:</strong> {escape(self.text(branch.text))}</li>"
            )
        heading = escape(self.t("The conversation so far"))
        return "".join(parts) + f"<h4>{heading}</h4><ol>{''.join(items)}</ol>"
