"""Does a malformed scenario file name the exact file, line and field of each problem?"""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_course.content import ScenarioError
from partnership_course.content.loader import load_all, parse_file

GOOD = """\
schema_version: 1
kind: choice
id: {name}
title: A check
question: Which one?
options:
  - id: a
    text: First
    correct: true
    feedback: Yes, because.
  - id: b
    text: Second
    feedback: No, because.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "m" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[tuple[int, str, str]]:
    with pytest.raises(ScenarioError) as caught:
        parse_file(path)
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def test_good_file_loads(scenario_dir: Path) -> None:
    """Is the template below valid, so each mutation tests one thing only?"""
    assert parse_file(write(scenario_dir, "ok", GOOD.format(name="ok"))).id == "ok"


def test_bad_yaml_names_line(scenario_dir: Path) -> None:
    """Does broken YAML syntax report the line where the parser stopped?"""
    text = GOOD.format(name="bad").replace("    text: Second", "    text: [Second")
    [(line, _field, message)] = problems_of(write(scenario_dir, "bad", text))
    assert line in (12, 13)
    assert "invalid YAML" in message


def test_missing_field(scenario_dir: Path) -> None:
    """Does a missing required field name the field and the line of its parent?"""
    text = GOOD.format(name="nofb").replace("    feedback: No, because.\n", "")
    assert problems_of(write(scenario_dir, "nofb", text)) == [
        (11, "options[1].feedback", "required field is missing")
    ]


def test_wrong_type(scenario_dir: Path) -> None:
    """Does a value of the wrong type name its own line and field?"""
    text = GOOD.format(name="wt").replace("correct: true", "correct: maybe")
    [(line, field, message)] = problems_of(write(scenario_dir, "wt", text))
    assert (line, field) == (9, "options[0].correct")
    assert "boolean" in message


def test_unknown_kind(scenario_dir: Path) -> None:
    """Is an unknown activity kind reported on the kind line, listing the known kinds?"""
    text = GOOD.format(name="uk").replace("kind: choice", "kind: quiz")
    [(line, field, message)] = problems_of(write(scenario_dir, "uk", text))
    assert (line, field) == (2, "kind")
    assert "'quiz'" in message and "choice" in message


def test_duplicate_option_id(scenario_dir: Path) -> None:
    """Are two options with one id reported on the options field?"""
    text = GOOD.format(name="dup").replace("  - id: b", "  - id: a")
    [(line, field, message)] = problems_of(write(scenario_dir, "dup", text))
    assert (line, field) == (11, "options[1].id")
    assert "duplicate option id 'a'" in message


def test_duplicate_key(scenario_dir: Path) -> None:
    """Is a key written twice an error (PyYAML would silently keep only the second)?"""
    text = GOOD.format(name="dk").replace("title: A check\n", "title: A check\ntitle: Again\n")
    [(line, _field, message)] = problems_of(write(scenario_dir, "dk", text))
    assert line == 5
    assert "duplicate key 'title'" in message


def test_unknown_field_and_schema_version(scenario_dir: Path) -> None:
    """Are a misspelt field and an unsupported schema version each named?"""
    text = GOOD.format(name="sv").replace("schema_version: 1", "schema_version: 7")
    assert problems_of(write(scenario_dir, "sv", text))[0][:2] == (1, "schema_version")
    text = GOOD.format(name="uf").replace("question:", "questoin:")
    found = problems_of(write(scenario_dir, "uf", text))
    assert (5, "questoin", "unknown field (check the spelling)") in found
    assert (1, "question", "required field is missing") in found


def test_id_must_match_file_name(scenario_dir: Path) -> None:
    """Is an id that differs from the file name caught (ids key the store)?"""
    [(line, field, _)] = problems_of(write(scenario_dir, "one", GOOD.format(name="two")))
    assert (line, field) == (3, "id")


def test_sort_category_reference(scenario_dir: Path) -> None:
    """Does a sort card pointing at no category name the card's field path and line?"""
    text = """\
schema_version: 1
kind: sort
id: s
title: Sort
categories:
  - {id: x, label: X}
  - {id: y, label: Y}
items:
  - {id: one, text: One, category: x, feedback: f}
  - {id: two, text: Two, category: z, feedback: f}
"""
    [(line, field, message)] = problems_of(write(scenario_dir, "s", text))
    assert (line, field) == (10, "items[1].category")
    assert "'z'" in message


SORT_ALSO = """\
schema_version: 1
kind: sort
id: s
title: Sort
categories:
  - {id: x, label: X}
  - {id: y, label: Y}
  - {id: z, label: Z}
items:
  - {id: one, text: One, category: x, also: [y], feedback: f}
  - {id: two, text: Two, category: z, also: ALSO, feedback: f}
"""


@pytest.mark.parametrize(
    ("also", "field", "words"),
    [
        ("[w]", "items[1].also[0]", "'w' is not one of"),
        ("[x, x]", "items[1].also[1]", "already a right category"),
        ("[z]", "items[1].also[0]", "already a right category"),
        ("[x, y]", "items[1].also", "right in every category"),
    ],
)
def test_sort_card_in_several_categories(
    scenario_dir: Path, also: str, field: str, words: str
) -> None:
    """Does a card's list of other right categories name the file's line and field of each
    slip: an unknown id, a repeat, the main category again, every category at once?"""
    write(scenario_dir, "ok", SORT_ALSO.replace("ALSO", "[x]").replace("id: s\n", "id: ok\n"))
    good = parse_file(scenario_dir / "m" / "ok.yaml")
    assert good.items[0].accepted == ["x", "y"] and good.items[1].accepted == ["z", "x"]
    bad = write(scenario_dir, "s", SORT_ALSO.replace("ALSO", also))
    [(line, found, message)] = problems_of(bad)
    assert (line, found) == (11, field)
    assert words in message


def test_load_all_reports_every_bad_file(scenario_dir: Path) -> None:
    """Does one bad file not hide another, and do good files still load?"""
    write(scenario_dir, "good", GOOD.format(name="good"))
    write(scenario_dir, "bad1", "schema_version: 1\nkind: nope\n")
    write(scenario_dir, "bad2", "just text")
    found, problems = load_all(scenario_dir)
    assert list(found) == ["m/good"]
    rendered = [str(p) for p in problems]
    assert any("bad1.yaml:2: kind:" in r for r in rendered)
    assert any("bad2.yaml:1: (file): a scenario file must be a YAML mapping" in r for r in rendered)


def test_yes_and_no_stay_text(scenario_dir: Path) -> None:
    """Is an option written `Yes` read as text (YAML 1.1 would make it a boolean)?"""
    text = (
        GOOD.format(name="yn")
        .replace("text: First", "text: Yes")
        .replace("text: Second", "text: No")
    )
    scenario = parse_file(write(scenario_dir, "yn", text))
    assert [o.text for o in scenario.options] == ["Yes", "No"]


def test_text_field_language_codes(scenario_dir: Path) -> None:
    """Does a translated field accept en/es and name an unsupported language once?"""
    ok = GOOD.format(name="tr").replace("title: A check", "title: {en: A check, es: Una prueba}")
    assert parse_file(write(scenario_dir, "tr", ok)).title == {"en": "A check", "es": "Una prueba"}
    bad = GOOD.format(name="fr").replace("title: A check", "title: {en: A check, fr: Un test}")
    assert problems_of(write(scenario_dir, "fr", bad)) == [
        (4, "title", "'fr' is not a supported language code (en, es)")
    ]
    bad = GOOD.format(name="num").replace("title: A check", "title: [1, 2]")
    assert problems_of(write(scenario_dir, "num", bad)) == [
        (4, "title", "must be text, or a mapping of language code (en, es) to text")
    ]
