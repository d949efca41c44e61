"""Seat time, measured from the content instead of guessed.

Districts grant professional-development hours from the certificate, so the hours must follow
from what a learner actually reads and does. The estimate for one notebook is:

- reading: every word of its markdown cells and every learner-facing word of its activities
  (questions, options, feedback, branches, endings), at `WORDS_PER_MINUTE`; learners are asked to
  read the feedback of every option, so feedback counts in full;
- doing: `MINUTES_PER_ACTIVITY` for each activity (finding it, choosing, checking, trying again),
  plus the minutes in `WRITING_MINUTES` for each written reply a kind asks for, plus
  `MINUTES_PER_RATING` for each item of a self-assessment, plus `MINUTES_PER_OUTPUT` for each
  other code cell that shows a chart or table to read (the setup cell excepted).

A notebook is rounded up to the next 5 minutes; a module's hours are its notebooks' minutes,
rounded up to the next quarter hour. `python -m partnership_course.content.seat_time` prints the
table; with `--write` it writes the times into the notebooks' "Time" lines (English and Spanish)
and the hours into `grader/course.yaml`, which the certificate reads.
"""

from __future__ import annotations

import argparse
import math
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..i18n.overlay import text_fields
from ..notebooks import activity_refs, module_notebooks
from .loader import load_scenario
from .model import text_in
from .paths import modules_dir, translations_dir

WORDS_PER_MINUTE = 200
MINUTES_PER_ACTIVITY = 1.0
MINUTES_PER_RATING = 0.25
MINUTES_PER_OUTPUT = 1.0
#: Written replies per kind: a reflection, the starters' own reply, a rewritten message, plans.
WRITING_MINUTES = {
    "reflection": 5.0,
    "starters": 3.0,
    "plain_language": 4.0,
    "contact_planner": 8.0,
    "action_plan": 10.0,
}
#: The stated time line in each language it is written for (a new language adds its entry in
#: both tables); the English one in the notebook, the others in `translations/<lang>/modules/`.
TIME_LINE = {
    "en": re.compile(r"\*\*Time:\*\* about (\d+) minutes"),
    "es": re.compile(r"\*\*Tiempo:\*\* unos (\d+) minutos"),
}
TIME_TEXT = {"en": "**Time:** about {m} minutes", "es": "**Tiempo:** unos {m} minutos"}


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_][\w'’-]*|\d+", text))


@dataclass(frozen=True)
class PartTime:
    """The estimate for one notebook, with its parts kept so the method can be checked."""

    notebook: Path
    reading_words: int
    activities: int
    writing_minutes: float
    rating_minutes: float
    outputs: int = 0

    @property
    def minutes(self) -> int:
        raw = (
            self.reading_words / WORDS_PER_MINUTE
            + self.activities * MINUTES_PER_ACTIVITY
            + self.writing_minutes
            + self.rating_minutes
            + self.outputs * MINUTES_PER_OUTPUT
        )
        return int(math.ceil(raw / 5) * 5)


def estimate(notebook: Path) -> PartTime:
    """Seat time of one notebook from its words and its activities."""
    nb = nbformat.read(notebook, as_version=4)
    words = sum(_words(c.source) for c in nb.cells if c.cell_type == "markdown")
    writing = rating = 0.0
    _, refs = activity_refs(notebook)
    for ref in refs:
        scenario = load_scenario(ref.scenario_id)
        words += sum(_words(text_in(v, "en")) for v in text_fields(scenario).values())
        writing += WRITING_MINUTES.get(scenario.kind, 0.0)
        rating += (
            MINUTES_PER_RATING
            * len(getattr(scenario, "items", []))
            * (scenario.kind == "self_assessment")
        )
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    outputs = sum(
        1 for source in code if "course.activity(" not in source and "start(" not in source
    )
    return PartTime(notebook, words, len(refs), writing, rating, outputs)


def module_hours(parts: list[PartTime]) -> float:
    """A module's hours: its parts' minutes, rounded up to the next quarter hour."""
    return math.ceil(sum(p.minutes for p in parts) / 15) / 4


def course_estimate(modules: Path | None = None) -> dict[str, list[PartTime]]:
    """Every module's parts, in order."""
    out: dict[str, list[PartTime]] = {}
    for path in module_notebooks(modules or modules_dir()):
        out.setdefault(path.parent.name, []).append(estimate(path))
    return out


def stated_minutes(notebook: Path) -> int | None:
    """The minutes the notebook tells the learner, or None if it states none."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        match = TIME_LINE["en"].search(cell.source)
        if match:
            return int(match.group(1))
    return None


def _write_times(parts: list[PartTime]) -> None:
    for part in parts:
        nb = nbformat.read(part.notebook, as_version=4)
        for cell in nb.cells:
            cell.source = TIME_LINE["en"].sub(TIME_TEXT["en"].format(m=part.minutes), cell.source)
        nbformat.write(nb, part.notebook)
        for lang, line in TIME_LINE.items():
            overlay = translations_dir() / lang / "modules" / part.notebook.parent.name
            path = overlay / f"{part.notebook.stem}.yaml"
            if lang != "en" and path.is_file():
                text = path.read_text(encoding="utf-8")
                text = line.sub(TIME_TEXT[lang].format(m=part.minutes), text)
                path.write_text(text, encoding="utf-8")


def _write_hours(course_yaml: Path, hours: dict[str, float]) -> None:
    """Replace each module's `hours:` line in place, keeping the file's comments and layout."""
    lines = course_yaml.read_text().split("\n")
    module = None
    for index, line in enumerate(lines):
        head = re.match(r"^  ([a-z0-9-]+):\s*$", line)
        if head:
            module = head.group(1)
        elif module in hours and re.match(r"^    hours:", line):
            lines[index] = f"    hours: {hours[module]:g}"
    course_yaml.write_text("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    """Print the estimate; with --write, make the notebooks and course.yaml follow it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update notebooks and course.yaml")
    parser.add_argument("--course-yaml", type=Path, default=Path("grader/course.yaml"))
    args = parser.parse_args(argv)
    estimates = course_estimate()
    print(f"{'part':45} {'words':>6} {'acts':>4} {'write':>5} {'min':>4}")
    for module, parts in estimates.items():
        for p in parts:
            name = f"{module}/{p.notebook.name}"
            writing = p.writing_minutes + p.rating_minutes
            print(f"{name:45} {p.reading_words:6} {p.activities:4} {writing:5.1f} {p.minutes:4}")
        print(f"{module:45} {'':6} {'':4} {'':5} {module_hours(parts):4g} h")
    total = sum(module_hours(p) for p in estimates.values())
    print(f"course total: {total:g} h at {WORDS_PER_MINUTE} words a minute")
    if args.write:
        for parts in estimates.values():
            _write_times(parts)
        _write_hours(args.course_yaml, {m: module_hours(p) for m, p in estimates.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
