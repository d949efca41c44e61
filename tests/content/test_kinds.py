"""The kind table: does every kind declare every member, and does each member work on real
content? One test per kind and member, so a kind that leaves one out fails by name."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any, ClassVar

import pytest

from partnership_course.content import load_all
from partnership_course.content.kinds import KINDS, Kind, is_answered
from partnership_course.content.summaries import Tallies
from partnership_course.grading import checks
from partnership_course.i18n import catalogue

LIBRARY, _problems = load_all()


def real_scenario(name: str) -> Any:
    """One scenario of kind `name` from the course library (every kind is used by the course)."""
    found = [s for s in LIBRARY.values() if s.kind == name]
    assert found, f"no scenario of kind {name!r} in the library"
    return found[0]


class FreshBinding:
    """A binding with nothing saved that refuses nothing: what a widget sees on first open."""

    learner, module, activity = "t", "m", "m/x"

    def load(self) -> None:
        return None

    def save(self, kind: str, value: dict[str, Any]) -> int:
        return 1


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_member_is_declared(name: str) -> None:
    """Does the entry give every member a value (None only where a kind is not auto-scored)?"""
    entry = KINDS[name]
    assert entry.name == name
    for member in fields(Kind):
        value = getattr(entry, member.name)
        if member.name in ("scorer", "key") and entry.scorer is None:
            assert value is None
        elif member.name == "scores" and entry.scorer is None:
            assert value == ""
        elif member.name not in ("hidden", "private"):  # may be empty: nothing to keep back
            assert value, f"{name}: {member.name} is empty"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_model_and_widget_are_this_kind(name: str) -> None:
    """Do the model and widget paths resolve to classes of this kind?"""
    entry = KINDS[name]
    assert entry.model_class().kind == name
    assert entry.widget_class().kind == name


@pytest.mark.parametrize("name", sorted(KINDS))
def test_label_is_translated(name: str) -> None:
    """Does the facilitator view have a Spanish label for the kind?"""
    assert KINDS[name].label in catalogue("es")


@pytest.mark.parametrize("name", sorted(KINDS))
def test_view_content_holds_no_key(name: str) -> None:
    """Is the content sent to a browser JSON, in one language, and free of every hidden path?"""
    entry = KINDS[name]
    scenario = real_scenario(name)
    view = entry.view_content(scenario, "es")
    text = json.dumps(view, ensure_ascii=False)
    assert view["kind"] == name and view["id"] == scenario.id
    assert '"en":' not in text and '"es":' not in text  # texts resolved to one language

    def present(data: Any, path: list[str]) -> bool:
        if not path:
            return True
        head, rest = path[0], path[1:]
        if head == "*":
            return isinstance(data, list) and any(present(d, rest) for d in data)
        return isinstance(data, dict) and head in data and present(data[head], rest)

    full = scenario.model_dump(mode="json")
    for path in entry.hidden:
        assert present(full, path.split(".")), f"{name}: hidden path {path} matches nothing"
        assert not present(view, path.split(".")), f"{name}: {path} reaches the browser"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_fresh_widget_state_is_not_answered(name: str) -> None:
    """Does a widget's state before the learner does anything count as unanswered, and nothing
    saved (an empty dict, or not a dict) likewise?"""
    scenario = real_scenario(name)
    widget = KINDS[name].widget_class()(scenario, FreshBinding(), lang="en")
    assert not is_answered(name, widget.state())
    assert not is_answered(name, {})
    assert not is_answered(name, None)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_summarize_counts_a_room(name: str) -> None:
    """Does the summary run on no answers and on one (a fresh state), giving tallies?"""

    class Saved:
        learner = "l1"
        value: ClassVar[dict[str, Any]] = {}

    scenario = real_scenario(name)
    entry = KINDS[name]
    assert isinstance(entry.summarize(scenario, [], {}, "en"), Tallies)
    assert isinstance(entry.summarize(scenario, [Saved()], {"l1": "Ana"}, "es"), Tallies)


@pytest.mark.parametrize("name", sorted(k for k, v in KINDS.items() if v.scorer))
def test_scored_kinds_have_a_test_cell_that_runs(name: str, capsys: pytest.CaptureFixture) -> None:
    """Does the grader's test cell for this kind compile, call its function of `checks` with the
    key, and score nothing saved as 0 with a sentence?"""
    from partnership_course.grading.source import score_test

    entry = KINDS[name]
    assert callable(getattr(checks, entry.scorer))
    cell = score_test("x", real_scenario(name), 2.0, "en")
    cell = cell.replace(f"\n{entry.scorer}(", f"\nresult = {entry.scorer}(")

    class NothingSaved:
        def answered(self, _name: str) -> None:
            return None

    namespace: dict[str, Any] = {"course": NothingSaved()}
    exec(compile(cell, f"<{name} test cell>", "exec"), namespace)
    assert namespace["result"] == 0.0
    assert "0 of 2 points" in capsys.readouterr().out


def test_view_content_reads_inline_texts_as_the_content_does() -> None:
    """Does an inline `{en:, es:}` text reach the browser in the learner's language, English
    when that language is missing, exactly as `text_in` resolves it for pages and documents?"""
    from partnership_course.content.model import Choice, text_in

    scenario = Choice.model_validate(
        {
            "schema_version": 1,
            "id": "q",
            "title": {"en": "Who comes?", "es": "¿Quién viene?"},
            "question": {"en": "May she bring her sister?"},
            "options": [
                {"id": "yes", "text": {"es": "Sí"}, "correct": True, "feedback": "Yes."},
                {"id": "no", "text": {"en": "No", "es": "No"}, "feedback": "No."},
            ],
        }
    )
    view = KINDS["choice"].view_content(scenario, "es")
    assert view["title"] == "¿Quién viene?" == text_in(scenario.title, "es")
    assert view["question"] == "May she bring her sister?" == text_in(scenario.question, "es")
    assert view["options"][0]["text"] == "Sí"  # no English: the one text there is
    assert KINDS["choice"].view_content(scenario, "en")["options"][0]["text"] == "Sí"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_answer_view_says_the_answer_in_words(name: str) -> None:
    """Does the coach's and learner's page have a view of this kind's answer in words
    (`Kind.view`, once the `grading.answers.VIEWS` table beside `KINDS`)? Without one, the page
    shown during autograde (`grading.display`) prints the stored JSON. A new kind fails here by
    name; the view runs on a fresh widget state and shows nothing saved as nothing."""
    from partnership_course.grading.answers import Block, answer_view

    entry = KINDS[name]
    assert entry.view.startswith("partnership_course.grading.answers:"), name
    scenario = real_scenario(name)
    state = entry.widget_class()(scenario, FreshBinding(), lang="en").state()
    assert all(isinstance(b, Block) for b in entry.view_of(scenario, state, "es"))
    assert answer_view(scenario, {}, "es") == []


@pytest.mark.parametrize("name", sorted(KINDS))
def test_private_paths_are_in_what_the_widget_saves(name: str) -> None:
    """Does every path a kind keeps back from a submission name something its widget really
    saves (a misspelt path would keep nothing back), and does `shareable` drop exactly it?"""
    entry = KINDS[name]
    state = entry.widget_class()(real_scenario(name), FreshBinding(), lang="en").state()
    shared = entry.shareable(state)
    for path in entry.private:
        head = path.split(".")[0]
        assert head in state, f"{name}: private path {path} is not in the saved state"
        assert head not in shared
    assert set(state) - set(shared) == {p.split(".")[0] for p in entry.private}


def test_inline_text_languages_are_the_text_types() -> None:
    """Are `content.model.LANGUAGES` (what the view code resolves) and the languages the `Text`
    type lets a scenario file write the same, and each a course language?"""
    import typing

    from partnership_course.content.model import LANGUAGES, Text
    from partnership_course.i18n import supported_languages

    mapping = next(a for a in typing.get_args(Text) if typing.get_origin(a) is dict)
    key_type = typing.get_args(mapping)[0]
    assert typing.get_args(key_type) == LANGUAGES
    assert set(LANGUAGES) <= set(supported_languages())


@pytest.mark.parametrize("name", sorted(KINDS))
def test_export_columns_read_an_answer(name: str) -> None:
    """Does the kind name its workshop spreadsheet columns (`Kind.columns`, once an `if kind ==`
    chain in `workshop/exports`), each with a heading, reading a fresh widget state and nothing
    saved as text? A new kind without columns fails here by name."""
    entry = KINDS[name]
    assert entry.columns.startswith("partnership_course.workshop.columns:"), name
    scenario = real_scenario(name)
    columns = entry.columns_of(scenario, "es")
    assert columns and all(c.heading for c in columns)
    state = entry.widget_class()(scenario, FreshBinding(), lang="en").state()
    for column in columns:
        assert isinstance(column.read(state), str) and isinstance(column.read({}), str)
