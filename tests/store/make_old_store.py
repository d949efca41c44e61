"""Write `fixtures/store-a37b194.db`: one answer of every kind, saved by the widgets of a37b194.

Run once with the old code on the path, from the repository root:

    git archive a37b194 src scenarios translations | tar -x -C /tmp/old
    PARTNERSHIP_COURSE_ROOT=/tmp/old PYTHONPATH=/tmp/old/src \
        .venv/bin/python tests/store/make_old_store.py

`test_old_store.py` then checks that today's widgets restore every one of these answers.
"""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "store-a37b194.db"
LEARNER = "old-ana"


def main() -> None:
    import partnership_course
    from partnership_course.content import load_all
    from partnership_course.course import Course
    from partnership_course.store import ResponseStore

    print("writing with", partnership_course.__file__)
    FIXTURE.unlink(missing_ok=True)
    store = ResponseStore(f"sqlite:///{FIXTURE}")
    library, _ = load_all()
    firsts: dict[str, str] = {}
    for activity_id, scenario in sorted(library.items()):
        firsts.setdefault(scenario.kind, activity_id)
    text = 'Trust grows when we listen first. <b>not bold</b> "quoted" — ¿sí? 🙂\n\nSecond line.'
    for kind, activity_id in sorted(firsts.items()):
        module, name = activity_id.split("/", 1)
        course = Course(module, learner=LEARNER, store=store, lang="en")
        sc = course.scenario(name)
        w = course.activity(name)
        if kind == "choice":
            wrong = next(o.id for o in sc.options if not o.correct)
            w.choose(wrong)
            w.choose(next(o.id for o in sc.options if o.correct))
        elif kind == "sort":
            for item in sc.items:
                w.place(item.id, sc.categories[0].id)
            w.check()
        elif kind == "self_assessment":
            for number, item in enumerate(sc.items):
                w.rate(item.id, sc.scale[number % len(sc.scale)].value)
        elif kind == "reflection":
            w.write(text)
        elif kind == "ladder":
            for s in sc.statements:
                w.mark(s.id, True)
            for step in sc.rungs:
                w.climb(step.rung, step.options[0].id)
            for a in sc.climb_down:
                w.ask(a.id, a.questions[-1].id)
        elif kind == "starters":
            first = sc.statements[0]
            w.reply(first.id, first.replies[0].id)
            w.compose(first.id, sc.starters[0].id if sc.starters else None, "that sounds hard.")
        elif kind == "branching":
            node = sc.node(sc.start)
            w.choose(node.choices[0].id)
        elif kind == "plain_language":
            w.check("We will hold the IEP meeting about FAPE and LRE next week.")
        elif kind == "contact_planner":
            w.add_family("M", sc.languages[0].id, sc.channels[0].id, True, "2027-02-03")
            w.add_family("K", sc.languages[-1].id, sc.channels[-1].id, False, None)
        elif kind == "action_plan":
            w.write(sc.fields[0].id, text)
        print(kind, activity_id, store.load(LEARNER, module, activity_id).revision)


if __name__ == "__main__":
    main()
