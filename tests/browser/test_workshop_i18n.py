"""The workshop's own pages in Spanish, in a real browser: join with `?lang=es`, a Spanish start
page, the language switch to English with the same participant link, and a Spanish facilitator
view that stays Spanish when it refreshes itself.

The server here reads a copy of `translations/` whose interface catalogue also holds the test
translations of the workshop strings (tests/workshop/spanish_catalogue.py), so the test does not
depend on how far `translations/es/interface.po` has been filled in.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browsing import ROOT, shoot

sys.path.insert(0, str(ROOT / "tests" / "workshop"))
from spanish_catalogue import SPANISH, po_string

pytestmark = pytest.mark.browser

CODE = "room-1357"
KEY = "facilitator-key-for-i18n-tests"
NAME = "María <b>José</b>"


def translations_with_test_catalogue(target: Path) -> Path:
    """A copy of the course's translations; the test strings added to each missing msgid."""
    from partnership_course.i18n import catalogue

    shutil.copytree(ROOT / "translations", target)
    po = target / "es" / "interface.po"
    known = set(catalogue("es"))
    extra = [
        f"\nmsgid {po_string(en)}\nmsgstr {po_string(es)}\n"
        for en, es in SPANISH.items()
        if en not in known
    ]
    po.write_text(po.read_text(encoding="utf-8") + "".join(extra), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def spanish_workshop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from support.launch import workshop_server

    base = tmp_path_factory.mktemp("workshop-i18n")
    translations = translations_with_test_catalogue(base / "translations")
    store = f"sqlite:///{base / 'responses.db'}"
    before = os.environ.get("PARTNERSHIP_COURSE_TRANSLATIONS")
    os.environ["PARTNERSHIP_COURSE_TRANSLATIONS"] = str(translations)  # the server inherits it
    try:
        with (
            (base / "voila.log").open("w") as log,
            workshop_server(store, code=CODE, key=KEY, log=log) as server,
        ):
            yield server.url
    finally:
        if before is None:
            os.environ.pop("PARTNERSHIP_COURSE_TRANSLATIONS", None)
        else:
            os.environ["PARTNERSHIP_COURSE_TRANSLATIONS"] = before


def token_of(url: str) -> str:
    return parse_qs(urlparse(url).query)["p"][0]


def test_participant_joins_in_spanish_and_switches_to_english(
    spanish_workshop: str, new_page: object
) -> None:
    page = new_page()  # type: ignore[operator]
    page.goto(f"{spanish_workshop}/workshop/join?lang=es")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator("h1").inner_text() == "Unirse al taller"
    page.get_by_label("Código del taller").fill(CODE)
    page.get_by_label("Su nombre").fill(NAME)
    page.get_by_role("button", name="Unirse al taller").click()
    page.wait_for_url("**/?p=*")

    # the start page, in Spanish; the name exactly as typed
    token = token_of(page.url)
    assert parse_qs(urlparse(page.url).query)["lang"] == ["es"]
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator("h1").inner_text() == "Páginas del curso"
    main = page.inner_text("main")
    assert f"Le damos la bienvenida, {NAME}." in main
    assert page.locator("main b").count() == 0
    assert "Descargar mis respuestas (CSV)" in main and "Su certificado" in main
    assert page.get_by_role("link", name="Módulo 1, parte 1", exact=False).count() == 1
    shoot(page, "workshop-i18n-start-es")

    # the switch: marked as English, leads to the English start page with the same token
    switch = page.get_by_role("link", name="English")
    assert switch.get_attribute("lang") == "en"
    switch.click()
    page.wait_for_url("**/?p=*lang=en")
    assert token_of(page.url) == token
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").inner_text() == "Course pages"
    assert f"Welcome, {NAME}." in page.inner_text("main")
    back = page.get_by_role("link", name="Español")
    assert back.get_attribute("lang") == "es"
    assert token_of(back.get_attribute("href")) == token
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_facilitator_view_in_spanish(spanish_workshop: str, new_page: object) -> None:
    page = new_page()  # type: ignore[operator]
    page.goto(f"{spanish_workshop}/workshop/facilitator?lang=es")
    assert page.evaluate("document.documentElement.lang") == "es"
    page.get_by_label("Clave de la persona que facilita").fill(KEY)
    page.get_by_role("button", name="Abrir la vista de la persona que facilita").click()
    page.wait_for_url("**/workshop/facilitator?lang=es")
    assert page.evaluate("document.documentElement.lang") == "es"
    headings = page.locator("main h2").all_inner_texts()
    assert headings[0] == "Marcar el ritmo del grupo", headings  # pacing comes first
    assert headings[1].startswith("Quién se ha unido ("), headings
    assert headings[2:4] == ["Avance por actividad", "Respuestas del grupo"], headings
    assert NAME in page.inner_text("main")
    assert page.get_by_role("link", name="English").get_attribute("lang") == "en"
    # the live part refreshes itself every 10 s, and stays Spanish
    with page.expect_response(lambda r: "/workshop/facilitator/live" in r.url, timeout=20_000):
        pass
    page.wait_for_timeout(300)
    assert page.locator("#live h2").first.inner_text().startswith("Quién se ha unido (")
    shoot(page, "workshop-i18n-facilitator-es")
    assert page.console_errors == []  # type: ignore[attr-defined]
