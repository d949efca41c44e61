"""Write `fixtures/store-ab11b31-tries.db`: a sort checked twice, a conversation taken to two
endings and a finished ladder, saved by the version just before first-try scoring (ab11b31).

That version kept no `checks` (only the sort as it stands), scored a conversation's best ending
and asked no explanation of the ladder's learner; today's widgets must restore these answers
unchanged and score them by today's rules. Run once with that version on the path, from the
repository root:

    git archive ab11b31 src scenarios translations | tar -x -C /tmp/old
    PARTNERSHIP_COURSE_ROOT=/tmp/old PYTHONPATH=/tmp/old/src \\
        PARTNERSHIP_COURSE_SCENARIOS=tests/store/fixtures/scenarios \\
        .venv/bin/python tests/store/make_first_try_store.py
"""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "store-ab11b31-tries.db"
LEARNER = "tries-ana"


def main() -> None:
    import partnership_course
    from partnership_course.course import Course
    from partnership_course.store import ResponseStore

    print("writing with", partnership_course.__file__)
    FIXTURE.unlink(missing_ok=True)
    store = ResponseStore(f"sqlite:///{FIXTURE}")

    one = Course("01-dual-capacity", learner=LEARNER, store=store, lang="en")
    sort = one.activity("conditions-sort")
    items = sort.scenario.items
    others = [c.id for c in sort.scenario.categories]
    for item in items:  # the first check: every card but the first where the key puts it
        sort.place(item.id, item.category)
    sort.place(items[0].id, next(c for c in others if c != items[0].category))
    sort.check()
    sort.place(items[0].id, items[0].category)  # re-sorted after the feedback, checked again
    sort.check()

    two = Course("02-principles", learner=LEARNER, store=store, lang="en")
    talk = two.activity("branching-positive-call")
    sc = talk.scenario
    outcome = {e.id: e.outcome for e in sc.endings}

    def walk(prefer: str) -> None:
        """Take, at each node, the first choice whose path can still reach `prefer`."""
        here = sc.start
        while (node := sc.node(here)) is not None:
            choice = next(
                (c for c in node.choices if reaches(c.next, prefer, set())), node.choices[0]
            )
            here = talk.choose(choice.id)

    def reaches(here: str, prefer: str, seen: set[str]) -> bool:
        if here in outcome:
            return outcome[here] == prefer
        node = sc.node(here)
        if node is None or here in seen:
            return False
        seen.add(here)
        return any(reaches(c.next, prefer, seen) for c in node.choices)

    walk("weak")  # the first ending reached: weak
    talk.restart()
    walk("strong")  # then a strong one (the old rule scored this one)

    ladder = two.activity("ladder-missed-meeting")
    for statement in ladder.scenario.statements:
        ladder.mark(statement.id, statement.observable)
    for step in ladder.scenario.rungs:
        ladder.climb(step.rung, step.options[-1].id)
    for item in ladder.scenario.climb_down:
        ladder.ask(item.id, item.questions[0].id)
    for row in store.query(learner=LEARNER):
        print(row.activity, row.value)


if __name__ == "__main__":
    main()
