"""Self-assessment: rate yourself on each item and see the ratings as bars with their table.

Each item is a named radio group (arrow keys move and rate at once; nothing is scored). The bars
are drawn inside the table's cells, so the figures and their picture are one element a screen
reader reads as a table. No plotting library is loaded: a kernel per participant stays small.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..content.model import SelfAssessment
from .frontend import FrontEndActivity


class SelfAssessmentActivity(FrontEndActivity):
    """One radio group per item; `rate()` is the public event."""

    kind = "self_assessment"
    scenario: SelfAssessment
    EVENTS: ClassVar[dict[str, str]] = {"rate": "rate"}

    def setup(self) -> None:
        self._ratings: dict[str, int] = {}

    def interface(self) -> dict[str, str]:
        return {
            "scale": self.t("Scale"),
            "your_ratings": self.t("Your ratings"),
            "area": self.t("Area"),
            "rating": self.t("Rating"),
            "meaning": self.t("Meaning"),
        }

    @property
    def ratings(self) -> dict[str, int]:
        """Item id -> rating, for the items rated so far (in the content's order)."""
        return {i.id: self._ratings[i.id] for i in self.scenario.items if i.id in self._ratings}

    def rate(self, item: str, value: int) -> None:
        """Give an item a rating, as choosing it on the page would (and save)."""
        if item not in {i.id for i in self.scenario.items}:
            raise ValueError(f"{item!r} is not an item of {self.scenario.id}")
        if isinstance(value, bool) or value not in {lv.value for lv in self.scenario.scale}:
            raise ValueError(f"{value!r} is not on the scale of {self.scenario.id}")
        self._ratings[item] = value
        self.response = {"ratings": self.ratings}
        self.save()

    def state(self) -> dict[str, Any]:
        return {"ratings": self.ratings}

    def restore(self, value: dict[str, Any]) -> None:
        allowed = {lv.value for lv in self.scenario.scale}
        items = {i.id for i in self.scenario.items}
        saved = value.get("ratings", {})
        self._ratings = {
            k: v
            for k, v in (saved.items() if isinstance(saved, dict) else [])
            if k in items and v in allowed and not isinstance(v, bool)
        }
        self.response = {"ratings": self.ratings}
