"""The kind table: one `Kind` per activity kind, declaring everything the rest of the system needs.

Everything that used to branch on kind names reads the entry instead:

- the loader (`model`), `Course.activity` (`widget`);
- the front end (`view_content`: the content in the learner's language with the answer keys in
  `hidden` removed, since anything sent to a browser can be read in its developer tools);
- the grader (`answered`, and `scorer` + `key` for the locked test cell; `private` answer paths
  it never copies into a submission), the workshop's progress and certificate (`answered`), the
  facilitator view and report (`summarize`, `label`), the workshop's spreadsheet (`columns`),
  an answer in words for coach and learner (`view`).

So adding a kind is: a content model; a widget module with its front end
(`activities/static/<kind>.js`); its entry here, with its room summary (`summaries.py`) and, if
it is scored, its rule in `scoring.py` and its sentence in `grading.checks`; its answer in words
(`view`, a function in `grading/answers.py`); its label in `translations/es/interface.po`; its
spreadsheet columns (`columns`, a function in `workshop/columns.py`).
`tests/content/test_kinds.py` fails by name for a kind that lacks one of these.

Paths are "module:attribute" strings so that importing the table imports no widget, model or
grading code; `tests/content/test_kinds.py` checks every member of every kind.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from ..i18n import N_
from . import scoring, summaries
from .model import LANGUAGES, text_in


def _resolve(target: str) -> Any:
    module_name, _, attr = target.partition(":")
    return getattr(import_module(module_name), attr)


# -- what "answered" means -------------------------------------------------------------------
def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {})


def answered_choice(value: dict[str, Any]) -> bool:
    """An option was chosen."""
    return value.get("choice") is not None


def answered_placements(value: dict[str, Any]) -> bool:
    """At least one card was placed."""
    return bool(value.get("placements"))


def answered_ratings(value: dict[str, Any]) -> bool:
    """At least one item was rated."""
    return bool(value.get("ratings"))


def answered_text(value: dict[str, Any]) -> bool:
    """Some text that is not only white space (typed, then deleted, does not count)."""
    return _has_text(value.get("text"))


def answered_fields(value: dict[str, Any]) -> bool:
    """At least one field of the plan holds text (a plan saved blank does not count)."""
    fields = value.get("fields")
    return isinstance(fields, dict) and any(_has_text(v) for v in fields.values())


def answered_ladder(value: dict[str, Any]) -> bool:
    """A statement marked, a rung climbed or an assumption tested."""
    return any(_filled(value.get(part)) for part in ("marks", "climb", "asks"))


def answered_statements(value: dict[str, Any]) -> bool:
    """A reply chosen or written to at least one family statement."""
    saved = value.get("statements")
    entries = saved.values() if isinstance(saved, dict) else []
    return any(
        isinstance(e, dict) and (e.get("reply") is not None or _has_text(e.get("text")))
        for e in entries
    )


def answered_conversation(value: dict[str, Any]) -> bool:
    """At least one choice made in the conversation (or, in old answers, an outcome)."""
    attempts = value.get("attempts")
    if isinstance(attempts, list):
        return any(isinstance(a, dict) and (a.get("path") or a.get("ending")) for a in attempts)
    return bool(value.get("outcomes"))


def answered_families(value: dict[str, Any]) -> bool:
    """At least one family in the plan."""
    return bool(value.get("families"))


def answered_made(value: dict[str, Any]) -> bool:
    """At least one toolkit document was made (choosing alone makes nothing to take away)."""
    return bool(value.get("made"))


def answered_anything(value: dict[str, Any]) -> bool:
    """Something was saved that is not empty."""
    return any(_filled(v) for v in value.values())


# -- the table --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Kind:
    """Everything one activity kind declares; see the module docstring."""

    name: str
    model: str  # "module:ContentModel"
    widget: str  # "module:WidgetClass"
    label: str  # what the facilitator view and the report call it (translated where shown)
    hidden: tuple[str, ...]  # paths in the content never sent to a browser ("options.*.correct")
    answered: Callable[[dict[str, Any]], bool]
    summarize: Callable[..., summaries.Tallies]
    scorer: str | None  # function in grading.checks a locked test cell calls; None: not auto-scored
    key: Callable[[Any], dict[str, Any]] | None  # the answer key that cell passes
    scores: str  # what the test cell says it scores ("" when not auto-scored)
    columns: str  # "module:function" giving the workshop export's columns (scenario, lang)
    view: str  # "module:function" showing a stored answer in words (scenario, answer, lang)
    # paths of a stored answer that stay in the learner's own store: never written into a
    # grading submission, where a coach reads the answer cells (the toolkit's contact details)
    private: tuple[str, ...] = ()

    def model_class(self) -> Any:
        """The pydantic content model."""
        return _resolve(self.model)

    def widget_class(self) -> Any:
        """The widget class (imports the widget libraries on first use)."""
        return _resolve(self.widget)

    def columns_of(self, scenario: Any, lang: str) -> list[Any]:
        """The facilitator's spreadsheet columns for `scenario`, in `lang`."""
        return list(_resolve(self.columns)(scenario, lang))

    def view_of(self, scenario: Any, answer: Any, lang: str) -> list[Any]:
        """A stored answer as the coach and the learner read it (`grading.answers` blocks)."""
        return list(_resolve(self.view)(scenario, answer, lang))

    def is_answered(self, value: Any) -> bool:
        """Whether a stored value counts as answering the activity (for grader and workshop)."""
        return isinstance(value, dict) and bool(self.answered(value))

    def shareable(self, value: Any) -> Any:
        """A copy of a stored answer without its `private` paths (the answer itself is kept)."""
        if not isinstance(value, dict) or not self.private:
            return value
        data = copy.deepcopy(value)
        for path in self.private:
            _drop(data, path.split("."))
        return data

    def view_content(self, scenario: Any, lang: str) -> dict[str, Any]:
        """The content as the front end receives it: in `lang`, without `hidden` keys."""
        data = _in_language(scenario.model_dump(mode="json"), lang)
        for path in self.hidden:
            _drop(data, path.split("."))
        data["kind"] = self.name
        return data


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            name="choice",
            model="partnership_course.content.model:Choice",
            widget="partnership_course.activities.choice:ChoiceActivity",
            label=N_("multiple choice"),
            hidden=("options.*.correct", "options.*.feedback"),
            answered=answered_choice,
            summarize=summaries.choice,
            scorer="score_choice",
            key=scoring.choice_key,
            scores="the answer",
            columns="partnership_course.workshop.columns:choice",
            view="partnership_course.grading.answers:choice_view",
        ),
        Kind(
            name="sort",
            model="partnership_course.content.model:Sort",
            widget="partnership_course.activities.sort:SortActivity",
            label=N_("sort"),
            hidden=("items.*.category", "items.*.also", "items.*.feedback"),
            answered=answered_placements,
            summarize=summaries.sort,
            scorer="score_sort",
            key=scoring.sort_key,
            scores="the sort",
            columns="partnership_course.workshop.columns:sort",
            view="partnership_course.grading.answers:sort_view",
        ),
        Kind(
            name="self_assessment",
            model="partnership_course.content.model:SelfAssessment",
            widget="partnership_course.activities.self_assessment:SelfAssessmentActivity",
            label=N_("self-check"),
            hidden=(),
            answered=answered_ratings,
            summarize=summaries.self_assessment,
            scorer=None,
            key=None,
            scores="",
            columns="partnership_course.workshop.columns:self_assessment",
            view="partnership_course.grading.answers:self_assessment_view",
        ),
        Kind(
            name="reflection",
            model="partnership_course.content.model:Reflection",
            widget="partnership_course.activities.reflection:ReflectionActivity",
            label=N_("reflection"),
            hidden=(),
            answered=answered_text,
            summarize=summaries.writing,
            scorer=None,  # scored by a coach and by rubric criteria (grading.rubric), not a key
            key=None,
            scores="",
            columns="partnership_course.workshop.columns:writing",
            view="partnership_course.grading.answers:reflection_view",
        ),
        Kind(
            name="ladder",
            model="partnership_course.content.practice:Ladder",
            widget="partnership_course.activities.ladder:LadderActivity",
            label=N_("ladder of inference"),
            hidden=(
                "statements.*.observable",
                "statements.*.feedback",
                "rungs.*.options.*.feedback",
                "rungs.*.options.*.next_time",
                "climb_down.*.questions.*.good",
                "climb_down.*.questions.*.feedback",
            ),
            answered=answered_ladder,
            summarize=summaries.counts_only,
            scorer="score_ladder",
            key=scoring.ladder_key,
            scores="the ladder",
            columns="partnership_course.workshop.columns:ladder",
            view="partnership_course.grading.answers:ladder_view",
        ),
        Kind(
            name="starters",
            model="partnership_course.content.practice:Starters",
            widget="partnership_course.activities.starters:StartersActivity",
            label=N_("conversation starters"),
            hidden=("statements.*.replies.*.type", "statements.*.replies.*.feedback"),
            answered=answered_statements,
            summarize=summaries.starters,
            scorer="score_starters",
            key=scoring.starters_key,
            scores="the replies",
            columns="partnership_course.workshop.columns:starters",
            view="partnership_course.grading.answers:starters_view",
        ),
        Kind(
            name="branching",
            model="partnership_course.content.practice:Branching",
            widget="partnership_course.activities.branching:BranchingActivity",
            label=N_("branching scenario"),
            hidden=("nodes.*.choices.*.feedback", "nodes.*.choices.*.next", "endings.*.outcome"),
            answered=answered_conversation,
            summarize=summaries.branching,
            scorer="score_branching",
            key=scoring.branching_key,
            scores="the conversation",
            columns="partnership_course.workshop.columns:branching",
            view="partnership_course.grading.answers:branching_view",
        ),
        Kind(
            name="plain_language",
            model="partnership_course.content.practice:PlainLanguage",
            widget="partnership_course.activities.plain_language:PlainLanguageActivity",
            label=N_("plain-language rewrite"),
            hidden=("terms",),  # the checker runs in Python; the list is not a puzzle to read
            answered=answered_text,
            summarize=summaries.writing,
            scorer="score_plain_language",
            key=scoring.plain_language_key,
            scores="the checked draft",
            columns="partnership_course.workshop.columns:writing",
            view="partnership_course.grading.answers:plain_language_view",
        ),
        Kind(
            name="contact_planner",
            model="partnership_course.content.planning:ContactPlanner",
            widget="partnership_course.activities.planner:ContactPlannerActivity",
            label=N_("contact planner"),
            hidden=(),
            answered=answered_families,
            summarize=summaries.counts_only,
            scorer="score_contact_planner",
            key=scoring.contact_planner_key,
            scores="the contact plan",
            columns="partnership_course.workshop.columns:contact_planner",
            view="partnership_course.grading.answers:contact_planner_view",
        ),
        Kind(
            name="action_plan",
            model="partnership_course.content.planning:ActionPlan",
            widget="partnership_course.activities.action_plan:ActionPlanActivity",
            label=N_("action plan"),
            hidden=(),
            answered=answered_fields,
            summarize=summaries.counts_only,
            scorer="score_action_plan",
            key=scoring.action_plan_key,
            scores="the action plan",
            columns="partnership_course.workshop.columns:action_plan",
            view="partnership_course.grading.answers:action_plan_view",
        ),
        Kind(
            name="toolkit",
            model="partnership_course.content.toolkit:Toolkit",
            widget="partnership_course.activities.toolkit:ToolkitActivity",
            label=N_("family toolkit"),
            hidden=(),
            answered=answered_made,
            summarize=summaries.counts_only,  # a teacher's own contact details: never shown
            scorer=None,  # nothing to score: the documents are the teacher's to take away
            key=None,
            scores="",
            columns="partnership_course.workshop.columns:blank",
            view="partnership_course.grading.answers:toolkit_view",
            private=("details",),
        ),
    )
}


def kind(name: str) -> Kind:
    """The entry for `name` (KeyError naming the known kinds if there is none)."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown activity kind {name!r}; one of {sorted(KINDS)}") from None


def is_answered(kind_name: str, value: Any) -> bool:
    """Whether a stored value answers an activity of `kind_name`.

    Unknown kinds (an export without kinds, or content removed since the answer was saved) count
    when their text is not blank, or, without text, when anything is saved.
    """
    entry = KINDS.get(kind_name)
    if entry is not None:
        return entry.is_answered(value)
    if not isinstance(value, dict):
        return False
    return answered_text(value) if "text" in value else answered_anything(value)


def label(kind_name: str, lang: str) -> str:
    """A kind as people read it, in `lang` (the name itself if unknown)."""
    from ..i18n import gettext

    entry = KINDS.get(kind_name)
    return gettext(entry.label, lang) if entry else kind_name


# -- view content helpers ----------------------------------------------------------------------
def _is_text(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and set(value) <= set(LANGUAGES)
        and all(isinstance(v, str) for v in value.values())
    )


def _in_language(value: Any, lang: str) -> Any:
    """Every `{en:, es:}` text replaced by the text in `lang` (English when missing)."""
    if _is_text(value):
        return text_in(value, lang)
    if isinstance(value, dict):
        return {k: _in_language(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_in_language(v, lang) for v in value]
    return value


def _drop(data: Any, path: list[str]) -> None:
    """Remove `path` ("*" matches every list item) from nested dicts and lists."""
    head, rest = path[0], path[1:]
    if head == "*":
        for item in data if isinstance(data, list) else []:
            _drop(item, rest)
        return
    if not isinstance(data, dict) or head not in data:
        return
    if rest:
        _drop(data[head], rest)
    else:
        del data[head]
