"""The workshop pages in Spanish: interface strings from the catalogue, `<html lang>`, a language
switch that keeps the token, and what people wrote shown exactly as written (escaped)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from spanish_catalogue import SPANISH

from partnership_course.i18n.messages import extract_messages
from partnership_course.store import Response
from partnership_course.workshop import pages, report
from partnership_course.workshop.outline import all_activities, outline
from partnership_course.workshop.sessions import Participant

TOKEN = "tok_" + "A" * 40
NAME = 'Ana <i>"Course pages"</i> & Co'
ANA = Participant("room-1234", "ws-room-1234-aa", NAME, "2025-03-04T09:15:00+00:00")


@pytest.fixture
def spanish(interface_catalogue: Callable[..., Path]) -> Path:
    """The workshop pages' Spanish catalogue, in a temporary translations folder."""
    return interface_catalogue(SPANISH)


def html_lang(document: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', document)
    assert found, "no <html lang>"
    return found.group(1)


def switch(document: str) -> tuple[str, str, str]:
    """(href, lang attribute, text) of the header's language switch link."""
    found = re.search(
        r'<a class="pc-switch" href="([^"]*)" lang="([^"]*)" hreflang="[^"]*">([^<]*)</a>',
        document,
    )
    assert found, "no language switch"
    return found.group(1), found.group(2), found.group(3)


def test_start_page_in_spanish_keeps_names_as_written(spanish: Path) -> None:
    modules = outline()
    first = modules[0].pages[0]
    done = dict.fromkeys(first.activities, 1)
    document = pages.landing(
        modules, TOKEN, "es", ANA, done, "room-1234", certificate=(False, True)
    )
    assert html_lang(document) == "es"
    for english in (
        "Course pages",
        "Your answers",
        "Download my answers (CSV)",
        "Your certificate",
        "Join as someone else",
        "Skip to the main content",
    ):
        assert SPANISH[english] in document, english
        assert f">{english}<" not in document, english
    assert "Le damos la bienvenida, <strong>" in document
    assert f"{len(first.activities)} de {len(first.activities)} actividades respondidas" in document
    assert "Taller room-1234" in document
    # the name is shown exactly as typed, escaped, and never translated
    assert "Ana &lt;i&gt;&#34;Course pages&#34;&lt;/i&gt; &amp; Co" in document
    assert "<i>" not in document
    # links keep the token and the chosen language; the switch leads to English, same token
    assert f"/workshop/answers.csv?p={TOKEN}&amp;lang=es" in document
    assert switch(document) == (f"/?p={TOKEN}&amp;lang=en", "en", "English")
    # not complete: no certificate link, a sentence saying what it takes
    assert "/workshop/certificate" not in document
    assert "podrá descargar aquí su certificado" in document


def test_start_page_offers_the_certificate_when_complete(spanish: Path) -> None:
    document = pages.landing(outline(), TOKEN, "es", ANA, {}, "room-1234", certificate=(True, True))
    assert f'href="/workshop/certificate.pdf?p={TOKEN}&amp;lang=es"' in document
    assert f'href="/workshop/certificate.html?p={TOKEN}&amp;lang=es"' in document
    assert "Descargar mi certificado (PDF)" in document
    no_pdf = pages.landing(outline(), TOKEN, "en", ANA, {}, "room-1234", certificate=(True, False))
    assert "certificate.pdf" not in no_pdf and "Download my certificate (web page)" in no_pdf
    assert switch(no_pdf)[1:] == ("es", "Español")


def test_browser_language_is_not_written_into_links(spanish: Path) -> None:
    """Spanish from the browser (no `?lang=`): links leave the choice to the browser; the
    switch always names its language."""
    document = pages.landing(outline(), TOKEN, "es", ANA, {}, "room-1234", chosen=False)
    assert f'href="/workshop/answers.csv?p={TOKEN}"' in document
    assert switch(document)[0] == f"/?p={TOKEN}&amp;lang=en"


def test_join_page_in_spanish(spanish: Path) -> None:
    document = pages.join(lang="es")
    assert html_lang(document) == "es"
    assert "<h1>Unirse al taller</h1>" in document
    assert 'for="code">Código del taller<' in document and "Por ejemplo: room-4821" in document
    assert '<input type="hidden" name="lang" value="es">' in document
    assert switch(document) == ("/workshop/join?lang=en", "en", "English")
    # an English message from the store, shown in Spanish; what was typed is kept, escaped
    failed = pages.join(
        "That workshop code was not found. Please check it and try again.",
        name="<b>Bea</b>",
        code="room-0000",
        lang="es",
    )
    assert "No se encontró ese código de taller" in failed
    assert 'value="&lt;b&gt;Bea&lt;/b&gt;"' in failed
    # the browser's language is not carried by the form
    assert 'name="lang"' not in pages.join(lang="es", chosen=False)


def test_refused_page_in_spanish(spanish: Path) -> None:
    document = pages.refused(
        "This participant link is not valid for this workshop. Please join again with the "
        "workshop code.",
        "es",
        switch=f"/?p={TOKEN}&lang=en",
    )
    assert html_lang(document) == "es"
    assert "Este enlace no funciona" in document and "Vuelva a unirse" in document
    assert 'href="/workshop/join?lang=es">Ir a la página para unirse<' in document
    assert switch(document) == (f"/?p={TOKEN}&amp;lang=en", "en", "English")


def test_facilitator_login_and_view_in_spanish(spanish: Path) -> None:
    login = pages.facilitator_login("Esa clave no abre este taller.", "es")
    assert html_lang(login) == "es"
    assert "Clave de la persona que facilita" in login and "Esa clave no abre" in login
    assert switch(login) == ("/workshop/facilitator?lang=en", "en", "English")

    modules = outline()
    reflection = "01-dual-capacity/four-cs-reflection"
    answers = [
        Response(
            ANA.learner,
            "01-dual-capacity",
            reflection,
            "reflection",
            {"text": "<b>Hi</b>"},
            1,
            "2025-03-04T09:20:00+00:00",
        ),
    ]
    summaries = report.room_summaries(all_activities(), answers, [ANA], "es")
    done = report.progress(all_activities(), answers, [ANA])
    fragment = pages.dashboard_fragment(modules, [ANA], done, summaries, "es")
    for heading in ("Quién se ha unido (1)", "Avance por actividad", "Respuestas del grupo"):
        assert heading in fragment
    assert "respondida por 1 de 1" in fragment and "reflexión" in fragment
    assert "Mostrar lo que escribieron las personas" in fragment
    assert "&lt;b&gt;Hi&lt;/b&gt;" in fragment and "<b>Hi" not in fragment  # as written
    assert "Ana &lt;i&gt;" in fragment
    view = pages.dashboard("room-1234", fragment, "es")
    assert html_lang(view) == "es"
    assert "<h1>Vista de la persona que facilita: room-1234</h1>" in view
    assert "Exportar todas las respuestas (CSV)" in view
    # the live part refreshes itself in the same language
    assert 'data-src="/workshop/facilitator/live?lang=es"' in view
    assert "data-src" in pages.REFRESH_JS


def test_english_pages_unchanged_without_a_catalogue(spanish: Path) -> None:
    document = pages.landing(outline(), TOKEN, "en", ANA, {}, "room-1234")
    assert html_lang(document) == "en"
    assert "<h1>Course pages</h1>" in document and "Download my answers (CSV)" in document
    assert switch(document) == (f"/?p={TOKEN}&amp;lang=es", "es", "Español")


def test_every_workshop_string_is_marked_for_the_catalogue() -> None:
    """The AST walk finds each string (literal first argument), including the messages other
    modules make that these pages show."""
    found = extract_messages()
    for msgid in SPANISH:
        assert msgid in found, msgid


def test_empty_reflection_is_not_an_answer() -> None:
    def saved(kind: str, value: dict) -> Response:
        return Response("x", "m", "m/a", kind, value, 1, "2025-01-01T00:00:00+00:00")

    assert report.answered(saved("choice", {"choice": "a"}))
    assert report.answered(saved("reflection", {"text": "Families first."}))
    assert not report.answered(saved("reflection", {"text": "  \n"}))
    assert not report.answered(saved("plain_language", {}))
    assert not report.answered(saved("action_plan", {"fields": {"goal": " "}}))
    assert report.answered(saved("action_plan", {"fields": {"goal": "Call home"}}))
    assert not report.completed([], [])
