"""Measure: the automatic points a complete learner earns on one module, through the real grader.

A complete learner checks the keyed option of every knowledge check first, sorts every card
where the key puts it, and writes each graded reflection as its anchor answer (strong or
adequate, English or Spanish: the anchors are the course's own picture of a good reply). The
module goes through `grade source` -> nbgrader release -> inject -> autograde, and the script
prints, per learner, the automatic points earned of the automatic points available, and which
rubric checks each reflection missed. Issue 10 quoted 9.7 of 10.6 for module 01 under the old
rubric; `--rubric FILE` grades the same learners under another rubric file to compare.

Two more learners (`negated-en`, `negated-es`) write every graded reflection as the same long
enough text whose next steps and principles all stand under a negation ("she didn't call", "no
la voy a llamar"): the rubric's phrase checks should give them nothing (issue 10).

    .venv/bin/python benchmarks/bench_rubric.py [--module 01-dual-capacity] [--rubric FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


NEGATED = {
    "en": (
        "The mother did not call back, and I didn't call her either. I never scheduled a second "
        "meeting. I don't respect how the office sends letters, and I have not built any trust "
        "with this family yet. I will not pretend that the notes I sent home were enough; I "
        "have no next step written down, and nobody on the team has one."
    ),
    "es": (
        "La madre no volvió a llamar y yo tampoco la llamé. Nunca programé una segunda reunión. "
        "No respeto cómo la oficina manda las cartas y todavía no tengo confianza con esta "
        "familia. No voy a fingir que las notas que mandé a casa bastaron; no tengo un próximo "
        "paso escrito, y nadie en el equipo lo tiene. Escribo esto después de la reunión del "
        "martes pasado."
    ),
}


def answers_for(module: str, built: object, quality: str, lang: str) -> dict:
    """activity id -> (kind, value) for a complete learner."""
    from partnership_course.content import load_scenario
    from partnership_course.grading.anchors import load_anchors

    out = {}
    for activity in built.activities:  # type: ignore[attr-defined]
        key = f"{module}/{activity.name}"
        scenario = load_scenario(key)
        if activity.kind == "choice":
            right = next(o.id for o in scenario.options if o.correct)
            out[key] = ("choice", {"choice": right, "attempts": [right]})
        elif activity.kind == "sort":
            out[key] = ("sort", {"placements": {i.id: i.category for i in scenario.items}})
        elif activity.kind == "reflection" and activity.points and quality == "negated":
            out[key] = ("reflection", {"text": NEGATED[lang]})
        elif activity.kind == "reflection" and activity.points:
            anchors = load_anchors(key, lang, REPO / "grader")
            out[key] = ("reflection", {"text": getattr(anchors, quality)})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", default="01-dual-capacity")
    parser.add_argument("--rubric", type=Path, default=REPO / "grader" / "rubric.yaml")
    parser.add_argument("--keep", type=Path, default=None, help="keep the course folder here")
    args = parser.parse_args()

    from nbgrader.api import Gradebook

    from partnership_course.content.paths import modules_dir
    from partnership_course.grading.inject import inject_submission
    from partnership_course.grading.nbg import api, db_url, generate_release, write_config
    from partnership_course.grading.rubric import load_rubric
    from partnership_course.grading.source import build_source
    from partnership_course.store import open_store

    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-rubric-"))
    course = root / "grader"
    write_config(course)
    rubric = load_rubric(args.rubric)
    (built,) = build_source(modules_dir(), course, [args.module], rubric)
    problems = generate_release(course, [args.module])
    assert not any(problems.values()), problems
    store = open_store(f"sqlite:///{root / 'responses.db'}")
    learners = {
        f"{quality}-{lang}": (quality, lang)
        for quality in ("strong", "adequate", "negated")
        for lang in ("en", "es")
    }
    for learner, (quality, lang) in learners.items():
        for key, (kind, value) in answers_for(args.module, built, quality, lang).items():
            store.save(learner, args.module, key, kind, value)
        assert inject_submission(course, args.module, learner, store) is not None
        outcome = api(course).autograde(args.module, learner)
        assert outcome["success"], outcome.get("log")
    print(f"module {args.module}, rubric {args.rubric}")
    print("complete learner: every check keyed first, every card by the key, reflections = anchors")
    print("negated-*: the same, but each reflection's next steps and principles are negated")
    with Gradebook(db_url(course), "family-partnership") as gb:
        for learner in learners:
            submission = gb.find_submission(args.module, learner)
            earned = available = 0.0
            missed = []
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.auto_score is None:
                        continue  # a coach's task cell
                    earned += grade.auto_score
                    available += grade.max_score
                    if grade.auto_score < grade.max_score:
                        missed.append(grade.name)
            shown = ", ".join(missed) if missed else "none"
            print(f"  {learner:13} automatic {earned:5.2f} of {available:5.2f}; missed: {shown}")
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PARTNERSHIP_COURSE_LANG", "en")
    sys.exit(main())
