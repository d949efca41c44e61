"""Benchmark: autograde 60 learners x 3 modules with plain sequential nbgrader and with
`partnership-course grade` (parallel shards), in one run. Prints both times, the ratio, and
whether every score is identical. Asserts nothing about time.

    .venv/bin/python benchmarks/bench_grading.py [--learners 60] [--workers N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # tests/support


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=60)
    parser.add_argument("--modules", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None, help="default: number of cores + 1")
    parser.add_argument("--keep", type=Path, default=None, help="keep the course folders here")
    args = parser.parse_args()

    from support.demo import demo_answers, make_demo_course

    from partnership_course.grading.inject import inject_cohort
    from partnership_course.grading.nbg import db_url, generate_release
    from partnership_course.grading.parallel import grade_cohort, grade_sequential, snapshot
    from partnership_course.grading.rubric import load_rubric
    from partnership_course.grading.source import build_source
    from partnership_course.store import open_store

    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-grading-"))
    root.mkdir(parents=True, exist_ok=True)
    modules = tuple(f"m{i}" for i in range(1, args.modules + 1))
    paths = make_demo_course(root, modules)
    os.environ["PARTNERSHIP_COURSE_SCENARIOS"] = str(paths["scenarios"])
    rubric = load_rubric(Path(__file__).resolve().parents[1] / "grader" / "rubric.yaml")
    course = paths["course"]
    build_source(paths["modules"], course, list(modules), rubric, paths["scenarios"])
    started = time.monotonic()
    problems = generate_release(course, list(modules))
    assert not any(problems.values()), problems
    release_s = time.monotonic() - started
    store_url = f"sqlite:///{root / 'responses.db'}"
    store = open_store(store_url)
    for i in range(args.learners):
        for module in modules:
            for activity, (kind, value) in demo_answers(i, module).items():
                store.save(f"learner{i:03d}", module, activity, kind, value)
    started = time.monotonic()
    injected = inject_cohort(course, list(modules), store)
    inject_s = time.monotonic() - started
    sequential = root / "sequential"
    shutil.copytree(course, sequential)

    seq_s = grade_sequential(sequential, list(modules))
    run = grade_cohort(course, list(modules), workers=args.workers, quiet=True)
    par_s = run.seconds
    same = snapshot(db_url(course), "family-partnership") == snapshot(
        db_url(sequential), "family-partnership"
    )
    submissions = len(injected)
    print(f"cohort: {args.learners} learners x {len(modules)} modules = {submissions} submissions")
    print(f"cores: {os.cpu_count()}, workers: {args.workers or os.cpu_count()}")
    print(f"generate release: {release_s:.1f} s; inject responses: {inject_s:.1f} s")
    print(f"sequential nbgrader autograde: {seq_s:.1f} s ({seq_s / submissions:.2f} s each)")
    print(f"partnership-course grade:      {par_s:.1f} s ({par_s / submissions:.2f} s each)")
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in run.phases.items())
    print(f"  of which: {phases}")
    print(f"speed-up: {seq_s / par_s:.2f}x")
    print(f"failures: {len(run.failures)}; scores identical: {same}")
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if same and not run.failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
