"""Which activity kinds exist: kind name -> content model, and kind name -> widget class.

One table, so adding a kind is one entry in each dict; the widget side is a dotted path so that
validating content never imports ipywidgets, and the model side is a dotted path so the loader
imports only the kinds it meets.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# kind -> "module:ModelClass"
MODEL_PATHS: dict[str, str] = {
    "choice": "partnership_course.content.model:Choice",
    "sort": "partnership_course.content.model:Sort",
    "self_assessment": "partnership_course.content.model:SelfAssessment",
    "reflection": "partnership_course.content.model:Reflection",
    "ladder": "partnership_course.content.practice:Ladder",
    "starters": "partnership_course.content.practice:Starters",
    "branching": "partnership_course.content.practice:Branching",
    "plain_language": "partnership_course.content.practice:PlainLanguage",
    "contact_planner": "partnership_course.content.planning:ContactPlanner",
    "action_plan": "partnership_course.content.planning:ActionPlan",
}

# kind -> "module:WidgetClass"
WIDGETS: dict[str, str] = {
    "choice": "partnership_course.activities.choice:ChoiceActivity",
    "sort": "partnership_course.activities.sort:SortActivity",
    "self_assessment": "partnership_course.activities.self_assessment:SelfAssessmentActivity",
    "reflection": "partnership_course.activities.reflection:ReflectionActivity",
    "ladder": "partnership_course.activities.ladder:LadderActivity",
    "starters": "partnership_course.activities.starters:StartersActivity",
    "branching": "partnership_course.activities.branching:BranchingActivity",
    "plain_language": "partnership_course.activities.plain_language:PlainLanguageActivity",
    "contact_planner": "partnership_course.activities.planner:ContactPlannerActivity",
    "action_plan": "partnership_course.activities.action_plan:ActionPlanActivity",
}


def _resolve(target: str) -> Any:
    module_name, _, attr = target.partition(":")
    return getattr(import_module(module_name), attr)


def model_class(kind: str) -> Any:
    """The pydantic model for `kind` (KeyError if the kind is unknown)."""
    return _resolve(MODEL_PATHS[kind])


def widget_class(kind: str) -> Any:
    """Import and return the widget class for `kind` (imports ipywidgets on first use)."""
    return _resolve(WIDGETS[kind])


KINDS = MODEL_PATHS  # the set of known kind names, for messages
