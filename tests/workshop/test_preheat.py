"""Preheated kernels start before anyone asks for a page: they must still learn whose page they
serve (after `wait_for_request()`), and never show one participant's answers to the next."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from support.launch import wait_until, workshop_server
from widget_client import join, open_page

from partnership_course.content.paths import modules_dir
from partnership_course.i18n import supported_languages
from partnership_course.workshop.sessions import WorkshopStore

pytestmark = pytest.mark.kernel

PAGE = "01-dual-capacity/01-why-partnership.ipynb"
REFLECTION = "01-dual-capacity/challenge-reflection"


async def answer(base: str, token: str, text: str) -> tuple[str, str]:
    """Open the page, report what the reflection box showed, then type `text` into it."""
    async with httpx.AsyncClient(timeout=300) as client:
        page = await open_page(client, base, PAGE, token)
        try:
            # the reflection is one anywidget: what its box shows is the model's `response`
            reflection = next(a for a in page.activities() if a.kind == "reflection")
            shown = page.states[reflection.model_id]["state"].get("response", {}).get("text", "")
            await page.answer(reflection, 0, text)
            await page.settle()
            return shown, page.kernel_id
        finally:
            await page.close(client)


def test_preheated_kernels_serve_the_right_participant(tmp_path: Path, isolated_store: str) -> None:
    store = isolated_store
    with (
        (tmp_path / "server.log").open("w") as log,
        workshop_server(store, code="room-heat", pool_size=1, log=log) as server,
    ):

        async def scenario() -> list[str]:
            async with httpx.AsyncClient(timeout=60) as client:
                token_a = await join(client, server.url, "room-heat", "Ana")
                token_b = await join(client, server.url, "room-heat", "Ben")
            seen = [await answer(server.url, token_a, "Ana's own words")]
            await refilled(1)  # the pool refills: Ben gets a preheated kernel too
            before_ben.append(log_file.read_text())
            seen.append(await answer(server.url, token_b, "Ben's own words"))
            await refilled(2)
            seen.append(await answer(server.url, token_a, "Ana's own words, revised"))
            return [token_a, token_b, *seen]

        def warm() -> int:
            """How often the page's pool has been filled with a warm kernel (the room's kernel
            manager hands out only warm ones; Ben would otherwise get a kernel of his own)."""
            return log_file.read_text().count(f"Kernel pool of {PAGE} is filled")

        async def refilled(taken: int) -> None:
            """Wait until the pool has warmed a kernel for each of the `taken` it handed out."""
            await asyncio.to_thread(
                wait_until,
                lambda: warm() >= 1 + taken,
                timeout=300,
                what=f"the pool to refill after {taken} page(s)",
            )

        # wait (polling the log) until every page's pool is full: one warm kernel per notebook
        pages = len(list(modules_dir().rglob("*.ipynb"))) * len(supported_languages())
        log_file = tmp_path / "server.log"
        wait_until(
            lambda: log_file.read_text().count("Kernel started:") >= pages and warm() >= 1,
            timeout=600,
            what=f"{pages} preheated kernels",
        )
        started_before = log_file.read_text()
        before_ben: list[str] = []
        token_a, token_b, *seen = asyncio.run(scenario())
    # the first page was served by a kernel that existed before anyone asked for it, and so was
    # Ben's, from the refilled pool
    assert f"Kernel started: {seen[0][1]}" in started_before
    assert f"Kernel started: {seen[1][1]}" in before_ben[0]
    assert [value for value, _kernel in seen] == [
        "",
        "",
        "Ana's own words",
    ]  # Ben saw nothing of Ana's; Ana got hers back
    workshop = WorkshopStore(url=store)
    ana = workshop.participant("room-heat", token_a)
    ben = workshop.participant("room-heat", token_b)
    assert ana and ben
    assert workshop.responses.load(ana.learner, "01-dual-capacity", REFLECTION).value["text"] == (
        "Ana's own words, revised"
    )
    assert workshop.responses.load(ben.learner, "01-dual-capacity", REFLECTION).value["text"] == (
        "Ben's own words"
    )
