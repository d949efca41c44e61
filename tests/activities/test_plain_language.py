"""Plain-language check: jargon flagged from the scenario's word list, draft saved as typed."""

from __future__ import annotations

from support.answers import stored

from partnership_course.activities.delivery import module_source
from partnership_course.content.loader import load_scenario
from partnership_course.content.paths import course_root
from partnership_course.course import Course
from partnership_course.store import ResponseStore

CHECKER = """\
schema_version: 1
kind: plain_language
id: plain
title: Check a message
prompt: Paste your draft.
terms:
  - {term: IEP, plain: your child's learning plan, note: Spell it out once.}
  - {term: IDEA, plain: the special education law}
  - {term: "504", plain: a plan for supports in regular classes, also: [Section 504]}
  - {term: least restrictive environment, plain: learning alongside classmates}
  - {term: accommodations, plain: changes in how your child learns, also: [accommodation]}
  - {term: baseline, plain: where your child started, also: [baseline data]}
  - {term: related services, plain: extra supports like speech therapy}
  - {term: Q&A, plain: "questions <i>and</i> answers"}
"""


SCENARIOS = {"plain": CHECKER}  # written by the shared `course` fixture


def terms_found(findings: list[dict]) -> dict[str, int]:
    return {f["term"]: f["count"] for f in findings}


def test_check_flags_terms_with_counts(course: Course, store: ResponseStore) -> None:
    """Are listed terms found, counted, listed in a captioned table, and stored?"""
    widget = course.activity("plain")
    draft = "Your IEP meeting is Monday. We will review the IEP, accommodations and baseline data."
    findings = widget.check(draft)
    assert terms_found(findings) == {"IEP": 2, "accommodations": 1, "baseline": 1}
    assert [f["term"] for f in findings] == ["IEP", "accommodations", "baseline"]  # text order
    baseline = next(f for f in findings if f["term"] == "baseline")
    assert baseline["forms"] == ["baseline data"]
    shown = widget.feedback
    assert shown["summary"] == "Terms to explain or replace: 3. Times used: 4."
    assert shown["rows"][0] == {
        "written": "IEP",
        "count": 2,
        "plain": "your child's learning plan",
        "note": "Spell it out once.",
    }
    assert widget.labels["caption"] == "Terms a family may not know"
    value = stored(store, "plain")
    assert value["text"] == draft
    assert value["checked"] is True
    assert value["flagged_terms"] == 3
    assert value["flagged_uses"] == 4
    assert value["findings"] == findings


def test_acronyms_match_case_words_do_not(course: Course) -> None:
    """Is "IDEA" flagged but "idea" not, while word terms match in any capitals?"""
    widget = course.activity("plain")
    found = terms_found(widget.check("I had an idea. IDEA says so. Accommodations help. iep"))
    assert found == {"IDEA": 1, "accommodations": 1}


def test_whole_words_plurals_and_overlaps(course: Course) -> None:
    """Whole words only; acronym plurals count; the longest overlapping term wins."""
    widget = course.activity("plain")
    text = (
        "IEPs and IEP's. IEPX is not a term; nor is preaccommodations. "
        "Least  Restrictive\nEnvironment. Section 504 and a 504 plan. One accommodation. "
        "Related services."
    )
    found = terms_found(widget.check(text))
    assert found == {
        "IEP": 2,
        "least restrictive environment": 1,
        "504": 2,
        "accommodations": 1,
        "related services": 1,
    }
    forms = {f["term"]: f["forms"] for f in widget.findings}
    assert forms["504"] == ["Section 504", "504"]
    assert forms["least restrictive environment"] == ["Least  Restrictive\nEnvironment"]


def test_no_findings_message(course: Course) -> None:
    """Does a clean draft get a plain encouraging message instead of an empty table?"""
    widget = course.activity("plain")
    assert widget.check("We would love to meet on Thursday at 5. Does that work?") == []
    assert "No terms from our list were found" in widget.feedback["none"]
    assert "rows" not in widget.feedback


def test_typed_draft_is_saved(course: Course, store: ResponseStore) -> None:
    """Is each draft the page sends (debounced typing, blur, page hidden) in the store, before
    any check?"""
    widget = course.activity("plain")
    for typed in ["D", "Dear", "Dear family,"]:
        widget._handle_custom_msg({"event": "write", "text": typed}, [])
        assert stored(store, "plain")["text"] == typed
        assert stored(store, "plain")["checked"] is False
    widget.write("Hello")
    assert stored(store, "plain")["text"] == "Hello"


def test_check_button_uses_the_draft(course: Course, store: ResponseStore) -> None:
    """Does the page's Check button (its message carries the draft) save and check it?"""
    widget = course.activity("plain")
    widget._handle_custom_msg({"event": "check", "text": "The IEP is ready."}, [])
    assert stored(store, "plain")["flagged_terms"] == 1
    assert stored(store, "plain")["text"] == "The IEP is ready."


def test_word_list_never_sent_before_a_check(course: Course) -> None:
    """Does the page get no term list, only the findings of a check?"""
    import json

    widget = course.activity("plain")
    assert "terms" not in widget.content
    sent = json.dumps([widget.content, widget.labels, widget.feedback, widget.response])
    assert "special education law" not in sent and "learning plan" not in sent


def test_draft_saved_by_the_old_widget_restores(course: Course, store: ResponseStore) -> None:
    """Does a checked draft in the stock-ipywidgets shape come back exactly?"""
    old = {
        "checked": True,
        "findings": [{"count": 1, "first": 8, "forms": ["IEP"], "index": 0, "term": "IEP"}],
        "flagged_terms": 1,
        "flagged_uses": 1,
        "text": "We hold IEP <b>x</b>",
        "words": 4,
    }
    store.save("ana", "m", "m/plain", "plain_language", old)
    widget = course.activity("plain")
    assert widget.state() == old
    assert widget.response == {"text": "We hold IEP <b>x</b>", "replace": True}
    assert widget.feedback["rows"][0]["written"] == "IEP"


def test_learner_text_is_escaped(course: Course) -> None:
    """Are the terms as written and the content's alternatives sent as text (the page draws
    them as text nodes), exactly?"""
    widget = course.activity("plain")
    widget.check("<script>alert(1)</script> Q&A <b>")
    row = widget.feedback["rows"][0]
    assert row["written"] == "Q&A"
    assert row["plain"] == "questions <i>and</i> answers"
    assert "innerHTML" not in module_source("plain_language")


def test_rebuild_restores_draft_and_results(course: Course, store: ResponseStore) -> None:
    """Does a reopened notebook show the draft and the last check without saving again?"""
    widget = course.activity("plain")
    draft = "Your child's IEP and related services.\n\nThanks!"
    widget.check(draft)
    before = store.load("ana", "m", "m/plain")
    again = course.activity("plain")
    assert again.draft == draft
    assert again.state() == widget.state()
    assert [r["written"] for r in again.feedback["rows"]] == ["IEP", "related services"]
    after = store.load("ana", "m", "m/plain")
    assert before is not None and after is not None
    assert after.revision == before.revision


def test_controls_have_labels(course: Course) -> None:
    """Do the text area and the button carry labels?"""
    widget = course.activity("plain")
    assert widget.labels["your_draft"] == "Your draft message"
    assert widget.labels["check"] == "Check my message"


def test_course_word_list() -> None:
    """Does the course list hold 40+ terms, including every term the design names?"""
    root = course_root()
    assert root is not None
    scenario = load_scenario("02-principles/plain-language-check", root / "scenarios")
    assert len(scenario.terms) >= 40
    draft = (
        "IEP FAPE LRE BIP ESY FBA IEE PLAAFP OT PT SLP 504 IDEA; accommodations, "
        "modifications, least restrictive environment, related services, baseline, "
        "benchmarks, transition services."
    )
    found = {f["term"] for f in scenario.find(draft)}
    assert len(found) == 20
    assert not scenario.find("I have an idea: at the park, it was ot or pt.")
