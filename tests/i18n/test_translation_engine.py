"""Do translations change only text, fall back to English, and report what is missing?"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from partnership_course.course import Course
from partnership_course.i18n import catalogue, gettext
from partnership_course.i18n.messages import extract_messages, missing_messages, update_catalogue
from partnership_course.i18n.notebooks import missing_notebook_text, translate_notebook
from partnership_course.i18n.overlay import missing_translations

ENGLISH = """\
schema_version: 1
kind: choice
id: q
title: Who may come to the IEP meeting?
question: A parent asks if she may bring her sister to the meeting. What do you say?
options:
  - id: a
    text: Yes of course she can come
    correct: true
    feedback: Parents may bring people who know the child.
  - {id: b, text: No she cannot come, feedback: The rule says the opposite of this.}
"""

SPANISH = """\
schema_version: 1
kind: choice
id: q
title: ¿Quién puede venir a la reunión del IEP?
question: Una madre pregunta si puede traer a su hermana a la reunión. ¿Qué le dice?
options:
  - id: a
    text: Sí claro que puede venir
    correct: true
    feedback: Los padres pueden traer a personas que conocen al niño.
  - {id: b, text: No ella no puede venir, feedback: La norma dice lo contrario.}
"""


@pytest.fixture
def translations(tmp_path: Path, scenario_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "translations"
    (root / "es" / "scenarios" / "m").mkdir(parents=True)
    (root / "es" / "glossary.yaml").write_text(
        "terms:\n  - {en: IEP, es: Programa de Educación Individualizado (IEP), short: IEP,"
        " avoid: [PEI]}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PARTNERSHIP_COURSE_TRANSLATIONS", str(root))
    (scenario_dir / "m" / "q.yaml").write_text(ENGLISH, encoding="utf-8")
    catalogue.cache_clear()
    yield root
    catalogue.cache_clear()


def write_es(root: Path, text: str) -> Path:
    path = root / "es" / "scenarios" / "m" / "q.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_spanish_widget_same_answers(
    translations: Path, make_course: Callable[..., Course]
) -> None:
    """Is the Spanish text shown, and does an answer given in English stay after switching?"""
    write_es(translations, SPANISH)
    make_course(module="m", lang="en").activity("q").choose("a")
    widget = make_course(module="m", lang="es").activity("q")
    assert "¿Quién puede venir" in widget.content["title"]
    assert widget.answer == "a"
    assert "Los padres pueden traer" in widget.feedback["text"]


def test_missing_translation_falls_back_and_is_reported(
    translations: Path, make_course: Callable[..., Course]
) -> None:
    """With no Spanish file, is English shown and the gap reported by file?"""
    widget = make_course(module="m", lang="es").activity("q")
    assert "Who may come" in widget.content["title"]
    [problem] = missing_translations("es")
    assert "no es translation" in problem.message and problem.file.name == "q.yaml"


def test_translation_may_not_change_the_key(
    translations: Path, make_course: Callable[..., Course]
) -> None:
    """A translation that moves `correct` is refused (English shown) and reported with its line."""
    path = write_es(
        translations,
        SPANISH.replace("correct: true", "correct: false").replace(
            "{id: b, text: No ella", "{id: b, correct: true, text: No ella"
        ),
    )
    problems = missing_translations("es")
    assert [(p.file, p.line, p.field) for p in problems] == [(path, 9, "options[0].correct")]
    assert "may change only text" in problems[0].message
    assert "Who may come" in make_course(module="m", lang="es").activity("q").content["title"]


def test_untranslated_and_glossary_problems(translations: Path) -> None:
    """Are English left in place and a forbidden term both reported at their fields?"""
    text = SPANISH.replace(
        "feedback: La norma dice lo contrario.", "feedback: The rule says the opposite of this."
    )
    text = text.replace("reunión del IEP", "reunión del PEI")
    write_es(translations, text)
    found = {(p.line, p.field, p.message) for p in missing_translations("es")}
    assert (11, "options[1].feedback", "not translated (same as the English)") in found
    assert (4, "title", "use 'Programa de Educación Individualizado (IEP)', not 'PEI'") in found
    assert any(f == "title" and "English says 'IEP'" in m for _, f, m in found)


def test_a_broken_glossary_entry_is_a_problem_at_its_line(translations: Path) -> None:
    """Is a glossary term without its Spanish, or with `avoid:` written as one word, reported at
    its line (once, by `validate`'s translation check) while the good terms still apply,
    instead of a KeyError, or an `avoid` read letter by letter?"""
    from partnership_course.i18n.commands import translation_problems
    from partnership_course.i18n.glossary import glossary_problems, load_terms

    (translations / "es" / "glossary.yaml").write_text(
        "terms:\n"
        "  - {en: IEP, es: Programa de Educación Individualizado (IEP), avoid: [PEI]}\n"
        "  - {en: FAPE}\n"
        "  - {en: LRE, es: entorno menos restrictivo (LRE), avoid: LRE-es}\n",
        encoding="utf-8",
    )
    found = [(p.line, p.field, p.message) for p in glossary_problems("es")]
    assert found == [
        (3, "terms[1]", "`es:` must be the term's text"),
        (4, "terms[2]", "`avoid:` must be a list of texts, e.g. [PEI]"),
    ]
    assert [t.en for t in load_terms("es")] == ["IEP"]
    assert [p.field for p in translation_problems("es") if p.field.startswith("terms[")] == [
        "terms[1]",
        "terms[2]",
    ]


def test_notebook_translation(tmp_path: Path, translations: Path) -> None:
    """Are markdown cells replaced by id, the module started in Spanish, and gaps reported?"""
    modules = tmp_path / "modules"
    (modules / "m").mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Welcome", id="title-md"),
        nbformat.v4.new_code_cell(
            'from partnership_course import start\n\ncourse = start("m")', id="start-code"
        ),
        nbformat.v4.new_markdown_cell("Read on.", id="more-md"),
    ]
    path = modules / "m" / "intro.ipynb"
    nbformat.write(nb, path)
    text = translations / "es" / "modules" / "m" / "intro.yaml"
    text.parent.mkdir(parents=True)
    text.write_text(
        "notebook: intro.ipynb\ncells:\n  title-md: '# Bienvenida'\n  gone-md: x\n",
        encoding="utf-8",
    )
    spanish = translate_notebook(path, "es")
    assert [c.source for c in spanish.cells] == [
        "# Bienvenida",
        'from partnership_course import start\n\ncourse = start("m", lang="es")',
        "Read on.",
    ]
    assert [c.id for c in spanish.cells] == ["title-md", "start-code", "more-md"]
    problems = {(p.field, p.message) for p in missing_notebook_text("es", modules)}
    assert problems == {
        ("cells.more-md", "no es text for this cell"),
        ("cells.gone-md", "intro.ipynb has no markdown cell with this id"),
    }


def test_interface_catalogue_round_trip(translations: Path) -> None:
    """Does update add every marked string, and does a filled entry translate the interface?"""
    added, total = update_catalogue("es")
    assert added == total == len(extract_messages()) > 20
    assert len(missing_messages("es")) == total
    po = translations / "es" / "interface.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "Check my sort"\nmsgstr ""',
            'msgid "Check my sort"\nmsgstr "Revisar mi clasificación"',
        ),
        encoding="utf-8",
    )
    catalogue.cache_clear()
    assert gettext("Check my sort", "es") == "Revisar mi clasificación"
    assert gettext("Check my sort", "en") == "Check my sort"
    assert len(missing_messages("es")) == total - 1


def test_lab_in_spanish_opens_translated_notebooks() -> None:
    """Does `lab --lang es` get a folder of Spanish notebooks that start the module in Spanish?"""
    from partnership_course.content.paths import modules_dir
    from partnership_course.lab import lab_root
    from partnership_course.notebooks import module_notebooks

    assert lab_root("en") == modules_dir()
    spanish = lab_root("es")
    english = module_notebooks(modules_dir())
    built = module_notebooks(spanish)
    assert [p.relative_to(spanish) for p in built] == [
        p.relative_to(modules_dir()) for p in english
    ]
    first = nbformat.read(built[0], as_version=4)
    assert first.metadata["language"] == "es"
    assert any('lang="es")' in c.source for c in first.cells if c.cell_type == "code")
