"""The workshop's "My toolkit" page: does a participant get their own filled-in toolkit, in the
languages they choose, and nobody else's?"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from handlers import fetch, text
from support.html import parse

from partnership_course.i18n import catalogue
from partnership_course.workshop.kernel import WORKSHOP_ENV
from partnership_course.workshop.sessions import WorkshopStore, workshop_store

CODE = "room-7777"
KEY = "a-very-secret-key"
NAME = "Bea <i>Ruiz</i>"


@pytest.fixture
def room(isolated_store: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[WorkshopStore]:
    monkeypatch.setenv(WORKSHOP_ENV, CODE)
    catalogue.cache_clear()
    store = workshop_store(isolated_store)
    store.open_workshop(CODE, KEY)
    yield store


def test_form_has_a_visible_label_for_every_control(room: WorkshopStore) -> None:
    token, _bea = room.join(CODE, NAME)
    reply = fetch(f"/workshop/toolkit?p={token}&lang=es")
    assert reply.code == 200
    page = parse(text(reply))
    assert page.html["lang"] == "es"
    assert page.find("h1").get_text() == "Mis herramientas para las familias"
    assert page.find("input", id="tk-name")["value"] == NAME  # the display name, escaped
    for control in page.select("input:not([type=hidden]), select"):
        label = page.find("label", attrs={"for": control["id"]})
        assert label is not None and label.get_text(strip=True), control
    legends = [legend.get_text(strip=True) for legend in page.select("fieldset legend")]
    assert legends == ["Documentos que quiere descargar", "Papel"]
    assert len(page.select("input[name=only][checked]")) == 10  # the whole set unless unticked
    # the page in English keeps the participant's link (a bare ?lang=en would be refused)
    assert page.find("a", class_="pc-switch")["href"] == f"/workshop/toolkit?p={token}&lang=en"
    start = text(fetch(f"/?p={token}&lang=es"))
    assert f"/workshop/toolkit?p={token}&amp;lang=es" in start


def test_download_is_filled_in_and_in_the_chosen_languages(
    room: WorkshopStore, tmp_path: Path
) -> None:
    token, bea = room.join(CODE, NAME)
    families = [{"code": "F-9", "language": "vietnamese", "channel": "text", "interpreter": True}]
    room.responses.save(
        bea.learner,
        "03-continuum",
        "03-continuum/weekly-contacts",
        "contact_planner",
        {"families": families},
    )
    query = f"p={token}&lang=en&name=Bea%20Ruiz&phone=555-0199&doc_lang=en&lang_survey=es"
    query += "&only=survey&only=survey-teacher&only=contact-cards"
    reply = fetch(f"/workshop/toolkit.zip?{query}", timeout=240)
    assert reply.code == 200, text(reply)
    assert reply.headers["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(reply.body))
    names = set(archive.namelist())
    assert "my-toolkit/survey.es.pdf" in names and "my-toolkit/survey.es.docx" in names
    assert "my-toolkit/contact-cards.en.pdf" in names and "my-toolkit/contact-cards.en.vcf" in names
    assert not any("glossary" in name for name in names)  # only what was asked for
    card = archive.read("my-toolkit/contact-cards.en.vcf").decode("utf-8")
    assert "FN:Bea Ruiz" in card and "555-0199" in card
    from docx import Document

    copy = Document(io.BytesIO(archive.read("my-toolkit/survey-teacher.en.docx")))
    cells = [c.text for t in copy.tables for r in t.rows for c in r.cells]
    assert "F-9" in cells and "Vietnamese" in cells  # from Bea's own planner


def test_bad_link_and_bad_choices_are_refused(room: WorkshopStore) -> None:
    assert fetch("/workshop/toolkit?p=forged").code == 403
    assert fetch("/workshop/toolkit.zip?p=forged").code == 403
    token, _bea = room.join(CODE, NAME)
    assert fetch(f"/workshop/toolkit.zip?p={token}&paper=legal").code == 400
    assert fetch(f"/workshop/toolkit.zip?p={token}&lang_survey=xx").code == 400
    assert fetch(f"/workshop/toolkit.zip?p={token}&only=nope").code == 400
    too_long = fetch(f"/workshop/toolkit.zip?p={token}&name={'x' * 201}")
    assert too_long.code == 400 and "200" in text(too_long)
