"""Write `fixtures/store-c5cd69f-planner.db`: contact plans saved by the last stock-ipywidgets
contact planner (c5cd69f; its stored shape is the one a37b194 wrote), with a changed rhythm.

`store-a37b194.db` holds a planner answer at the default rhythm; this one also moves the start,
the families a week and the weeks, so the anywidget planner must restore all three. Run once with
that version on the path, from the repository root:

    git archive c5cd69f src scenarios translations | tar -x -C /tmp/old
    PARTNERSHIP_COURSE_ROOT=/tmp/old PYTHONPATH=/tmp/old/src \
        PARTNERSHIP_COURSE_SCENARIOS=tests/store/fixtures/scenarios \
        .venv/bin/python tests/store/make_planner_store.py
"""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "store-c5cd69f-planner.db"
LEARNER = "old-ana"
ACTIVITY = "weekly-contacts"


def main() -> None:
    import partnership_course
    from partnership_course.course import Course
    from partnership_course.store import ResponseStore

    print("writing with", partnership_course.__file__)
    FIXTURE.unlink(missing_ok=True)
    store = ResponseStore(f"sqlite:///{FIXTURE}")
    course = Course("03-continuum", learner=LEARNER, store=store, lang="en")
    sc = course.scenario(ACTIVITY)
    w = course.activity(ACTIVITY)
    w.add_family("Fam-1", sc.languages[1].id, sc.channels[1].id, True, "2026-10-05")
    w.add_family("Rm12 B", sc.languages[2].id, sc.channels[3].id, False, None)
    w.add_family("K.3", sc.languages[-1].id, sc.channels[-1].id, True, "2027-01-18")
    w.set_rhythm(per_week=2, weeks=12, start="2026-09-07")
    w.remove_family("Rm12 B")
    print(store.load(LEARNER, "03-continuum", f"03-continuum/{ACTIVITY}"))


if __name__ == "__main__":
    main()
