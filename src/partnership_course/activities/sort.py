"""Sort: put each card in a category, then check against the key with feedback on every card
that does not match.

Each card is a named radio group of the categories (one Tab stop, arrows move and place), so the
sort is keyboard and screen-reader friendly and never drag-only. Every placement is saved at once;
"Check my sort" scores. The key (`items.*.category`) and the per-card feedback never reach the
browser before the check (kinds.py `hidden`); after it, only the feedback on misplaced cards does.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..content.model import Sort
from .frontend import FrontEndActivity


class SortActivity(FrontEndActivity):
    """One radio group per card; `place()` and `check()` are the public events."""

    kind = "sort"
    scenario: Sort
    EVENTS: ClassVar[dict[str, str]] = {"place": "place", "check": "check"}

    def setup(self) -> None:
        self.checked = False
        self._placements: dict[str, str] = {}

    def interface(self) -> dict[str, str]:
        return {
            "categories": self.t("Categories"),
            "card": self.t("Card {n}"),
            "check": self.t("Check my sort"),
            "check_hint": self.t("Compare your sort with the key"),
        }

    @property
    def placements(self) -> dict[str, str]:
        """Card id -> category id, for the cards placed so far (in the content's order)."""
        return {
            i.id: self._placements[i.id] for i in self.scenario.items if i.id in self._placements
        }

    def place(self, item_id: str, category_id: str) -> None:
        """Put a card in a category, as choosing it on the page would (and save)."""
        if item_id not in {i.id for i in self.scenario.items}:
            raise ValueError(f"{item_id!r} is not a card of {self.scenario.id}")
        if category_id not in {c.id for c in self.scenario.categories}:
            raise ValueError(f"{category_id!r} is not a category of {self.scenario.id}")
        self._placements[item_id] = category_id
        self._show_response()
        self.save()

    def check(self) -> int:
        """Show how many cards match the key, with feedback on each one that does not."""
        self.checked = True
        score = self._show_feedback()
        self._show_response()
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
        categories = {c.id for c in self.scenario.categories}
        items = {i.id for i in self.scenario.items}
        saved = value.get("placements", {})
        self._placements = {
            k: v
            for k, v in (saved.items() if isinstance(saved, dict) else [])
            if k in items and v in categories
        }
        self.checked = bool(value.get("checked"))
        if self.checked:
            self._show_feedback()
        self._show_response()

    def _show_response(self) -> None:
        self.response = {"placements": self.placements, "checked": self.checked}

    def _show_feedback(self) -> int:
        placements = self.placements
        score = self.scenario.score(placements)
        total = len(self.scenario.items)
        notes = [
            {"number": number, "item": item.id, "text": self.text(item.feedback)}
            for number, item in enumerate(self.scenario.items, start=1)
            if placements.get(item.id) != item.category
        ]
        self.feedback = {
            "score": score,
            "total": total,
            "right": score == total,
            "summary": self.t("{score} of {total} cards match the key.").format(
                score=score, total=total
            ),
            "notes": notes,
        }
        return score
