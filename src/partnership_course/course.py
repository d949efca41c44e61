"""A module as the learner sees it: who they are, where answers go, which language they read.

Notebooks hold no logic: their first code cell is `course = start("01-dual-capacity")` and each
activity cell is `course.activity("conditions-sort")`. Everything else happens here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .content.model import ScenarioBase
from .i18n import current_language
from .identity import current_learner


@dataclass
class Binding:
    """Where one activity's answers live: learner, module, activity id, and the store."""

    learner: str
    module: str
    activity: str
    store: Any  # ResponseStore; typed loosely so this module never imports SQLAlchemy

    def save(self, kind: str, value: dict[str, Any]) -> int:
        """Commit `value`; returns only after the database has it."""
        return self.store.save(self.learner, self.module, self.activity, kind, value)

    def load(self) -> dict[str, Any] | None:
        """The saved state, or None if the learner has not answered yet."""
        found = self.store.load(self.learner, self.module, self.activity)
        return found.value if found is not None else None


class Course:
    """One module for one learner; builds activity widgets bound to the response store."""

    def __init__(
        self,
        module: str,
        learner: str | None = None,
        store: Any = None,
        lang: str | None = None,
    ) -> None:
        self.module = module
        self.learner = learner or current_learner()
        self.lang = lang or current_language()
        self._store = store

    @property
    def store(self) -> Any:
        """The response store, opened on first use so importing stays cheap."""
        if self._store is None:
            from .store import open_store

            self._store = open_store()
        return self._store

    def scenario_id(self, name: str) -> str:
        """`conditions-sort` -> `01-dual-capacity/conditions-sort`; ids with `/` are kept."""
        return name if "/" in name else f"{self.module}/{name}"

    def scenario(self, name: str) -> ScenarioBase:
        """The validated content of one activity."""
        from .content import load_scenario

        return load_scenario(self.scenario_id(name))

    def activity(self, name: str) -> Any:
        """Build the widget for an activity, restored to the learner's saved answers."""
        from .content.registry import widget_class

        scenario = self.scenario(name)
        binding = Binding(self.learner, self.module, self.scenario_id(name), self.store)
        return widget_class(scenario.kind)(scenario, binding, lang=self.lang)
