"""A module as the learner sees it: who they are, where answers go, which language they read.

Notebooks hold no logic: their first code cell is `course = start("01-dual-capacity")` and each
activity cell is `course.activity("conditions-sort")`. Everything else happens here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from .content.model import ScenarioBase
from .context import current_language, current_learner, learner_pending


@dataclass
class Binding:
    """Where one activity's answers live: learner, module, activity id, and the store."""

    learner: str
    module: str
    activity: str
    store: Any  # ResponseStore; typed loosely so this module never imports SQLAlchemy

    def save(self, kind: str, value: dict[str, Any], expected_revision: int | None = None) -> int:
        """Commit `value`; returns only after the database has it (its new revision).

        With `expected_revision` (the revision the page was showing), a newer answer saved
        from another copy of the page is never replaced: `store.StaleAnswer` is raised.
        """
        return self.store.save(
            self.learner, self.module, self.activity, kind, value, expected_revision
        )

    def load(self) -> dict[str, Any] | None:
        """The saved state, or None if the learner has not answered yet."""
        found = self.load_response()
        return found.value if found is not None else None

    def load_response(self) -> Any:
        """The saved `Response` (value and revision), or None."""
        return self.store.load(self.learner, self.module, self.activity)

    def history(self) -> list[Any]:
        """Earlier versions of this answer, newest first (`ResponseStore.history`)."""
        return self.store.history(self.learner, self.module, self.activity)


# -- grading hook (see partnership_course.grading) -------------------------------------------
# nbgrader re-executes a submission in a fresh kernel with NBGRADER_EXECUTION set. There, an
# activity cell must not build widgets or open the grader's own response store: the learner's
# answer is the literal that `partnership-course grade inject` wrote into the cell
# (`course.activity("name", answer={...})`), and `answered()` returns exactly that.
_NO_ANSWER: Any = object()


def grading_mode() -> bool:
    """True while nbgrader autogrades or validates (or PARTNERSHIP_COURSE_GRADING=1 is set)."""
    return bool(os.environ.get("NBGRADER_EXECUTION")) or (
        os.environ.get("PARTNERSHIP_COURSE_GRADING") == "1"
    )


@dataclass
class GradedCopyBinding:
    """A binding for an answer written into a graded copy: shows it, never saves over it."""

    learner: str
    module: str
    activity: str
    value: dict[str, Any] | None

    def save(self, kind: str, value: dict[str, Any]) -> int:
        raise PermissionError("this is a graded copy of a submission; changes are not saved")

    def load(self) -> dict[str, Any] | None:
        return self.value


class LateBinding:
    """A binding made before the learner is known: a kernel preheated for a participant who has
    not arrived yet. It shows nothing saved until `Course.ready` has learnt the learner (then
    the widget loads again); a save asks for the learner first, so it can never land under
    anyone else's name."""

    def __init__(self, course: Course, activity: str) -> None:
        self.course = course
        self.module = course.module
        self.activity = activity

    def _now(self) -> Binding:
        return Binding(self.course.learner, self.module, self.activity, self.course.store)

    def save(self, kind: str, value: dict[str, Any], expected_revision: int | None = None) -> int:
        return self._now().save(kind, value, expected_revision)

    def load(self) -> dict[str, Any] | None:
        return self._now().load() if self.course.learner_known else None

    def load_response(self) -> Any:
        return self._now().load_response() if self.course.learner_known else None

    def history(self) -> list[Any]:
        return self._now().history() if self.course.learner_known else []


class Course:
    """One module for one learner; builds activity widgets bound to the response store.

    In a preheated kernel (`context.learner_pending`) the learner is asked for only when it is
    needed: activities are built empty first, and `ready()` (the served page's last cell) waits
    for the participant and shows their saved answers."""

    def __init__(
        self,
        module: str,
        learner: str | None = None,
        store: Any = None,
        lang: str | None = None,
    ) -> None:
        self.module = module
        self._learner = learner or (None if learner_pending() else current_learner())
        self.lang = lang or current_language()
        self._store = store
        self._injected: dict[str, Any] = {}  # activity id -> answer written into the notebook
        self._late: list[Any] = []  # widgets built before the learner was known

    @property
    def learner(self) -> str:
        """The learner id; in a preheated kernel, asking waits for the participant's request."""
        if self._learner is None:
            self._learner = current_learner()
        return self._learner

    @property
    def learner_known(self) -> bool:
        return self._learner is not None

    def ready(self) -> None:
        """The page's learner-dependent part, run last: learn the learner (in a preheated
        kernel, wait for the participant's request) and show their saved answers in the
        activities built before. Nothing to do where the learner was known from the start
        (a kernel that was not preheated, JupyterLab, the hub).

        If the learner cannot be named (a workshop page without a valid token), the activities
        built meanwhile are closed, so nothing stays on the page to answer, and the error is
        raised for the page to show."""
        late, self._late = self._late, []
        try:
            self.learner  # noqa: B018 -- asked for its side effect: the wait and the lookup
        except Exception:
            for widget in late:
                widget.close()
            raise
        for widget in late:
            widget.load_saved()

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
        """The validated content of one activity, in the learner's language where translated."""
        from .i18n.overlay import translated_scenario

        return translated_scenario(self.scenario_id(name), self.lang)  # type: ignore[return-value]

    def activity(self, name: str, answer: Any = _NO_ANSWER) -> Any:
        """Build the widget for an activity, restored to the learner's saved answers.

        `answer` is only given in grading copies of a submission: it is the learner's stored
        answer, written in by the grader. In grading mode no widget is built (see above).
        """
        key = self.scenario_id(name)
        if answer is not _NO_ANSWER:
            self._injected[key] = answer
        if grading_mode():
            from .grading.display import GradedAnswer

            return GradedAnswer(key, self._injected.get(key), lang=self.lang)
        from .content.registry import widget_class

        scenario = self.scenario(name)
        if answer is not _NO_ANSWER:
            binding: Any = GradedCopyBinding(self.learner, self.module, key, answer)
        elif not self.learner_known:
            self.store  # noqa: B018 -- opened now, so the participant does not wait for it
            binding = LateBinding(self, key)
        else:
            binding = Binding(self.learner, self.module, key, self.store)
        widget = widget_class(scenario.kind)(scenario, binding, lang=self.lang)
        if isinstance(binding, LateBinding):
            self._late.append(widget)
        return widget

    def knowledge_gain(self) -> Any:
        """The learner's knowledge test before and after the course, side by side (the cell
        after the last module's test); nothing in grading mode, where no store is opened."""
        if grading_mode():
            return None
        from .knowledge_view import learner_panel

        return learner_panel(self.store, self.learner, self.lang)

    def ratings_compared(self) -> Any:
        """The learner's ten-principle self-ratings from the start and the end of module 02 on
        one chart with its table (the cell after the second rating); nothing in grading mode."""
        if grading_mode():
            return None
        from . import ratings_view
        from .knowledge_view import redraw_panel

        def make() -> Any:
            return ratings_view.learner_view(self.store, self.learner, self.lang)

        return redraw_panel(make, self.lang)

    def answered(self, name: str) -> dict[str, Any] | None:
        """The answer the grader scores: the one written into the notebook, else (outside
        grading mode only) the learner's saved answer; None when there is none."""
        key = self.scenario_id(name)
        if key in self._injected:
            return self._injected[key]
        if grading_mode():
            return None
        return Binding(self.learner, self.module, key, self.store).load()
