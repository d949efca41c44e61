"""Does each activity cross the wire as one small model, with its kind's code sent once?"""

from __future__ import annotations

import json
from collections.abc import Callable

import ipywidgets
from ipywidgets.widgets.widget import _instances

from partnership_course.activities.frontend import module_key, module_reply, stylesheet
from partnership_course.course import Course


def test_one_model_per_activity_and_no_layout(make_course: Callable[..., Course]) -> None:
    """Does building activities create no Layout model (one model each, not two)?"""
    course = make_course(module="m", learner="ana")
    before = set(_instances)
    widgets = [course.activity(name) for name in ("q", "s", "r4", "why")]
    created = [_instances[k] for k in set(_instances) - before]
    assert sorted(w.model_id for w in created) == sorted(w.model_id for w in widgets)
    assert all(w.get_state()["layout"] is None for w in widgets)
    assert not any(isinstance(w, ipywidgets.Layout) for w in created)


def test_state_carries_the_loader_not_the_module(make_course: Callable[..., Course]) -> None:
    """Is `_esm` the small loader naming its kind's module, with no CSS per model, while the
    kernel answers the loader's request with the kind's module and the CSS?"""
    course = make_course(module="m", learner="ana")
    widget = course.activity("q")
    state = widget.get_state()
    reply = module_reply("choice")
    assert module_key("choice") in state["_esm"] and "radioGroup" not in state["_esm"]
    assert "_css" not in state
    assert len(json.dumps(state)) < len(reply["source"]) / 2
    sent: list[dict] = []
    widget.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    widget._handle_custom_msg({"event": "module", "key": module_key("choice")}, [])
    assert sent == [reply]
    assert "function radioGroup" in reply["source"] and "export default" in reply["source"]
    assert reply["css"] == stylesheet() and ".pc-" in reply["css"]


def test_module_key_changes_with_the_code() -> None:
    """Do two kinds get two keys (a page caches each kind's module under its key)?"""
    assert module_key("choice") != module_key("sort")
    assert module_key("choice").startswith("choice-")
