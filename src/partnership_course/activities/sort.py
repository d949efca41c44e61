"""Sort: put each card in a category with a drop-down (keyboard and screen-reader friendly,
never drag-only), then check against the key with feedback on every misplaced card."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..content.model import Sort
from .base import Activity
from .render import escape


class SortActivity(Activity):
    """One labelled drop-down per card; `place()` and `check()` are the public events."""

    kind = "sort"
    scenario: Sort

    def build(self) -> list[widgets.Widget]:
        self.checked = False
        choices = [(self.t("Choose a category"), "")] + [
            (self.text(c.label), c.id) for c in self.scenario.categories
        ]
        legend = "".join(
            f"<li><strong>{escape(self.text(c.label))}</strong>"
            + (f": {escape(self.text(c.description))}" if c.description else "")
            + "</li>"
            for c in self.scenario.categories
        )
        self.legend = widgets.HTML(f"<ul>{legend}</ul>")
        self.pickers: dict[str, widgets.Dropdown] = {}
        rows: list[widgets.Widget] = [self.legend]
        for number, item in enumerate(self.scenario.items, start=1):
            card = widgets.HTML(
                f'<p class="pc-card"><strong>{number}.</strong> {escape(self.text(item.text))}</p>'
            )
            picker = widgets.Dropdown(
                options=choices,
                value="",
                description=self.t("Card {n} goes in").format(n=number),
                style={"description_width": "initial"},
            )
            picker.observe(self._on_place, names="value")
            self.pickers[item.id] = picker
            rows += [card, picker]
        self.check_button = widgets.Button(
            description=self.t("Check my sort"),
            button_style="primary",
            tooltip=self.t("Compare your sort with the key"),
        )
        self.check_button.on_click(lambda _button: self.check())
        self.feedback = widgets.HTML()
        return [*rows, self.check_button, self.feedback]

    @property
    def placements(self) -> dict[str, str]:
        """Card id -> category id, for the cards placed so far."""
        return {item_id: p.value for item_id, p in self.pickers.items() if p.value}

    def place(self, item_id: str, category_id: str) -> None:
        """Put a card in a category, as choosing it in the drop-down would."""
        if item_id not in self.pickers:
            raise ValueError(f"{item_id!r} is not a card of {self.scenario.id}")
        if category_id not in {c.id for c in self.scenario.categories}:
            raise ValueError(f"{category_id!r} is not a category of {self.scenario.id}")
        self.pickers[item_id].value = category_id

    def check(self) -> int:
        """Show how many cards match the key, with feedback on each one that does not."""
        self.checked = True
        score = self._show_feedback()
        self.save()
        return score

    def state(self) -> dict[str, Any]:
        return {
            "placements": self.placements,
            "score": self.scenario.score(self.placements),
            "total": len(self.scenario.items),
            "checked": self.checked,
        }

    def restore(self, value: dict[str, Any]) -> None:
        labels = {c.id for c in self.scenario.categories}
        for item_id, category in dict(value.get("placements", {})).items():
            if item_id in self.pickers and category in labels:
                self.pickers[item_id].value = category
        if value.get("checked"):
            self.checked = True
            self._show_feedback()

    def _on_place(self, _change: dict[str, Any]) -> None:
        if not self._restoring:
            self.save()

    def _show_feedback(self) -> int:
        placements = self.placements
        score = self.scenario.score(placements)
        total = len(self.scenario.items)
        notes = []
        for number, item in enumerate(self.scenario.items, start=1):
            if placements.get(item.id) != item.category:
                notes.append(
                    f"<li><strong>{number}.</strong> {escape(self.text(item.feedback))}</li>"
                )
        summary = escape(
            self.t("{score} of {total} cards match the key.").format(score=score, total=total)
        )
        css = "pc-right" if score == total else "pc-note"
        more = f"<ul>{''.join(notes)}</ul>" if notes else ""
        self.feedback.value = (
            f'<div class="pc-feedback {css}" role="status" aria-live="polite">'
            f"<p><strong>{summary}</strong></p>{more}</div>"
        )
        return score
