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


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "Choose at least one document."), ("es", "Elija al menos un documento.")],
)
def test_nothing_ticked_is_said_on_the_form_as_it_was(
    room: WorkshopStore, lang: str, said: str
) -> None:
    """Every document unticked: the form again, with what was typed and chosen, and the error
    beside the documents; not the whole set the teacher just unticked."""
    token, _bea = room.join(CODE, NAME)
    form = parse(text(fetch(f"/workshop/toolkit?p={token}&lang={lang}")))
    assert form.find("input", attrs={"name": "from_form", "type": "hidden"})["value"] == "1"
    sent = f"p={token}&lang={lang}&from_form=1&name=Ana%20%3Cb%3EL%C3%B3pez%3C%2Fb%3E"
    sent += "&school=Lincoln&doc_lang=es&lang_survey=en&paper=a4"
    reply = fetch(f"/workshop/toolkit.zip?{sent}")
    assert reply.code == 400
    assert reply.headers["Content-Type"].startswith("text/html")
    page = parse(text(reply))
    assert page.html["lang"] == lang
    error = page.find(id="tk-only-error")
    assert error.get_text(strip=True) == said and error["role"] == "alert"
    fieldset = page.find("fieldset", attrs={"aria-describedby": "tk-only-error"})
    assert fieldset.find("input", attrs={"name": "only"}) is not None
    assert page.find("input", id="tk-name")["value"] == "Ana <b>López</b>"  # kept, escaped
    assert page.find("input", id="tk-school")["value"] == "Lincoln"
    assert page.select_one("#tk-doc-lang option[selected]")["value"] == "es"
    assert page.select_one("#tk-lang-survey option[selected]")["value"] == "en"
    assert page.find("details").has_attr("open")  # the per-document language is in view
    assert page.select("input[name=only][checked]") == []
    assert page.select_one("input[name=paper][checked]")["value"] == "a4"
    assert page.find("input", attrs={"name": "p", "type": "hidden"})["value"] == token
    other = "es" if lang == "en" else "en"
    switch = page.find("a", class_="pc-switch")["href"]
    assert switch == f"/workshop/toolkit?p={token}&lang={other}"
