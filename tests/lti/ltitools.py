"""What the LTI tests share beside their fixtures: module 01's answers and a registration file.

`answer_module_01` answers every activity of module 01 through the store, as the widgets save
them, and returns the automatic score those answers are worth, worked out here from the
scenarios' keys and the rubric (not from the code under test). Test modules import from here,
never `from conftest import` (in one pytest run `conftest` is whichever folder's loaded last).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from lms import Platform

from partnership_course.content import load_scenario
from partnership_course.lti.settings import write_key
from partnership_course.store import ResponseStore
from partnership_course.workshop.outline import outline

MODULE = "01-dual-capacity"
REPO = Path(__file__).resolve().parents[2]


def write_registration(
    folder: Path, platform: Platform, tool_url: str, course_folder: Path | None = None
) -> Path:
    """lti.yaml for our tool registered with `platform` (the tool's key made beside it)."""
    key = write_key(folder / "tool-key.pem")
    course: dict[str, Any] = {"context": platform.context_id, "course": "family-partnership"}
    if course_folder is not None:
        course["folder"] = str(course_folder)
    data = {
        "tool": {"url": tool_url, "private_key": key.name},
        "platform": {
            "issuer": platform.issuer,
            "client_id": [platform.client_id],
            "deployment_ids": [platform.deployment_id],
            "authorize_url": f"{platform.url}/authorize",
            "token_url": f"{platform.url}/token",
            "jwks_url": f"{platform.url}/jwks",
        },
        "courses": [course],
    }
    path = folder / "lti.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def module_activities(module: str = MODULE) -> list[str]:
    return list(next(m for m in outline() if m.name == module).activities)


def scored_choice(module: str = MODULE) -> str:
    """The module's first knowledge check worth points (the pre-test's items are worth none, so
    changing one of those answers changes no score)."""
    for activity in module_activities(module):
        scenario = load_scenario(activity)
        if scenario.kind == "choice" and float(getattr(scenario, "points", 0) or 0) > 0:
            return activity
    raise AssertionError(f"{module} has no scored knowledge check")


def strong_path(scenario: Any) -> tuple[list[dict[str, str]], str]:
    """A path from the start to a strong ending (as a conversation's stored `path`), found by
    walking the scenario's graph, and that ending's id."""
    strong = {e.id for e in scenario.endings if e.outcome == "strong"}
    todo: list[tuple[str, list[dict[str, str]]]] = [(scenario.start, [])]
    seen = {scenario.start}
    while todo:
        here, path = todo.pop(0)
        for choice in scenario.node(here).choices:
            step = [*path, {"node": here, "choice": choice.id}]
            if choice.next in strong:
                return step, choice.next
            if scenario.node(choice.next) is not None and choice.next not in seen:
                seen.add(choice.next)
                todo.append((choice.next, step))
    raise AssertionError(f"{scenario.id} has no strong ending")


def answer_module_01(
    store: ResponseStore, learner: str, skip: str | None = None, rubric: Any = None
) -> float:
    """Answer every activity of module 01 (but `skip`); return the automatic points earned.

    Choices, sorts and conversations are answered as their keys say (all their points);
    reflections get a short text that meets only the rubric's `answered` criterion; the
    self-check is rated.
    """
    from partnership_course.grading.rubric import load_rubric

    rubric = rubric or load_rubric(REPO / "grader" / "rubric.yaml")
    expected = 0.0
    for activity in module_activities():
        if activity == skip:
            continue
        scenario = load_scenario(activity)
        points = float(getattr(scenario, "points", 0) or 0)
        if scenario.kind == "choice":
            right = next(o.id for o in scenario.options if o.correct)
            store.save(learner, MODULE, activity, "choice", {"choice": right})
            expected += points
        elif scenario.kind == "sort":
            placements = {i.id: i.category for i in scenario.items}
            store.save(learner, MODULE, activity, "sort", {"placements": placements})
            expected += points
        elif scenario.kind == "reflection":
            store.save(learner, MODULE, activity, "reflection", {"text": "Hola <b>familia</b>"})
            if points:
                expected += next(
                    c for c in rubric.for_reflection(points) if c.id == "answered"
                ).points
        elif scenario.kind == "self_assessment":
            ratings = {item.id: 2 for item in scenario.items}
            store.save(learner, MODULE, activity, "self_assessment", {"ratings": ratings})
        elif scenario.kind == "branching":
            path, ending = strong_path(scenario)
            attempt = {"path": path, "ending": ending}
            store.save(learner, MODULE, activity, "branching", {"attempts": [attempt]})
            expected += points  # the first ending reached is strong: all the points
        else:
            raise AssertionError(f"module 01 has a {scenario.kind} activity; answer it here")
    return round(expected, 2)
