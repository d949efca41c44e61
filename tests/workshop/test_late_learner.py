"""A preheated kernel runs the whole page before its participant arrives: only the served page's
last cell (`course.ready()`) waits for the request, learns the participant and shows their saved
answers; a page opened without a valid token keeps nothing to answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest

from partnership_course import context
from partnership_course.workshop import kernel, preheat
from partnership_course.workshop.sessions import WorkshopStore
from partnership_course.workshop.site import READY_SOURCE, build_site

CODE = "room-late"
PAGE = "01-dual-capacity/01-why-partnership.ipynb"
MODULE = "01-dual-capacity"
REFLECTION = f"{MODULE}/challenge-reflection"


@pytest.fixture
def preheated(isolated_store: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A kernel as Voila's pool starts it; `arrive(query)` is the participant's request, which
    the fake `wait_for_request` hands over (and records when it was asked for)."""
    from partnership_course.workshop import request_wait  # the kernel's wait (not Voila's)

    room = WorkshopStore(url=isolated_store)
    room.open_workshop(CODE, "a-very-secret-key")
    monkeypatch.setenv(kernel.WORKSHOP_ENV, CODE)
    monkeypatch.setenv(context.HOSTS_ENV, "partnership_course.workshop.kernel")
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("PARTNERSHIP_COURSE_LEARNER", "server-account")
    monkeypatch.setattr(preheat, "_request_seen", False)
    context._prepared.discard(kernel.HOST)  # this kernel has not waited yet
    kernel.forget_participant()
    waits: list[str] = []
    query: dict[str, str] = {}

    def wait_for_request(url: str | None = None) -> None:
        waits.append(query["value"])
        monkeypatch.setenv("QUERY_STRING", query["value"])

    monkeypatch.setattr(request_wait, "wait_for_request", wait_for_request)

    class Kernel:
        def arrive(self, value: str) -> None:
            query["value"] = value

    k = Kernel()
    k.room, k.waits = room, waits  # type: ignore[attr-defined]
    yield k
    context.set_language(None)
    kernel.forget_participant()


def served_cells(tmp_path: Path) -> list[str]:
    nb = nbformat.read(build_site(tmp_path / "site") / PAGE, as_version=4)
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def test_every_cell_but_the_last_runs_before_the_request(preheated: Any, tmp_path: Path) -> None:
    token, ana = preheated.room.join(CODE, "Ana")
    preheated.room.responses.save(
        ana.learner, MODULE, REFLECTION, "reflection", {"text": "Ana's words", "words": 2}
    )
    cells = served_cells(tmp_path)
    assert cells[-1] == READY_SOURCE and 'lang="en"' in cells[0]
    preheated.arrive(f"p={token}")
    namespace: dict[str, Any] = {}
    for source in cells[:-1]:
        exec(source, namespace)  # the page's own cells, in order, as the kernel runs them
    assert preheated.waits == [], "a cell before the last one waited for the participant"
    course = namespace["course"]
    built = list(course._late)
    assert len(built) == len(cells) - 2  # every activity cell built its activity already
    reflection = next(w for w in built if getattr(w, "kind", "") == "reflection")
    assert reflection.answer == "" and reflection.revision == 0  # nobody's answers yet

    exec(cells[-1], namespace)

    assert preheated.waits == [f"p={token}"]
    assert course.learner == ana.learner
    assert reflection.answer == "Ana's words" and reflection.revision == 1
    reflection.write("Ana's words, revised")  # saved under Ana, on top of her answer
    saved = preheated.room.responses.load(ana.learner, MODULE, REFLECTION)
    assert saved.value["text"] == "Ana's words, revised"
    assert preheated.room.responses.load("server-account", MODULE, REFLECTION) is None


def test_a_forged_token_leaves_nothing_to_answer(preheated: Any, tmp_path: Path) -> None:
    cells = served_cells(tmp_path)
    preheated.arrive("p=forged-token-forged-token-forged")
    namespace: dict[str, Any] = {}
    for source in cells[:-1]:
        exec(source, namespace)
    built = list(namespace["course"]._late)
    assert built and all(w.comm is not None for w in built)
    with pytest.raises(kernel.NotJoined):
        exec(cells[-1], namespace)
    assert all(w.comm is None for w in built)  # closed: the page keeps no live activity
    reflection = next(w for w in built if getattr(w, "kind", "") == "reflection")
    with pytest.raises(kernel.NotJoined):
        reflection.binding.save("reflection", {"text": "lost?"})
    assert preheated.room.responses.load("server-account", MODULE, REFLECTION) is None


def test_outside_a_preheated_kernel_the_learner_is_known_at_once(
    isolated_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """JupyterLab, the hub, a kernel started for a request: nothing waits, nothing is late."""
    from partnership_course import start

    monkeypatch.setenv("PARTNERSHIP_COURSE_LEARNER", "lab-learner")
    course = start(MODULE)
    assert course.learner_known and course.learner == "lab-learner"
    course.activity("challenge-reflection")
    assert course._late == []
    course.ready()  # a no-op here
