"""My toolkit on the hub: a teacher's server has the course's own pages (`lab_server`), the
hub's start page links to the toolkit, the toolkit is filled in with the teacher's own planner
families, and a course page no longer asks for the workshop's `now.js` (a 404 on a hub).

One hub, one teacher, browserless (the pages are server-rendered; the toolkit form itself is
driven by keyboard in tests/browser/test_toolkit_pages.py)."""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hubclient import spawn
from hubtools import District, open_district

from partnership_course.store import ResponseStore

pytestmark = pytest.mark.kernel

NAME = "tere"
FAMILIES = [{"code": "F-9", "language": "vietnamese", "channel": "text", "interpreter": True}]
PAGE = "01-dual-capacity/01-why-partnership.ipynb"


@pytest.fixture(scope="module")
def teacher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[District, httpx.Client]]:
    """A hub with one teacher whose planner holds one family; her server started; a client
    that speaks for her with her own token."""
    tmp: Path = tmp_path_factory.mktemp("hub-toolkit")
    store = f"sqlite:///{tmp / 'store.db'}"
    ResponseStore(store).save(
        NAME, "03-continuum", "03-continuum/weekly-contacts", "contact_planner",
        {"families": FAMILIES},
    )  # fmt: skip
    district = open_district(tmp, store, "", [NAME], [])
    try:
        person = district.people[NAME]
        person.log_in()
        headers = {"Authorization": f"token {person.api_token()}"}

        async def start() -> None:
            async with httpx.AsyncClient(headers=headers, timeout=600) as client:
                await spawn(client, district.hub.url, NAME)

        asyncio.run(start())
        with httpx.Client(
            base_url=f"{district.hub.url}/user/{NAME}", headers=headers, timeout=600
        ) as client:
            yield district, client
    finally:
        district.hub.stop_everything()


def test_start_page_links_to_my_toolkit_and_it_is_filled_in(
    teacher: tuple[District, httpx.Client],
) -> None:
    _district, client = teacher
    start = client.get("/voila/tree")
    assert start.status_code == 200
    assert f'href="/user/{NAME}/partnership-course/toolkit?lang=en"' in start.text
    spanish = client.get("/voila/tree/es")
    assert f'href="/user/{NAME}/partnership-course/toolkit?lang=es"' in spanish.text

    form = client.get("/partnership-course/toolkit", params={"lang": "es"})
    assert form.status_code == 200 and "Mis herramientas para las familias" in form.text
    assert client.get("/partnership-course/").status_code == 200  # the course's own start page
    nothing = client.get("/partnership-course/toolkit.zip", params={"from_form": "1"})
    assert nothing.status_code == 400 and "Choose at least one document." in nothing.text

    query = [("only", "survey-teacher"), ("only", "contact-cards"), ("name", "Tere Ruiz")]
    reply = client.get("/partnership-course/toolkit.zip", params=query)
    assert reply.status_code == 200, reply.text[:300]
    archive = zipfile.ZipFile(io.BytesIO(reply.content))
    assert "FN:Tere Ruiz" in archive.read("my-toolkit/contact-cards.en.vcf").decode("utf-8")
    copy = archive.read("my-toolkit/survey-teacher.en.docx")
    document = zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml").decode("utf-8")
    assert "F-9" in document  # her own planner, read from the hub's store under her hub name


def test_course_pages_ask_for_nothing_the_hub_does_not_serve(
    teacher: tuple[District, httpx.Client],
) -> None:
    _district, client = teacher
    page = client.get(f"/voila/render/{PAGE}")
    assert page.status_code == 200
    assert "pc-nav" in page.text  # the course's page template, still
    assert "/workshop/static/now.js" not in page.text
