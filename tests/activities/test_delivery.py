"""Does each activity cross the wire as one small model, with its kind's code sent once?"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets
from ipywidgets.widgets.widget import _instances

from partnership_course.activities.delivery import (
    LIVE_ONLY,
    keys,
    loader_module,
    loader_source,
    module_source,
    reply,
    shared_names,
    shared_source,
    stylesheet,
)
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


def test_state_carries_the_loader_and_the_kernel_sends_each_piece(
    make_course: Callable[..., Course],
) -> None:
    """Is `_esm` the small stub naming its kind's module and the loader (which names the helpers
    and the CSS), with no CSS per model, while the kernel answers the stub's and the loader's
    requests with the loader, the kind's module, the helpers and the CSS?"""
    course = make_course(module="m", learner="ana")
    widget = course.activity("q")
    state = widget.get_state()
    names = keys("choice")
    assert state["_esm"] == loader_source("choice")
    assert names["kind"] in state["_esm"] and names["loader"] in state["_esm"]
    assert names["shared"] in loader_module() and names["css"] in loader_module()
    assert "function radioGroup" not in state["_esm"] and "//" not in state["_esm"]
    assert "function once" not in state["_esm"]  # the loader's code comes once per page
    assert "_css" not in state
    assert len(state["_esm"]) < 1500
    assert state["labels"]["live_only"] == LIVE_ONLY  # what an HTML export shows
    sent: list[dict] = []
    widget.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    for key in (names["loader"], names["kind"], names["shared"], names["css"], "sort-0000"):
        widget._handle_custom_msg({"event": "module", "key": key}, [])
    assert sent == [
        {"module": names["loader"], "source": loader_module()},
        {"module": names["kind"], "source": module_source("choice")},
        {"module": names["shared"], "source": shared_source()},
        {"module": names["css"], "css": stylesheet()},
    ]  # another kind's key or a made-up one gets no answer


def test_kind_module_imports_every_shared_helper() -> None:
    """Does each kind's module import the helpers the shared module exports, by name?"""
    assert {"h", "radioGroup", "commitButton", "frame", "LANG_MARK"} <= set(shared_names())
    exported = shared_source().rsplit("export {", 1)[1]
    source = module_source("sort")
    assert source.startswith("import {") and "__PC_SHARED_URL__" in source.splitlines()[0]
    assert all(name in exported and name in source.splitlines()[0] for name in shared_names())
    assert "function radioGroup" not in source  # the helpers come once, from the shared module
    assert reply("sort", keys("choice")["kind"]) is None


def test_keys_change_with_the_code() -> None:
    """Do two kinds get two keys but share the loader's, the helpers' and the CSS's (one copy
    per page)?"""
    choice, sort = keys("choice"), keys("sort")
    assert choice["kind"] != sort["kind"] and choice["kind"].startswith("choice-")
    assert choice["shared"] == sort["shared"] and choice["css"] == sort["css"]
    assert choice["loader"] == sort["loader"] and choice["loader"].startswith("loader-")


def test_live_only_sentence_in_each_language() -> None:
    """Does the sentence an HTML export shows exist in Spanish too, and does the comparison
    panel (which has no `content`) carry it in its learner's language?"""
    from types import SimpleNamespace

    from partnership_course.activities.comparison import ComparisonPanel
    from partnership_course.i18n import gettext

    spanish = gettext(LIVE_ONLY, "es")
    assert spanish != LIVE_ONLY and spanish.startswith("Esta actividad")
    panel = ComparisonPanel(lambda: SimpleNamespace(view={}), "Mostrar", "es")
    assert panel.get_state()["labels"] == {"live_only": spanish}
    assert panel.get_state()["_esm"] == loader_source("comparison")
