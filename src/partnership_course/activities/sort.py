"""Sort: put each card in a category, then check against the key with feedback on every card
that does not match.

Each card is a named radio group of the categories (one Tab stop, arrows move and place), so the
sort is keyboard and screen-reader friendly and never drag-only. Every placement is saved at once;
"Check my sort" scores. The key (`items.*.category`, `items.*.also`) and the per-card feedback
never reach the browser before the check (kinds.py `hidden`); after it, only the feedback on
misplaced cards does, and on cards that fit more than one category (any of them is right), whose
note names every category that fits.

The first check is the one scored (`scoring.scored_placements`): each check keeps a copy of the
placements in `checks`, so a learner can move cards and check again to learn without changing
the score, and the page says so before the first check. A sort saved before `checks` existed
restores without it (and scores its placements).
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
        self.checks: list[dict[str, str]] = []

    def interface(self) -> dict[str, str]:
        return {
            "categories": self.t("Categories"),
            "card": self.t("Card {n}"),
            "check": self.t("Check my sort"),
            "check_hint": self.t("Compare your sort with the key"),
            "first_counts": self.t(
                "Your first check is the one scored, so place every card before you check. You "
                "can move cards and check again to learn."
            ),
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
        self.checks.append(self.placements)
        score = self._show_feedback()
        self._show_response()
        self.save()
        return score

    def state(self) -> dict[str, Any]:
        value: dict[str, Any] = {
            "placements": self.placements,
            "score": self.scenario.score(self.placements),
            "total": len(self.scenario.items),
            "checked": self.checked,
        }
        if self.checks:  # absent from sorts saved before checks were kept, and never checked
            value["checks"] = [dict(c) for c in self.checks]
        return value

    def restore(self, value: dict[str, Any]) -> None:
        categories = {c.id for c in self.scenario.categories}
        items = {i.id for i in self.scenario.items}

        def known(saved: Any) -> dict[str, str]:
            pairs = saved.items() if isinstance(saved, dict) else []
            return {k: v for k, v in pairs if k in items and v in categories}

        self._placements = known(value.get("placements", {}))
        checks = value.get("checks")
        self.checks = [known(c) for c in (checks if isinstance(checks, list) else [])]
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
        labels = {c.id: self.text(c.label) for c in self.scenario.categories}
        notes = []
        for number, item in enumerate(self.scenario.items, start=1):
            right = placements.get(item.id) in item.accepted
            if right and not item.also:
                continue
            note: dict[str, Any] = {
                "number": number,
                "item": item.id,
                "text": self.text(item.feedback),
            }
            if item.also:  # any of these is right; the note says so even when the card is
                note["right"] = right
                note["fits"] = self.t("Right in any of: {categories}.").format(
                    categories="; ".join(labels[c] for c in item.accepted)
                )
            notes.append(note)
        self.feedback = {
            "score": score,
            "total": total,
            "right": score == total,
            "summary": self.t("{score} of {total} cards match the key.").format(
                score=score, total=total
            ),
            "notes": notes,
        }
        first = self.checks[0] if self.checks else None
        if self.scenario.points and first is not None and first != placements:
            self.feedback["scored"] = self.t(
                "Your first check is the one scored: {score} of {total} cards matched."
            ).format(score=self.scenario.score(first), total=total)
        return score
