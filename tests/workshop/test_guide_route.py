"""The facilitator guide is reachable from the facilitator page (no Voila, no kernel): a link to
its printable page and its PDF, in the view's language, and only with the facilitator key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from handlers import cookie_of, fetch, text
from support.pdf import pdf_words

from partnership_course.documents.facilitator_guide import guide_path
from partnership_course.workshop.kernel import WORKSHOP_ENV
from partnership_course.workshop.sessions import workshop_store

CODE = "room-guide"
KEY = "guide-facilitator-key"


@pytest.fixture
def cookie(isolated_store: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv(WORKSHOP_ENV, CODE)
    workshop_store(isolated_store).open_workshop(CODE, KEY)
    opened = fetch("/workshop/facilitator", "POST", {"key": KEY}, timeout=120)
    assert opened.code == 303
    return {"Cookie": cookie_of(opened)}


def heading(lang: str) -> str:
    source = guide_path(lang).read_text(encoding="utf-8")
    return next(line[2:].strip() for line in source.splitlines() if line.startswith("# "))


def test_the_facilitator_page_links_the_guide_in_its_language(cookie: dict[str, str]) -> None:
    view = text(fetch("/workshop/facilitator", headers=cookie, timeout=120))
    assert 'href="/workshop/facilitator/guide.html"' in view
    assert 'href="/workshop/facilitator/guide.pdf"' in view
    spanish = text(fetch("/workshop/facilitator?lang=es", headers=cookie, timeout=120))
    assert 'href="/workshop/facilitator/guide.html?lang=es"' in spanish
    assert "Leer la guía para facilitar" in spanish
    page = fetch("/workshop/facilitator/guide.html", headers=cookie, timeout=120)
    assert page.code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert re.search(rf"<h1[^>]*>{re.escape(heading('en'))}</h1>", text(page))
    page_es = text(fetch("/workshop/facilitator/guide.html?lang=es", headers=cookie, timeout=120))
    assert re.search(rf"<h1[^>]*>{re.escape(heading('es'))}</h1>", page_es)


def test_the_guide_pdf_downloads_in_spanish(cookie: dict[str, str], tmp_path: Path) -> None:
    reply = fetch("/workshop/facilitator/guide.pdf?lang=es", headers=cookie, timeout=180)
    assert reply.code == 200 and reply.headers["Content-Type"] == "application/pdf"
    assert 'filename="facilitator-guide.es.pdf"' in reply.headers["Content-Disposition"]
    assert reply.body.startswith(b"%PDF")
    assert heading("es") in pdf_words(reply.body, tmp_path)


def test_the_guide_needs_the_facilitator_key(cookie: dict[str, str]) -> None:
    for kind in ("html", "pdf"):
        refused = fetch(f"/workshop/facilitator/guide.{kind}")
        assert refused.code == 403
        assert "facilitator key is required" in text(refused)
