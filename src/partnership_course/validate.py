"""`partnership-course validate`: every scenario file and every notebook, every problem at once.

Exits non-zero with one `file:line: field: problem` line per problem, so an author (or CI) can
jump straight to each one.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from .content import knowledge_test
from .content.cues import course_items, too_often_longest
from .content.errors import Problem
from .content.loader import load_all
from .content.paths import modules_dir, scenarios_dir, translations_dir
from .notebooks import ActivityRef, activity_refs, hygiene_problems, module_notebooks


def collect_problems(scenarios: Path, modules: Path) -> tuple[int, int, list[Problem]]:
    """(scenario count, notebook count, problems) for a scenario library and a modules folder."""
    found, problems = load_all(scenarios)
    broken = {
        p.file.resolve().relative_to(scenarios.resolve()).with_suffix("").as_posix()
        for p in problems
    }
    notebooks = module_notebooks(modules)
    first_use: dict[tuple[str, str], ActivityRef] = {}
    for path in notebooks:
        problems += [Problem(path, line, field, msg) for line, field, msg in hygiene_problems(path)]
        module, refs = activity_refs(path)
        if module is None:
            problems.append(Problem(path, 1, "start", 'no start("<module>") call in a code cell'))
        elif module != path.parent.name:
            problems.append(
                Problem(
                    path, 1, "start", f"starts module {module!r} but lives in {path.parent.name!r}"
                )
            )
        for ref in refs:
            earlier = first_use.setdefault((path.parent.name, ref.scenario_id), ref)
            if earlier is not ref:
                # two live widgets on one stored answer would overwrite each other
                problems.append(
                    Problem(
                        path,
                        ref.line,
                        f"cell {ref.cell_id}",
                        f"activity {ref.name!r} already appears in {earlier.notebook.name} "
                        f"(cell {earlier.cell_id}); use each activity once per module",
                    )
                )
                continue
            if ref.scenario_id in broken:
                continue  # the scenario's own problems are already listed
            if ref.scenario_id not in found:
                problems.append(
                    Problem(
                        path,
                        ref.line,
                        f"cell {ref.cell_id}",
                        f"activity {ref.name!r}: no scenario file scenarios/{ref.scenario_id}.yaml",
                    )
                )
    if not broken:  # a course-level rule, judged on a library whose files all load
        problems += [
            Problem(scenarios, 1, "options", m) for m in too_often_longest(course_items(found))
        ]
        problems += knowledge_test.problems(found, scenarios)
    return len(found), len(notebooks), problems


def cue_problems(lang: str) -> list[Problem]:
    """The keyed-is-longest rule measured on a translation, so no language gives answers away."""
    from .i18n.overlay import translated_scenario

    found, _ = load_all(scenarios_dir())
    translated = {key: translated_scenario(key, lang) for key in found}
    return [
        Problem(scenarios_dir(), 1, f"options ({lang})", message)
        for message in too_often_longest(course_items(translated))  # type: ignore[arg-type]
    ] + knowledge_test.problems(translated, translations_dir() / lang / "scenarios")


def run(scenarios: Path, modules: Path, languages: list[str] | None = None) -> int:
    """Print problems (or a one-line summary) and return the exit code."""
    from .grading.validation import grading_problems

    count, notebooks, problems = collect_problems(scenarios, modules)
    problems += grading_problems(scenarios, languages)
    if not problems:  # translations are checked against a valid English course only
        from .i18n.commands import translation_problems

        for lang in languages or []:
            problems += translation_problems(lang)
            problems += cue_problems(lang)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {count} scenario files and {notebooks} notebooks")
        return 1
    languages_text = ", ".join(["en", *(languages or [])])
    print(f"ok: {count} scenario files and {notebooks} notebooks are valid ({languages_text})")
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """CLI wiring for `partnership-course validate`."""
    parser.add_argument("--scenarios", type=Path, default=None, help="scenario library folder")
    parser.add_argument("--modules", type=Path, default=None, help="modules folder")
    parser.add_argument(
        "--english-only",
        action="store_true",
        help="skip the check that every string is translated into every course language",
    )

    def handler(args: argparse.Namespace) -> int:
        from .i18n import DEFAULT, SUPPORTED

        languages = [] if args.english_only else [x for x in SUPPORTED if x != DEFAULT]
        return run(args.scenarios or scenarios_dir(), args.modules or modules_dir(), languages)

    return handler
