"""Where a teacher meets "My toolkit": can they get there from the course's start page in the
workshop app and in JupyterLab, and fill in and download it with the keyboard alone, in English
and Spanish, with the family's language chosen per document? axe finds nothing, and the page
reflows at 200% zoom and at 320 CSS px without scrolling sideways."""

from __future__ import annotations

import io
import json
import os
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import WORKSHOP_CODE, axe_violations, shoot
from keyboard import choose_in_group, choose_select, press_button, tab_to, type_into
from support.launch import running

from partnership_course.workshop.outline import outline

pytestmark = pytest.mark.browser

TIMEOUT = 120_000
TOKEN = "lab-token-for-toolkit-tests"
WANTED = ("survey", "contact-cards")
SIDEWAYS = "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"


def documents_in(download: Any) -> set[str]:
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    return set(archive.namelist())


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`partnership-course lab` as a teacher starts it, with a private store and a known token
    (a Jupyter config folder of its own; no browser opened on the server). Root is not allowed
    here: run as root (CI), the command itself must say so to Jupyter."""
    config = tmp_path_factory.mktemp("jupyter-config")
    (config / "jupyter_server_config.json").write_text(
        json.dumps(
            {
                "ServerApp": {"open_browser": False},
                "IdentityProvider": {"token": TOKEN},
            }
        )
    )
    store = f"sqlite:///{tmp_path_factory.mktemp('lab-store') / 'responses.db'}"
    env = {
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(tmp_path_factory.mktemp("jupyter-runtime")),
        "PARTNERSHIP_COURSE_STORE": store,
        "PARTNERSHIP_COURSE_LEARNER": "lab-teacher",
        "PARTNERSHIP_COURSE_LANG": "en",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    log_path = tmp_path_factory.mktemp("lab-log") / "lab.log"
    argv = [sys.executable, "-m", "partnership_course.cli", "lab", "--port={port}"]
    with log_path.open("w") as log, running(argv, env, log, probe="/api/status") as (url, _):
        yield url


def test_workshop_toolkit_by_keyboard_alone(workshop_url: str, new_page: Any, browser: Any) -> None:
    """Join, reach My toolkit from the start page, switch the page to Spanish, put every
    document in Spanish but the contact cards in English, keep two documents, choose A4 and
    download: all with the keyboard. axe is clean in both languages."""
    page = new_page()
    page.goto(f"{workshop_url}/workshop/join?lang=en", timeout=TIMEOUT)
    type_into(page, page.locator("#code"), WORKSHOP_CODE)
    type_into(page, page.locator("#name"), "Bea <i>Ruiz</i>")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?p=*", timeout=TIMEOUT)
    token = page.url.split("p=", 1)[1].split("&", 1)[0]

    press_button(page, page.locator("a[href^='/workshop/toolkit']"))
    page.wait_for_url("**/workshop/toolkit?*", timeout=TIMEOUT)
    assert page.locator("h1").inner_text() == "My family toolkit"
    assert page.locator("#tk-name").input_value() == "Bea <i>Ruiz</i>"  # shown, not run
    assert axe_violations(page) == []

    # the page in Spanish keeps the participant's link
    press_button(page, page.locator("a.pc-switch[lang=es]"))
    page.wait_for_url("**lang=es*", timeout=TIMEOUT)
    assert f"p={token}" in page.url
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "Mis herramientas para las familias"
    assert axe_violations(page) == []
    shoot(page, "toolkit-workshop-es-1280")

    type_into(page, page.locator("#tk-phone"), "555-0199")
    choose_select(page, page.locator("#tk-doc-lang"), 1)  # English -> Español
    assert page.locator("#tk-doc-lang").input_value() == "es"
    press_button(page, page.locator("details summary"))
    choose_select(page, page.locator("#tk-lang-contact-cards"), 1)  # "the same" -> English
    assert page.locator("#tk-lang-contact-cards").input_value() == "en"
    for box in page.locator("input[name=only]").all():
        doc = box.get_attribute("value")
        if doc not in WANTED:
            press_button(page, box, "Space")
    assert sorted(
        page.locator("input[name=only]:checked").evaluate_all("boxes => boxes.map(b => b.value)")
    ) == sorted(WANTED)
    paper = page.locator("fieldset", has=page.locator("input[name=paper]"))
    assert choose_in_group(page, paper, 1).get_attribute("value") == "a4"
    tab_to(page, page.locator("button[type=submit]"))
    with page.expect_download(timeout=TIMEOUT) as info:
        page.keyboard.press("Enter")
    names = documents_in(info.value)
    assert {"my-toolkit/survey.es.pdf", "my-toolkit/survey.es.docx"} <= names
    assert {"my-toolkit/contact-cards.en.pdf", "my-toolkit/contact-cards.en.vcf"} <= names
    assert not any("glossary" in name or "newsletter" in name for name in names)
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    import pikepdf

    with pikepdf.open(io.BytesIO(archive.read("my-toolkit/survey.es.pdf"))) as pdf:
        box = [round(float(v)) for v in pdf.pages[0].mediabox]
        assert box == [0, 0, 595, 842]  # A4, as chosen
        assert str(pdf.Root.Lang) == "es"
    out = shoot(page, "toolkit-workshop-survey-es").parent / "toolkit-survey-es-a4.pdf"
    out.write_bytes(archive.read("my-toolkit/survey.es.pdf"))

    for width, scale, name in ((640, 2, "200pct"), (320, 1, "320px")):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, device_scale_factor=scale
        )
        try:
            narrow = context.new_page()
            narrow.goto(f"{workshop_url}/workshop/toolkit?p={token}&lang=es", timeout=TIMEOUT)
            narrow.locator("details summary").click()
            assert narrow.evaluate(SIDEWAYS) <= 0, f"scrolls sideways at {width} CSS px"
            shoot(narrow, f"toolkit-workshop-es-{name}")
        finally:
            context.close()


def test_lab_opens_at_the_course_start_page_with_my_toolkit(lab: str, new_page: Any) -> None:
    """JupyterLab opens at the course's start page: every module page opens in JupyterLab, and
    My toolkit is one link away, in English and (by the switch) Spanish, axe clean."""
    page = new_page()
    page.goto(f"{lab}/?token={TOKEN}", timeout=TIMEOUT)
    page.wait_for_url("**/partnership-course/**", timeout=TIMEOUT)
    assert page.locator("h1").inner_text() == "Course pages"
    first = page.locator("ul.pages a").first
    assert first.get_attribute("href") == f"/lab/tree/{outline()[0].pages[0].path}"
    assert axe_violations(page) == []
    shoot(page, "toolkit-lab-start-en")
    syllabus = page.locator("a[href*='/partnership-course/syllabus']")
    assert syllabus.get_attribute("href") == "/partnership-course/syllabus?lang=en"
    reply = page.request.get(f"{lab}/partnership-course/syllabus?lang=en")
    assert reply.ok and "<h1>Course syllabus:" in reply.text()

    press_button(page, page.locator("a.pc-switch[lang=es]"))
    page.wait_for_url("**lang=es*", timeout=TIMEOUT)
    assert page.locator("h1").inner_text() == "Páginas del curso"
    assert page.locator("ul.pages a").first.inner_text().startswith("Módulo 1")
    assert axe_violations(page) == []
    press_button(page, page.locator("a[href*='/partnership-course/toolkit']"))
    page.wait_for_url("**/partnership-course/toolkit?lang=es", timeout=TIMEOUT)
    assert page.locator("h1").inner_text() == "Mis herramientas para las familias"
    assert axe_violations(page) == []
    type_into(page, page.locator("#tk-name"), "Ana López")
    for box in page.locator("input[name=only]").all():
        press_button(page, box, "Space")
    # nothing ticked: the form says so, as it was, instead of sending the whole set
    tab_to(page, page.locator("button[type=submit]"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/partnership-course/toolkit.zip?*", timeout=TIMEOUT)
    assert page.locator("[role=alert]").inner_text() == "Elija al menos un documento."
    assert page.locator("#tk-name").input_value() == "Ana López"
    assert page.locator("input[name=only]:checked").count() == 0
    assert axe_violations(page) == []
    shoot(page, "toolkit-lab-nothing-chosen-es")
    press_button(page, page.locator("#tk-only-contact-cards"), "Space")
    tab_to(page, page.locator("button[type=submit]"))
    with page.expect_download(timeout=TIMEOUT) as info:
        page.keyboard.press("Enter")
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert sorted(archive.namelist()) == [
        "my-toolkit/contact-cards.es.docx",
        "my-toolkit/contact-cards.es.pdf",
        "my-toolkit/contact-cards.es.vcf",
    ]
    assert "FN:Ana López" in archive.read("my-toolkit/contact-cards.es.vcf").decode("utf-8")
