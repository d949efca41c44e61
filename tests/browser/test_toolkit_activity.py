"""The toolkit activity at the end of module 03's contact planner page, in Voila, by keyboard
alone in English and Spanish: nothing chosen is said plainly; the teacher's name, two documents
(one in the other language) and A4 make five download links; the files downloaded hold what was
typed and the families of the planner. Every control labelled, axe with no violation."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from audits import audit_controls, axe_violations, look
from keyboard import TIMEOUT, choose_in_group, choose_select, press_button, tab_to

from partnership_course.store import ResponseStore

pytestmark = pytest.mark.browser

LEARNER = "browser-tester"  # the voila_url server's learner
PAGE = "03-continuum/02-contact-planner.ipynb"
FAMILIES = [{"code": "F-9", "language": "vietnamese", "channel": "text", "interpreter": True}]
SAID = {
    "en": ("Choose at least one document.", "Make my documents"),
    "es": ("Elija al menos un documento.", "Hacer mis documentos"),
}


def download(page: Any, link: Any) -> tuple[str, bytes]:
    """Tab to a download link and press Enter: the file's suggested name and its bytes."""
    tab_to(page, link)
    with page.expect_download(timeout=TIMEOUT) as info:
        page.keyboard.press("Enter")
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


@pytest.mark.parametrize(("lang", "other", "other_index"), [("en", "es", 1), ("es", "en", 0)])
def test_toolkit_activity_by_keyboard(
    voila_url: str, browser_store: str, page: Any, lang: str, other: str, other_index: int
) -> None:
    ResponseStore(browser_store).save(
        LEARNER,
        "03-continuum",
        "03-continuum/weekly-contacts",
        "contact_planner",
        {"families": FAMILIES},
    )
    page.goto(f"{voila_url}/voila/render/{PAGE}?lang={lang}", wait_until="commit", timeout=TIMEOUT)
    toolkit = page.locator(".pc-toolkit")
    toolkit.locator("input[type=text]").first.wait_for(state="visible", timeout=TIMEOUT)
    # the workshop's own page template asks for the room's script (the hub's does not)
    assert page.locator("script[src='/workshop/static/now.js']").count() == 1
    audit = audit_controls(toolkit)
    assert audit["problems"] == [] and audit["groups"] >= 1, audit
    assert axe_violations(page, ".pc-toolkit") == []
    nothing, make_label = SAID[lang]

    for box in toolkit.locator("input[type=checkbox]").all():
        if box.is_checked():
            press_button(page, box, "Space")
    make = toolkit.get_by_role("button", name=make_label)
    press_button(page, make)
    toolkit.locator("[role=alert]", has_text=nothing).wait_for(timeout=TIMEOUT)
    assert toolkit.locator(".pc-toolkit-files a").count() == 0

    name = toolkit.locator("input[type=text]").first
    tab_to(page, name)
    page.keyboard.press("Control+A")
    page.keyboard.type(f"Ana <b>López</b> {lang}")
    documents = toolkit.locator("fieldset.pc-toolkit-document")
    teacher_copy, cards = documents.nth(1), documents.nth(2)
    press_button(page, teacher_copy.locator("input[type=checkbox]"), "Space")
    press_button(page, cards.locator("input[type=checkbox]"), "Space")
    choose_select(page, cards.locator("select"), other_index)
    paper = toolkit.locator("fieldset", has=page.locator("input[type=radio]"))
    assert choose_in_group(page, paper, 1).get_attribute("value") == "a4"
    press_button(page, make)
    links = toolkit.locator(".pc-toolkit-files a")
    links.nth(4).wait_for(timeout=TIMEOUT)
    assert links.count() == 5
    assert toolkit.locator("b").count() == 0  # the typed markup stayed text
    assert axe_violations(page, ".pc-toolkit") == []
    look(page, toolkit, f"toolkit-activity-{lang}")

    filename, card = download(page, links.filter(has_text="vCard"))
    assert filename == f"contact-cards.{other}.vcf"
    assert f"FN:Ana <b>López</b> {lang}" in card.decode("utf-8")
    filename, pdf = download(page, links.filter(has_text="PDF").last)
    assert filename == f"contact-cards.{other}.pdf"
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        assert str(opened.Root.Lang) == other
        assert [round(float(v)) for v in opened.pages[0].mediabox] == [0, 0, 595, 842]
    filename, word = download(page, links.nth(1))  # a document left in the page's language
    assert filename == f"survey-teacher.{lang}.docx"
    assert "F-9" in zipfile.ZipFile(io.BytesIO(word)).read("word/document.xml").decode()
    assert page.console_errors == []
