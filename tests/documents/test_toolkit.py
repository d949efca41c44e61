"""The family toolkit: is every document, in English and Spanish, an accessible PDF with fields
to fill, an editable Word file, in plain words, and filled in with what the teacher entered?"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest

from partnership_course.cli import main
from partnership_course.documents.toolkit import DOCUMENTS, document_html, write_toolkit
from partnership_course.documents.toolkit.sources import Teacher, ToolkitData, gather
from partnership_course.documents.toolkit.vcard import vcard_text
from partnership_course.store import ResponseStore

TEACHER = Teacher(
    name="Zoë <b>Ngữ</b> O'Neil",
    role="Special education teacher",
    school="Lincoln Elementary; Room 4, East",
    phone="555-0100",
    email="zoe@example.org",
    times="Mornings 7:30-8:00",
    ways="Text or phone",
)
FAMILIES = (
    {"code": "Fam-1", "language": "spanish", "channel": "text", "interpreter": True},
    {"code": "Fam-2", "language": "vietnamese", "channel": "phone", "interpreter": True},
    {"code": "Fam-3", "language": "spanish", "channel": "note", "interpreter": False},
)
DATA = ToolkitData(teacher=TEACHER, family_records=FAMILIES)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every document in both languages, written once for this module's checks."""
    out = tmp_path_factory.mktemp("toolkit")
    paths = write_toolkit(out / "en", DATA, lang="en") + write_toolkit(out / "es", DATA, lang="es")
    return {f"{p.parent.name}/{p.name}": p for p in paths}


def _pdf(written: dict[str, Path], doc: str, lang: str) -> Path:
    return written[f"{lang}/{doc}.{lang}.pdf"]


def _structure(node: object, found: list[tuple[str, str | None]]) -> None:
    """(structure type, alt text) for every element of a PDF structure tree."""
    if isinstance(node, pikepdf.Dictionary):
        kind = node.get("/S")
        if kind is not None:
            alt = node.get("/Alt")
            found.append((str(kind), None if alt is None else str(alt)))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            _structure(kid, found)


def _text(path: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils is needed (./run installs it)"
    said = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    # NFKC: the PDF's ligatures ("ﬁ") read back as their letters
    return " ".join(unicodedata.normalize("NFKC", said.stdout).split())


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("doc", [d.id for d in DOCUMENTS])
def test_pdf_is_tagged_titled_and_in_its_language(
    written: dict[str, Path], doc: str, lang: str
) -> None:
    """Is each PDF tagged (structure tree, marked), in its language, titled, with headings?"""
    with pikepdf.open(_pdf(written, doc, lang)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == lang
        assert str(pdf.docinfo.Title).strip()
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        found: list[tuple[str, str | None]] = []
        _structure(root.StructTreeRoot, found)
        kinds = [kind for kind, _alt in found]
        assert "/H1" in kinds
        for kind, alt in found:
            if kind == "/Figure":
                assert alt and alt.strip(), f"{doc}: a picture without alternative text"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("doc", ["survey", "strengths", "my-day", "my-week", "newsletter"])
def test_family_forms_have_named_fields(written: dict[str, Path], doc: str, lang: str) -> None:
    """Can a family fill the form on screen: form fields, each with an accessible name?"""
    with pikepdf.open(_pdf(written, doc, lang)) as pdf:
        fields = pdf.Root.AcroForm.Fields
        assert len(fields) >= 3
        for field in fields:
            assert str(field.get("/TU", "")).strip(), "a form field without a name"


def test_pictures_carry_their_words(written: dict[str, Path]) -> None:
    """Does every picture on the day sheet have its word as alt text, in Spanish too?"""
    for lang, word in (("en", "happy"), ("es", "feliz")):
        with pikepdf.open(_pdf(written, "my-day", lang)) as pdf:
            found: list[tuple[str, str | None]] = []
            _structure(pdf.Root.StructTreeRoot, found)
            alts = [alt for kind, alt in found if kind == "/Figure"]
            assert len(alts) >= 12
            assert word in alts
        assert word in _text(_pdf(written, "my-day", lang))  # the word is printed, not only alt


def test_teacher_details_appear_exactly(written: dict[str, Path]) -> None:
    """Are the teacher's own details on the cards exactly as typed (markup shown, not run)?"""
    words = _text(_pdf(written, "contact-cards", "es"))
    assert "Zoë <b>Ngữ</b> O'Neil" in words
    assert words.count("555-0100") == 8  # eight cards on the sheet
    assert "Llámeme o escríbame" in words
    html = document_html("contact-cards", DATA, "en")
    assert "<b>Ngữ</b>" not in html and "&lt;b&gt;Ngữ&lt;/b&gt;" in html


def test_teachers_copy_lists_the_planner_families(written: dict[str, Path]) -> None:
    """Does the teacher's copy list the families from the planner, with language labels?"""
    words = _text(_pdf(written, "survey-teacher", "en"))
    for code in ("Fam-1", "Fam-2", "Fam-3"):
        assert code in words
    assert "Spanish (2), Vietnamese (1)" in words
    assert "Español" in _text(_pdf(written, "survey-teacher", "es")) or "español" in _text(
        _pdf(written, "survey-teacher", "es")
    )


def test_call_script_follows_the_strong_path(written: dict[str, Path]) -> None:
    """Is the call script the strong path of the scheduling conversation, step by step?"""
    from partnership_course.content.loader import load_scenario
    from partnership_course.documents.toolkit.sources import CALL, strong_path

    scenario = load_scenario(CALL)
    steps = strong_path(scenario, "en")
    assert steps
    place = scenario.start
    for step in steps:
        node = scenario.node(place)
        assert node is not None
        choice = next(
            c for c in node.choices if " ".join(c.text.split()) == " ".join(step.line.split())
        )
        place = choice.next
    ending = scenario.ending(place)
    assert ending is not None and ending.outcome == "strong"
    words = _text(_pdf(written, "call-script", "en"))
    assert " ".join(steps[0].line.split())[:40] in words


def test_glossary_is_the_plain_language_list(written: dict[str, Path]) -> None:
    """Does the glossary hold the course's plain-language terms in the document's language?"""
    from partnership_course.content.loader import load_scenario
    from partnership_course.documents.toolkit.sources import GLOSSARY

    terms = load_scenario(GLOSSARY).terms  # type: ignore[attr-defined]
    html = document_html("glossary", DATA, "es")
    for term in terms:
        assert f">{term.term}</strong>" in html.replace("&#34;", '"')
    assert "Programa de Educación Individualizado" in html
    from support.html import parse

    marks = {s.get_text(): s.get("lang") for s in parse(html).select("td strong")}
    assert marks["IEP"] == "en"  # an English term in a Spanish page is marked English
    spanish_only = [t for t, mark in marks.items() if mark is None]
    english = {t.term for t in terms}
    assert all(t not in english for t in spanish_only)


@pytest.mark.parametrize("doc", [d.id for d in DOCUMENTS])
def test_word_file_has_the_same_text(written: dict[str, Path], doc: str) -> None:
    """Is there an editable Word file of each document, with its title and headings?"""
    from docx import Document

    for lang in ("en", "es"):
        word = Document(str(written[f"{lang}/{doc}.{lang}.docx"]))
        assert word.core_properties.language == lang
        headings = [
            p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))
        ]
        assert headings and headings[0] == word.core_properties.title
        body = " ".join(p.text for p in word.paragraphs) + " ".join(
            c.text for t in word.tables for r in t.rows for c in r.cells
        )
        assert len(body.split()) >= 15


def test_vcard_parses_back_to_the_same_fields() -> None:
    """Does the vCard parse back (vobject) to exactly the teacher's details?"""
    import vobject

    card = vobject.readOne(vcard_text(TEACHER, "es"))
    assert card.fn.value == TEACHER.name
    assert card.org.value == [TEACHER.school]
    assert card.title.value == TEACHER.role
    assert card.tel.value == TEACHER.phone
    assert card.email.value == TEACHER.email
    assert TEACHER.times in card.note.value and "Mejores horas" in card.note.value


def _visible_text(html: str, lines: bool = False) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["style", "script", "title"]):
        hidden.decompose()
    for marked in soup.select('[lang="en"]'):
        if marked.name != "html":
            marked.decompose()
    if lines:  # one line per element: a label or a choice is its own sentence
        return "\n".join(s for s in soup.get_text("\n").split("\n") if s.strip())
    return " ".join(soup.get_text(" ").split())


def test_grade_level_formula_tells_plain_from_dense() -> None:
    """Does the formula put a plain sentence low and a dense one high (so the check can fail)?"""
    assert flesch_kincaid_grade("We will call you. You can ask us anything.") < 3
    dense = (
        "The individualized education program documentation necessitates comprehensive "
        "multidisciplinary evaluation of educational performance and functional capabilities."
    )
    assert flesch_kincaid_grade(dense) > 12


@pytest.mark.parametrize("doc", [d.id for d in DOCUMENTS])
def test_spanish_is_spanish(doc: str) -> None:
    """Is the Spanish document translated: different from the English, no English sentences
    left outside marked names and the teacher's own details?"""
    blank = ToolkitData()
    english = _visible_text(document_html(doc, blank, "en"))
    spanish = _visible_text(document_html(doc, blank, "es"))
    assert spanish != english
    english_sentences = {s.strip() for s in re.split(r"(?<=[.?!:])\s+", english) if len(s) > 24}
    left = [s for s in english_sentences if s in spanish]
    assert not left, f"English left in the Spanish {doc}: {left[:3]}"


def flesch_kincaid_grade(text: str) -> float:
    """The Flesch-Kincaid grade level of English text.

    0.39 x words per sentence + 11.8 x syllables per word - 15.59, with syllables counted from
    pyphen's hyphenation dictionary (hyphenation points + 1), as textstat did before it moved to
    a word list that it downloads at run time. A form's labels and choices count as sentences.
    """
    import pyphen

    dic = pyphen.Pyphen(lang="en_US")
    sentences = [s for s in re.split(r"[.?!:]+\s+|\n", text) if re.search(r"[A-Za-z]", s)]
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    syllables = sum(max(1, len(dic.positions(w)) + 1) for w in words)
    return 0.39 * len(words) / max(1, len(sentences)) + 11.8 * syllables / len(words) - 15.59


@pytest.mark.parametrize("doc", [d.id for d in DOCUMENTS if d.family_facing])
def test_family_documents_read_at_grade_six_or_below(doc: str) -> None:
    """Are family-facing documents in plain words (Flesch-Kincaid grade 6 or below)?"""

    text = _visible_text(document_html(doc, ToolkitData(), "en"), lines=True)
    if doc == "glossary":  # the terms themselves are the jargon being explained
        from partnership_course.content.loader import load_scenario
        from partnership_course.documents.toolkit.sources import GLOSSARY

        for term in load_scenario(GLOSSARY).terms:  # type: ignore[attr-defined]
            text = text.replace(term.term, "it")
    grade = flesch_kincaid_grade(text)
    assert grade <= 6.0, f"{doc}: grade {grade}"


def test_a4_and_letter(tmp_path: Path) -> None:
    """Is US Letter the default and A4 there on request?"""
    letter = write_toolkit(tmp_path / "l", DATA, only=["survey"])[0]
    a4 = write_toolkit(tmp_path / "a", DATA, only=["survey"], paper="a4")[0]
    with pikepdf.open(letter) as pdf:
        width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
        assert (round(width), round(height)) == (612, 792)
    with pikepdf.open(BytesIO(a4.read_bytes())) as pdf:
        width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
        assert (round(width), round(height)) == (595, 842)


def test_command_writes_chosen_languages_from_the_learners_planner(
    tmp_path: Path, store: ResponseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """Does `partnership-course toolkit` write the survey in Spanish for one family, the rest in
    English, filled in from the learner's own planner answers?"""
    families = {"families": list(FAMILIES)}
    store.save("ana", "03-continuum", "03-continuum/weekly-contacts", "contact_planner", families)
    out = tmp_path / "toolkit"
    code = main(
        [
            "toolkit",
            "--out",
            str(out),
            "--lang",
            "en",
            "--doc-lang",
            "survey=es",
            "--only",
            "survey",
            "--only",
            "survey-teacher",
            "--only",
            "contact-cards",
            "--learner",
            "ana",
            "--store",
            store.url,
            "--name",
            "Ana López",
        ]
    )
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "contact-cards.en.docx",
        "contact-cards.en.pdf",
        "contact-cards.en.vcf",
        "survey-teacher.en.docx",
        "survey-teacher.en.pdf",
        "survey.es.docx",
        "survey.es.pdf",
    ]
    assert "Fam-2" in _text(out / "survey-teacher.en.pdf")
    assert "Ana López" in (out / "contact-cards.en.vcf").read_text(encoding="utf-8")
    assert "survey.es.pdf" in capsys.readouterr().out


def test_bad_input_is_refused_plainly(tmp_path: Path) -> None:
    """Do an unknown document, language or paper, and an overlong detail, fail clearly?"""
    with pytest.raises(SystemExit):
        main(["toolkit", "--out", str(tmp_path), "--doc-lang", "survey=xx"])
    with pytest.raises(ValueError, match="no toolkit document 'nope'"):
        write_toolkit(tmp_path, DATA, only=["nope"])
    with pytest.raises(ValueError, match="paper"):
        document_html("survey", DATA, "en", paper="legal")
    with pytest.raises(ValueError, match="name: at most 200"):
        Teacher(name="x" * 201)
    assert not any(tmp_path.iterdir())


def test_gather_without_planner_answers(store: ResponseStore) -> None:
    """A teacher who never used the planner gets an empty family list, not an error."""
    data = gather(Teacher(name="A"), "nobody", store).in_language("en")
    assert data.families == ()
    assert "no families yet" in document_html("survey-teacher", data, "en")
