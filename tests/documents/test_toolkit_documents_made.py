"""The toolkit activity in module 03: does a teacher get their chosen documents, filled in with
the details they typed and the families of their contact planner, each in the language chosen
for it, and is "nothing chosen" said plainly with nothing lost?"""

from __future__ import annotations

import io
import typing
from typing import Any

import pikepdf

from partnership_course.content.kinds import is_answered
from partnership_course.content.toolkit import DocumentId
from partnership_course.course import Course
from partnership_course.documents.toolkit import DOCUMENTS
from partnership_course.store import ResponseStore

LEARNER = "toolkit-teacher"
PLANNER = "03-continuum/weekly-contacts"
FAMILIES = [{"code": "F-9", "language": "vietnamese", "channel": "text", "interpreter": True}]


def widget(store: ResponseStore, lang: str = "en") -> Any:
    return Course("03-continuum", learner=LEARNER, store=store, lang=lang).activity("my-toolkit")


def test_offered_ids_are_the_toolkits_documents() -> None:
    """Content may name exactly the documents the toolkit makes (content cannot import them)."""
    assert list(typing.get_args(DocumentId)) == [d.id for d in DOCUMENTS]


def test_made_documents_are_filled_in_and_in_their_languages(store: ResponseStore) -> None:
    store.save(LEARNER, "03-continuum", PLANNER, "contact_planner", {"families": FAMILIES})
    tk = widget(store)
    assert not is_answered("toolkit", tk.state())
    for doc in list(tk.response["documents"]):
        tk.include(doc, False)
    tk.write("name", "Zoë <b>Ngữ</b>")
    tk.write("phone", "555-0100")
    tk.include("survey-teacher", True)
    tk.include("contact-cards", True)
    tk.choose_language("contact-cards", "es")
    tk.choose_paper("a4")
    tk.make()
    files = {f["filename"]: f for f in tk.feedback["files"]}
    assert sorted(files) == [
        "contact-cards.es.docx",
        "contact-cards.es.pdf",
        "contact-cards.es.vcf",
        "survey-teacher.en.docx",
        "survey-teacher.en.pdf",
    ]
    assert files["contact-cards.es.pdf"]["mime"] == "application/pdf"
    assert files["contact-cards.es.pdf"]["label"] == "How to reach me (PDF, Español)"
    # the state names the files, never their bytes (4.5 MB would sit in every view's state)
    assert all(set(f) == {"id", "filename", "mime", "size", "label"} for f in files.values())
    sent: list[tuple[dict, list]] = []
    tk.send = lambda content, buffers=None: sent.append((content, buffers))
    tk._on_event(tk, {"event": "download", "file": files["contact-cards.es.vcf"]["id"]}, [])
    ((message, buffers),) = sent  # what a click on the page's link gets: one message, one buffer
    assert message == {
        "file": files["contact-cards.es.vcf"]["id"],
        "filename": "contact-cards.es.vcf",
        "mime": "text/vcard",
    }
    card = bytes(buffers[0]).decode("utf-8")
    assert len(buffers[0]) == files["contact-cards.es.vcf"]["size"]
    assert "FN:Zoë <b>Ngữ</b>" in card and "555-0100" in card  # exactly as typed
    pdf_bytes = tk.made_file("contact-cards.es.pdf")
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        assert str(pdf.Root.Lang) == "es"
        assert [round(float(v)) for v in pdf.pages[0].mediabox] == [0, 0, 595, 842]  # A4
    from docx import Document

    copy = Document(io.BytesIO(tk.made_file("survey-teacher.en.docx")))
    cells = [c.text for t in copy.tables for r in t.rows for c in r.cells]
    assert "F-9" in cells and "Vietnamese" in cells  # from the teacher's own planner
    assert "ready: 5 files" in tk.status["text"] and not tk.status["alert"]

    saved = store.load(LEARNER, "03-continuum", "03-continuum/my-toolkit")
    assert saved is not None and is_answered("toolkit", saved.value)
    assert saved.value["details"]["name"] == "Zoë <b>Ngữ</b>"
    assert saved.value["made"] == ["survey-teacher", "contact-cards"]
    again = widget(store, lang="es")  # the page opened again, in Spanish
    assert again.state() == saved.value
    assert again.response["languages"]["contact-cards"] == "es"
    assert again.response["languages"]["survey-teacher"] == "es"  # unchosen: the page's language
    assert saved.value["languages"] == {"contact-cards": "es"}
    assert again.response["paper"] == "a4" and again.response["replace"] is True


def test_nothing_chosen_is_said_and_nothing_is_lost(store: ResponseStore) -> None:
    tk = widget(store, lang="es")
    tk.write("school", "Lincoln")
    for doc in list(tk.response["documents"]):
        tk.include(doc, False)
    before = tk.state()
    tk.make()
    assert tk.status == {"text": "Elija al menos un documento.", "alert": True}
    assert tk.feedback == {} and tk.state() == before
    assert not is_answered("toolkit", tk.state())
    assert store.load(LEARNER, "03-continuum", "03-continuum/my-toolkit").value == before


def test_bad_events_are_refused_plainly(store: ResponseStore) -> None:
    tk = widget(store)
    before = tk.state()
    for event in (
        {"event": "write", "field": "password", "text": "x"},
        {"event": "language", "document": "survey", "lang": "xx"},
        {"event": "include", "document": "not-offered", "chosen": True},
        {"event": "paper", "paper": "legal"},
        {"event": "download", "file": "file-0"},  # nothing made yet
    ):
        tk._on_event(tk, event, [])
        assert tk.status["alert"] is True
    assert tk.state() == before
    tk.write("name", "x" * 500)
    assert tk.state()["details"]["name"] == "x" * 200  # cut as the box cuts it
