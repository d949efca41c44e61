"""Reading what a widget saved, the same way in every activity test."""

from __future__ import annotations

from typing import Any

from partnership_course.store import ResponseStore


def stored(store: ResponseStore, activity: str, learner: str = "ana", module: str = "m") -> Any:
    """The saved value of `module/activity` for `learner`; fails the test when nothing is saved."""
    found = store.load(learner, module, f"{module}/{activity}")
    assert found is not None, f"nothing stored for {module}/{activity}"
    return found.value
