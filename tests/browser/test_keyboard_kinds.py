"""The activity kinds test_workshop.py does not cover, completed in a workshop with the keyboard
alone: ladder, branching, plain_language, contact_planner and action_plan.

For each kind a new participant joins, completes the activity with Tab/Shift+Tab, Space, Enter,
the arrow keys and typing (no clicks, no fill), and after every step the workshop store must hold
the answer; then the page is reloaded and the widget must show every answer again. Along the way:
buttons and radio buttons show a visible focus ring, and feedback never throws the focus out of
the activity. Then every page once with `?lang=es` (following the server's redirect to the
Spanish copy, whatever its address), and one module page at 200% zoom.
"""

from __future__ import annotations

import base64
import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from audits import audit_controls
from browsing import SCROLL_HEIGHT, SHOTS, shoot
from keyboard import (
    TIMEOUT,
    Saved,
    assert_focus_kept,
    assert_focus_visible,
    axe_violations,
    choose_in_group,
    choose_select,
    cut_off_buttons,
    describe_focus,
    join,
    open_page,
    press_button,
    tab_to,
    type_into,
    wait_for_activities,
)
from playwright.sync_api import expect

from partnership_course.content import load_scenario
from partnership_course.content.paths import modules_dir
from partnership_course.notebooks import activity_refs

pytestmark = pytest.mark.browser

GOODWILL = "02-principles/03-goodwill-and-equity.ipynb"
TIME_ACCESS = "02-principles/02-time-access-flexibility.ipynb"
PLANNER = "03-continuum/02-contact-planner.ipynb"
PASSING_ON = "03-continuum/04-passing-it-on.ipynb"

LADDER = "02-principles/ladder-unanswered-email"
BRANCHING = "02-principles/branching-scheduling-iep"
PLAIN = "02-principles/plain-language-check"
CONTACTS = "03-continuum/weekly-contacts"
ACTION = "03-continuum/my-action-plan"
SORT = "02-principles/sort-time-access-flexibility"
STUDENT_LED = "03-continuum/branching-student-led-iep"


def activities_on(notebook: str) -> list[str]:
    """The activity ids a notebook shows, in page order: counts and positions follow the content
    instead of being written into the tests."""
    _module, refs = activity_refs(modules_dir() / notebook)
    return [ref.scenario_id for ref in refs]


def count(notebook: str) -> int:
    return len(activities_on(notebook))


def at(notebook: str, activity: str) -> int:
    return activities_on(notebook).index(activity)


WAIT = 20_000
#: Button labels that did not fit, per page and language, gathered by the tests above the last.
CUT: dict[str, list[str]] = {}


def is_focused(locator: Any) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def look(page: Any, activity: Any, name: str) -> None:
    """A screenshot of the activity alone (easier to read than the full page); the viewport
    grows to the page's height first, since Voila scrolls inside `#rendered_cells`."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = min(int(page.evaluate(SCROLL_HEIGHT)), 14000)
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    page.wait_for_timeout(300)
    activity.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size(size)


def data_link_text(link: Any) -> str:
    """The text a `data:...;base64,` download link holds."""
    href = link.get_attribute("href")
    assert href.startswith("data:")
    return base64.b64decode(href.split("base64,", 1)[1]).decode("utf-8")


# -- ladder ---------------------------------------------------------------------------------
OTHER = "Maybe the email went to a shared account & nobody <i>saw</i> it."


def test_ladder_mark_climb_and_climb_down_by_keyboard(
    workshop_url: str, workshop_store_url: str, new_page: Any
) -> None:
    sc = load_scenario(LADDER)
    page = new_page()
    token = join(page, workshop_url, "Lena Ladder")
    saved = Saved(workshop_store_url, token)
    ladder = open_page(page, workshop_url, GOODWILL, token, count(GOODWILL)).nth(
        at(GOODWILL, LADDER)
    )
    assert axe_violations(page, ".pc-ladder") == []
    groups = ladder.locator("fieldset")
    statements, rungs = len(sc.statements), len(sc.rungs)
    assert groups.count() == statements + rungs + len(sc.climb_down)

    # step 1: mark every statement as the key marks it; feedback appears beside each
    marks = [0 if s.observable else 1 for s in sc.statements]
    for number, statement in enumerate(sc.statements):
        radio = choose_in_group(page, groups.nth(number), marks[number])
        saved.wait(LADDER, lambda v, s=statement: v["marks"][s.id] is s.observable)
        expect(ladder.locator(".pc-right")).to_have_count(number + 1, timeout=WAIT)
        assert is_focused(radio), "marking a statement moved the focus"
    expect(ladder.get_by_text(f"{statements} of {statements} statements marked")).to_be_visible()

    # step 2: climb the six rungs; each opens when the one below has a choice, and the action
    # rung once the learner has written one other explanation of what they saw
    picks = [index % len(step.options) for index, step in enumerate(sc.rungs)]
    for number, step in enumerate(sc.rungs):
        if step.rung == "actions":
            expect(groups.nth(statements + number)).to_be_hidden()
            type_into(page, ladder.get_by_label("One other explanation of what I saw"), OTHER)
            saved.wait(LADDER, lambda v: v.get("explanation") == OTHER)
            expect(ladder.get_by_text("Keep both explanations in mind")).to_be_visible(timeout=WAIT)
            assert_focus_kept(page, ladder)
        expect(groups.nth(statements + number)).to_be_visible()  # opened by the rung below
        if number + 1 < rungs:
            expect(groups.nth(statements + number + 1)).to_be_hidden()
        radio = choose_in_group(page, groups.nth(statements + number), picks[number])
        chosen = step.options[picks[number]].id
        saved.wait(LADDER, lambda v, r=step.rung, o=chosen: v["climb"][r] == o)
        assert_focus_kept(page, ladder)
        assert is_focused(radio), "climbing a rung moved the focus"
    saved.wait(LADDER, lambda v: v["climbed"] is True)
    expect(ladder.get_by_text("Step 3: the reflexive loop")).to_be_visible(timeout=WAIT)
    expect(ladder.get_by_text("Your ladder so far, top rung first")).to_be_visible()

    # step 4: climb down, a good question for each assumption
    goods = [next(i for i, q in enumerate(a.questions) if q.good) for a in sc.climb_down]
    for number, item in enumerate(sc.climb_down):
        radio = choose_in_group(page, groups.nth(statements + rungs + number), goods[number])
        qid = item.questions[goods[number]].id
        saved.wait(LADDER, lambda v, a=item.id, q=qid: v["asks"][a] == q)
        expect(ladder.get_by_text("A good test.")).to_have_count(number + 1, timeout=WAIT)
        assert_focus_kept(page, ladder)
    final = saved.wait(LADDER, lambda v: v["good_questions"] == len(sc.climb_down))
    assert final["observable_score"] == statements
    # the path keeps every choice made: entering a rung's group at its first thought, the
    # arrows choose each thought they pass (Space chooses the first)
    climbs = [p for p in final["path"] if p["step"] == "climb"]
    assert len(climbs) == sum(max(pick, 1) for pick in picks)
    assert {c["rung"]: c["option"] for c in climbs} == final["climb"]
    assert axe_violations(page, ".pc-ladder") == []  # with every step open and its feedback
    shoot(page, "keyboard-ladder-done")
    look(page, ladder, "keyboard-ladder-activity")

    page.reload(wait_until="domcontentloaded")
    ladder = wait_for_activities(page, count(GOODWILL)).nth(at(GOODWILL, LADDER))
    groups = ladder.locator("fieldset")
    expected = marks + picks + goods
    for number, index in enumerate(expected):
        assert groups.nth(number).locator("input[type=radio]").nth(index).is_checked(), number
    expect(ladder.get_by_text(f"{statements} of {statements} statements marked")).to_be_visible()
    expect(ladder.get_by_text("Step 3: the reflexive loop")).to_be_visible()
    expect(ladder.get_by_text("A good test.")).to_have_count(len(sc.climb_down))
    assert ladder.get_by_label("One other explanation of what I saw").input_value() == OTHER
    expect(ladder.get_by_text("Your saved answers are back.")).to_be_visible()
    assert page.console_errors == []


# -- branching ------------------------------------------------------------------------------
def strong_walk(sc: Any) -> tuple[list[tuple[int, Any]], str]:
    """Always take the first response: (index, choice) per step, and the ending reached."""
    here, steps = sc.start, []
    while (node := sc.node(here)) is not None:
        steps.append((0, node.choices[0]))
        here = node.choices[0].next
    return steps, here


def walk_to_ending(page: Any, branching: Any, saved: Saved, steps: list[Any]) -> None:
    """Choose each response with the keyboard and say it with Continue; check the store."""
    go = branching.get_by_role("button", name="Continue")
    for number, (index, choice) in enumerate(steps):
        choose_in_group(page, branching.locator("fieldset"), index)
        before = saved.value(BRANCHING)
        taken = len(before["attempts"][-1]["path"]) if before else 0
        assert taken == number, "selecting a response alone committed it"
        press_button(page, go)
        saved.wait(
            BRANCHING,
            lambda v, n=number, c=choice.id: (
                len(v["attempts"][-1]["path"]) == n + 1
                and v["attempts"][-1]["path"][n]["choice"] == c
            ),
        )
        expect(branching.locator("ol li")).to_have_count(number + 1, timeout=WAIT)
        if number < len(steps) - 1:
            assert_focus_kept(page, branching)
            assert is_focused(go), "Continue lost the focus on the way to the next moment"


def test_branching_walk_to_an_ending_and_start_again_by_keyboard(
    workshop_url: str, workshop_store_url: str, new_page: Any
) -> None:
    sc = load_scenario(BRANCHING)
    steps, ending_id = strong_walk(sc)
    ending = sc.ending(ending_id)
    page = new_page()
    token = join(page, workshop_url, "Bea Branching")
    saved = Saved(workshop_store_url, token)
    branching = open_page(page, workshop_url, TIME_ACCESS, token, count(TIME_ACCESS)).nth(
        at(TIME_ACCESS, BRANCHING)
    )
    assert axe_violations(page, ".pc-branching") == []
    assert sc.points  # worth points: the page says which conversation is scored, before it starts
    expect(branching.locator(".pc-first-counts")).to_contain_text("is the one scored")
    look(page, branching, "keyboard-branching-start")
    walk_to_ending(page, branching, saved, steps)
    expect(branching.get_by_text(ending.title)).to_be_visible(timeout=WAIT)
    assert axe_violations(page, ".pc-branching") == []  # the transcript and the ending too
    title = branching.get_by_role("heading", name=ending.title)
    expect(title).to_be_focused()  # the ending takes the focus where Continue was
    stored = saved.wait(BRANCHING, lambda v: v["ending"] == ending_id)
    assert stored["best"] == ending.outcome
    shoot(page, "keyboard-branching-ending")
    look(page, branching, "keyboard-branching-activity")

    page.reload(wait_until="domcontentloaded")
    branching = wait_for_activities(page, count(TIME_ACCESS)).nth(at(TIME_ACCESS, BRANCHING))
    expect(branching.locator("ol li")).to_have_count(len(steps))
    for _index, choice in steps:
        expect(branching.locator("ol")).to_contain_text(choice.text)
    expect(branching.get_by_text(ending.title)).to_be_visible()
    expect(branching.get_by_role("button", name="Continue")).to_be_hidden()

    # Start again: a new attempt, the first one kept
    restart = branching.get_by_role("button", name="Start again")
    press_button(page, restart)
    saved.wait(
        BRANCHING,
        lambda v: (
            len(v["attempts"]) == 2
            and v["attempts"][0]["ending"] == ending_id
            and v["attempts"][1]["path"] == []
        ),
    )
    expect(branching.get_by_text("Attempt 2. Endings reached before:")).to_be_visible(timeout=WAIT)
    assert_focus_kept(page, branching)
    assert is_focused(restart)
    # back at the opening, and the keyboard can carry on: Shift+Tab up to the responses
    choose_in_group(page, branching.locator("fieldset"), 0)

    page.reload(wait_until="domcontentloaded")
    branching = wait_for_activities(page, count(TIME_ACCESS)).nth(at(TIME_ACCESS, BRANCHING))
    expect(branching.get_by_text("Attempt 2. Endings reached before:")).to_be_visible()
    expect(branching).to_contain_text(ending.title)
    assert branching.locator("input[type=radio]").count() == len(sc.node(sc.start).choices)
    assert page.console_errors == []


def test_branching_ending_keeps_the_focus_in_the_activity(
    workshop_url: str, workshop_store_url: str, new_page: Any
) -> None:
    sc = load_scenario(BRANCHING)
    steps, ending_id = strong_walk(sc)
    page = new_page()
    token = join(page, workshop_url, "Flo Focus")
    saved = Saved(workshop_store_url, token)
    branching = open_page(page, workshop_url, TIME_ACCESS, token, count(TIME_ACCESS)).nth(
        at(TIME_ACCESS, BRANCHING)
    )
    walk_to_ending(page, branching, saved, steps)
    expect(branching.get_by_text(sc.ending(ending_id).title)).to_be_visible(timeout=WAIT)
    page.wait_for_timeout(300)
    kept = branching.evaluate("el => el.contains(document.activeElement)")
    lost_to = describe_focus(page)
    # Chromium keeps its sequential-navigation start point, so the next Tab lands in the activity
    page.keyboard.press("Tab")
    print("focus at the ending:", lost_to, "| after one Tab:", describe_focus(page))
    assert kept, f"at the ending the focus fell out of the activity, to {lost_to}"


# -- plain language -------------------------------------------------------------------------
DRAFT = "Hello! Your son's IEP meeting is on May 3. We will talk about FAPE and his IEP goals."


def test_plain_language_check_by_keyboard(
    workshop_url: str, workshop_store_url: str, new_page: Any
) -> None:
    page = new_page()
    token = join(page, workshop_url, "Pia Plain")
    saved = Saved(workshop_store_url, token)
    plain = open_page(page, workshop_url, TIME_ACCESS, token, count(TIME_ACCESS)).nth(
        at(TIME_ACCESS, PLAIN)
    )
    box = plain.locator("textarea")

    type_into(page, box, DRAFT)
    saved.wait(PLAIN, lambda v: v["text"] == DRAFT and v["checked"] is False)
    check = plain.get_by_role("button", name="Check my message")
    press_button(page, check)
    table = plain.locator("table")
    expect(table).to_be_visible(timeout=WAIT)
    stored = saved.wait(PLAIN, lambda v: v["checked"] is True)
    terms = {f["term"]: f["count"] for f in stored["findings"]}
    assert terms == {"IEP": 2, "FAPE": 1}
    assert stored["flagged_uses"] == 3
    expect(table.locator("caption")).to_have_text("Terms a family may not know")
    expect(table.locator("th[scope=row]")).to_have_text(["IEP", "FAPE"])
    expect(plain.get_by_text("Terms to explain or replace: 2. Times used: 3.")).to_be_visible()
    assert_focus_kept(page, plain)
    assert is_focused(check), "the focus left the Check button when the findings appeared"
    CUT[f"en {TIME_ACCESS}"] = cut_off_buttons(page.locator(".pc-activity"))
    shoot(page, "keyboard-plain-language-done")
    look(page, plain, "keyboard-plain-language-activity")

    page.reload(wait_until="domcontentloaded")
    plain = wait_for_activities(page, count(TIME_ACCESS)).nth(at(TIME_ACCESS, PLAIN))
    assert plain.locator("textarea").input_value() == DRAFT
    expect(plain.locator("table th[scope=row]")).to_have_text(["IEP", "FAPE"])
    expect(plain.get_by_text("Your saved answers are back.")).to_be_visible()
    assert page.console_errors == []


# -- contact planner ------------------------------------------------------------------------
PLANNER_SAID = {
    "en": "Family {code} is on your list and saved.",
    "es": "La familia {code} está en su lista y se guardó.",
}


def add_family_by_keyboard(
    page: Any, planner: Any, saved: Saved, family: tuple[Any, ...], number: int, lang: str = "en"
) -> None:
    """Fill the planner's form with the keyboard alone, press Add, and check the store."""
    sc = load_scenario(CONTACTS)
    code, language, channel, interpreter, iep = family
    form = planner.locator(".pc-planner-form").first
    type_into(page, form.locator("input[type=text]"), code)
    choose_select(page, form.locator("select").nth(0), [o.id for o in sc.languages].index(language))
    choose_select(page, form.locator("select").nth(1), [o.id for o in sc.channels].index(channel))
    if interpreter:
        checkbox = form.locator("input[type=checkbox]")
        tab_to(page, checkbox)
        assert_focus_visible(page)
        page.keyboard.press("Space")
        assert checkbox.is_checked()
    if iep is not None:  # a date field takes month, day and year typed in a row
        tab_to(page, form.locator("input[type=date]"))
        page.keyboard.type(iep.strftime("%m%d%Y"))
    add = form.get_by_role("button")
    press_button(page, add)
    said = PLANNER_SAID[lang].format(code=code)
    expect(planner.get_by_text(said)).to_be_visible(timeout=WAIT)
    stored = saved.wait(CONTACTS, lambda v, n=number: len(v["families"]) == n + 1)
    entry = stored["families"][number]
    assert entry["code"] == code
    assert entry["language"] == language and entry["channel"] == channel
    assert entry["interpreter"] is interpreter
    assert entry["iep_date"] == (iep.isoformat() if iep else None)
    assert_focus_kept(page, planner)
    assert is_focused(add), "the focus left the Add button when the family was added"
    assert form.locator("input[type=text]").input_value() == "", "the form was not cleared"


def test_contact_planner_two_families_by_keyboard(
    workshop_url: str, workshop_store_url: str, new_page: Any
) -> None:
    meeting = date.today() + timedelta(days=75)
    families = [
        # code, language, channel, interpreter, next IEP meeting
        ("Fam-1", "spanish", "text", True, meeting),
        ("Rm12-B", "english", "email", False, None),
    ]
    page = new_page()
    token = join(page, workshop_url, "Cai Contacts")
    saved = Saved(workshop_store_url, token)
    planner = open_page(page, workshop_url, PLANNER, token, count(PLANNER)).nth(
        at(PLANNER, CONTACTS)
    )
    assert audit_controls(planner)["problems"] == []
    assert axe_violations(page, ".pc-contact-planner") == []
    shoot(page, "keyboard-contact-planner-start")
    for number, family in enumerate(families):
        add_family_by_keyboard(page, planner, saved, family, number)

    plan = planner.locator("table").filter(has_text="Proposed contacts, week by week")
    expect(plan).to_be_visible()
    expect(plan).to_contain_text("Fam-1")
    expect(plan).to_contain_text("Rm12-B")
    link = planner.locator('a[download="contact-plan.csv"]')
    expect(link).to_have_text("Download the plan (CSV file)")
    tab_to(page, link)
    assert_focus_visible(page)
    rows = list(csv.reader(io.StringIO(data_link_text(link).lstrip("\ufeff"))))
    assert {"Fam-1", "Rm12-B"} <= {cell for row in rows[1:] for cell in row}

    # the rhythm: type a number; it is saved once the box loses the focus
    per_week = planner.get_by_label("Families per week")
    tab_to(page, per_week)
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    saved.wait(CONTACTS, lambda v: v["per_week"] == 1)
    expect(planner.get_by_text("2 families, 1 a week")).to_be_visible(timeout=WAIT)

    # remove a family: the drop-down lists the codes, arrows choose, Remove takes it off
    remove = planner.locator(".pc-remove select")
    assert remove.locator("option").all_inner_texts() == ["Fam-1", "Rm12-B"]
    choose_select(page, remove, 1)
    press_button(page, planner.get_by_role("button", name="Remove family"))
    saved.wait(CONTACTS, lambda v: [f["code"] for f in v["families"]] == ["Fam-1"])
    expect(planner.get_by_text("Family Rm12-B is off your list.")).to_be_visible(timeout=WAIT)
    add_family_by_keyboard(page, planner, saved, families[1], 1)

    assert audit_controls(planner)["problems"] == []
    assert axe_violations(page, ".pc-contact-planner") == []  # the tables and the link too
    CUT[f"en {PLANNER}"] = cut_off_buttons(page.locator(".pc-activity"))
    shoot(page, "keyboard-contact-planner-done")
    look(page, planner, "keyboard-contact-planner-activity")

    page.reload(wait_until="domcontentloaded", timeout=TIMEOUT)
    planner = wait_for_activities(page, count(PLANNER)).nth(at(PLANNER, CONTACTS))
    listed = planner.locator("table").filter(has_text="Families on your list")
    expect(listed.locator("th[scope=row]")).to_have_text(["Fam-1", "Rm12-B"])
    expect(listed).to_contain_text("Spanish")
    expect(listed).to_contain_text("Text message")
    expect(listed).to_contain_text(meeting.isoformat())
    expect(planner.locator("table").filter(has_text="Proposed contacts")).to_be_visible()
    expect(planner.locator('a[download="contact-plan.csv"]')).to_be_visible()
    assert planner.get_by_label("Families per week").input_value() == "1"
    remove = planner.locator(".pc-remove select")
    assert remove.locator("option").all_inner_texts() == ["Fam-1", "Rm12-B"]
    expect(planner.get_by_text("Your saved answers are back.")).to_be_visible()
    assert page.console_errors == []


# -- action plan ----------------------------------------------------------------------------
PLAN = {
    "step": "Call each family with one piece of good news before the next IEP meeting.",
    "by-when": "The end of October",
    "helpers": "Ms. Ortiz, our family liaison, and a Spanish interpreter",
    "evidence": "Families ask me questions at the meeting & reply to my texts.",
    "check-in": "30 November, with my coach",
    "parent-center": "Our state's parent center: <call> them first",
}


def test_action_plan_every_field_by_keyboard(
    workshop_url: str, workshop_store_url: str, new_page: Any
) -> None:
    sc = load_scenario(ACTION)
    assert [f.id for f in sc.fields] == list(PLAN)
    page = new_page()
    token = join(page, workshop_url, "Abe Action")
    saved = Saved(workshop_store_url, token)
    action = open_page(page, workshop_url, PASSING_ON, token, count(PASSING_ON)).nth(
        at(PASSING_ON, ACTION)
    )
    boxes = action.locator("textarea, input[type=text]")
    summary = action.locator("section.pc-feedback")

    for number, (field, text) in enumerate(PLAN.items()):
        type_into(page, boxes.nth(number), text)
        saved.wait(ACTION, lambda v, f=field, t=text: v["fields"][f] == t)
        expect(summary.locator("dd").nth(number)).to_have_text(text, timeout=WAIT)
        assert is_focused(boxes.nth(number)), "the summary update moved the focus"
    stored = saved.wait(ACTION, lambda v: v["complete"] is True)
    assert stored["fields"] == PLAN
    expect(summary.get_by_text("Your plan is complete.")).to_be_visible()
    link = action.locator(f'a[download="{sc.filename}"]')
    expect(link).to_have_text(f"Download my plan ({sc.filename})")
    tab_to(page, link)
    assert_focus_visible(page)
    markdown = data_link_text(link)
    for text in PLAN.values():
        assert text in markdown
    CUT[f"en {PASSING_ON}"] = cut_off_buttons(page.locator(".pc-activity"))
    shoot(page, "keyboard-action-plan-done")
    look(page, action, "keyboard-action-plan-activity")

    page.reload(wait_until="domcontentloaded")
    action = wait_for_activities(page, count(PASSING_ON)).nth(at(PASSING_ON, ACTION))
    boxes = action.locator("textarea, input[type=text]")
    for number, text in enumerate(PLAN.values()):
        assert boxes.nth(number).input_value() == text
    expect(action.locator("section.pc-feedback dd")).to_have_text(list(PLAN.values()))
    expect(action.get_by_text("Your plan is complete.")).to_be_visible()
    assert page.console_errors == []


# -- in Spanish -----------------------------------------------------------------------------
def test_the_five_kinds_speak_spanish_with_lang_es(
    workshop_url: str, workshop_store_url: str, new_page: Any
) -> None:
    """Each page once with ?lang=es (the server may redirect): Spanish labels on the widgets."""
    page = new_page()
    token = join(page, workshop_url, "Eva Español")

    ladder = open_page(page, workshop_url, GOODWILL, token, count(GOODWILL), lang="es").nth(
        at(GOODWILL, LADDER)
    )
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(ladder.get_by_text("Dato observable").first).to_be_visible()
    expect(
        ladder.get_by_text("Lo agregué yo: un significado, una suposición o un juicio").first
    ).to_be_visible()

    activities = open_page(page, workshop_url, TIME_ACCESS, token, count(TIME_ACCESS), lang="es")
    branching = activities.nth(at(TIME_ACCESS, BRANCHING))
    plain = activities.nth(at(TIME_ACCESS, PLAIN))
    go = branching.get_by_role("button", name="Continuar", exact=True)
    expect(go).to_be_visible()
    expect(branching.get_by_role("button", name="Empezar de nuevo", exact=True)).to_be_visible()
    expect(plain.get_by_role("button", name="Revisar mi mensaje", exact=True)).to_be_visible()
    sort = activities.nth(at(TIME_ACCESS, SORT))
    expect(sort.get_by_role("button", name="Comprobar mi clasificación")).to_be_visible()
    # Continuar with no response chosen: a Spanish hint, and the focus stays on the button
    press_button(page, go)
    expect(branching.get_by_text("Primero elija una respuesta.")).to_be_visible(timeout=WAIT)
    assert is_focused(go)
    CUT[f"es {TIME_ACCESS}"] = cut_off_buttons(activities)
    shoot(page, "keyboard-es-time-access")

    planner = open_page(page, workshop_url, PLANNER, token, count(PLANNER), lang="es").nth(
        at(PLANNER, CONTACTS)
    )
    expect(planner.get_by_role("button", name="Agregar o actualizar familia")).to_be_visible()
    assert planner.get_by_role("button", name="Quitar familia").count() == 0  # none yet
    family = ("Fam-9", "arabic", "note", True, date.today() + timedelta(days=40))
    add_family_by_keyboard(page, planner, Saved(workshop_store_url, token), family, 0, "es")
    expect(planner.get_by_role("button", name="Quitar familia")).to_be_visible()
    expect(planner.locator("table").filter(has_text="Familias en su lista")).to_contain_text(
        "Árabe"
    )
    expect(planner.locator("a[download]")).to_have_text("Descargar el plan (archivo CSV)")
    assert axe_violations(page, ".pc-contact-planner") == []
    look(page, planner, "keyboard-es-contact-planner-activity")
    CUT[f"es {PLANNER}"] = cut_off_buttons(page.locator(".pc-activity"))

    activities = open_page(page, workshop_url, PASSING_ON, token, count(PASSING_ON), lang="es")
    action = activities.nth(at(PASSING_ON, ACTION))
    expect(action.get_by_text("Mi próximo paso hacia la alianza")).to_be_visible()
    expect(action.locator("a[download]")).to_have_text("Descargar mi plan (my-action-plan.md)")
    expect(
        activities.nth(at(PASSING_ON, STUDENT_LED)).get_by_role(
            "button", name="Continuar", exact=True
        )
    ).to_be_visible()
    for english in ("Continue", "Start again", "Check my message", "Add or update family"):
        assert page.get_by_role("button", name=english, exact=True).count() == 0
    CUT[f"es {PASSING_ON}"] = cut_off_buttons(activities)
    shoot(page, "keyboard-es-passing-it-on")
    assert page.console_errors == []


# -- 200% zoom ------------------------------------------------------------------------------
def test_module_page_at_200_percent_zoom(workshop_url: str, browser: Any) -> None:
    """1280 px at 200%: a 640 px wide viewport at device scale 2. No sideways scrolling."""
    context = browser.new_context(viewport={"width": 640, "height": 900}, device_scale_factor=2)
    try:
        page = context.new_page()
        token = join(page, workshop_url, "Zoe Zoom")
        activities = open_page(page, workshop_url, TIME_ACCESS, token, count(TIME_ACCESS))
        shoot(page, "keyboard-zoom-200-time-access")
        overflow = page.evaluate(
            """() => {
              const wide = [];
              for (const el of document.querySelectorAll('.pc-activity, .jp-Cell')) {
                if (el.scrollWidth > el.clientWidth + 1) wide.push(
                  `${el.className.split(' ').slice(-1)[0]}: ${el.scrollWidth} > ${el.clientWidth}`);
              }
              const cells = document.querySelector('#rendered_cells') || document.body;
              return {page: cells.scrollWidth - cells.clientWidth, wide};
            }"""
        )
        CUT[f"en {TIME_ACCESS} at 200%"] = cut_off_buttons(activities)
        print("200% zoom:", overflow)
        assert overflow["page"] <= 1, f"the page scrolls sideways at 200%: {overflow}"
    finally:
        context.close()


def test_no_button_label_is_cut_off() -> None:
    """Every visible button label fits, in English, in Spanish and at 200% (gathered above)."""
    assert CUT, "the labels are gathered by the page tests above: run the whole file"
    print("button labels that do not fit:", CUT)
    assert {where: cut for where, cut in CUT.items() if cut} == {}
