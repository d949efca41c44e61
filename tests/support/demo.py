"""A small synthetic course for the grading tests, the benchmark, and coaches trying the runbook.

`make_demo_course(root)` writes `modules/`, `scenarios/` and a course folder with an
`nbgrader_config.py`; each module has one notebook with a knowledge check (2 points), a sort
(3 points, four cards), a reflection (16 points: the course rubric as written) and an unscored
self-assessment. `demo_answers(i)` gives learner number `i` a deterministic mix of answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHOICE = """schema_version: 1
kind: choice
id: check
title: Quick check
points: 2
question: Which habit builds trust with a family fastest?
options:
  - id: a
    text: Calling only when there is a problem
    feedback: Problem-only calls teach families to dread the phone.
  - id: b
    text: Sharing something positive first
    correct: true
    feedback: Yes; good news first opens two-way communication.
  - id: c
    text: Sending a long report home
    feedback: Reports inform but rarely start a conversation.
"""

SORT = """schema_version: 1
kind: sort
id: sort
title: Sort the practices
points: 3
categories:
  - {id: two-way, label: Two-way}
  - {id: one-way, label: One-way}
items:
  - {id: i1, text: A newsletter, category: one-way, feedback: Information flows one way.}
  - {id: i2, text: A home visit, category: two-way, feedback: Both sides talk and listen.}
  - {id: i3, text: A phone call, category: two-way, feedback: A conversation.}
  - {id: i4, text: A report card, category: one-way, feedback: Information flows one way.}
"""

REFLECTION = """schema_version: 1
kind: reflection
id: reflect
title: Your next step
points: 16
prompt: Think of one family you have not yet reached. What will you do next, and why?
min_words: 12
"""

RATING = """schema_version: 1
kind: self_assessment
id: rate
title: Where are you now?
scale: [{value: 1, label: starting}, {value: 2, label: growing}, {value: 3, label: confident}]
items: [{id: trust, label: Building trust}]
"""

SCENARIOS = {"check": CHOICE, "sort": SORT, "reflect": REFLECTION, "rate": RATING}
SORT_KEY = {"i1": "one-way", "i2": "two-way", "i3": "two-way", "i4": "one-way"}


def write_module(modules_dir: Path, scenarios_dir: Path, module: str) -> Path:
    """One demo module: scenario files and a notebook that follows docs/authoring.md."""
    import nbformat

    (scenarios_dir / module).mkdir(parents=True, exist_ok=True)
    for name, text in SCENARIOS.items():
        (scenarios_dir / module / f"{name}.yaml").write_text(text, encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb.cells = [
        md(f"# Demo module {module}", id="title-md"),
        code(f'from partnership_course import start\n\ncourse = start("{module}")', id="start"),
        md("## Check your understanding", id="check-md"),
        code('course.activity("check")', id="check"),
        md("## Sort", id="sort-md"),
        code('course.activity("sort")', id="sort"),
        md("## Reflect", id="reflect-md"),
        code('course.activity("reflect")', id="reflect"),
        code('course.activity("rate")', id="rate"),
        md("## Sources\n\nDemo content.", id="sources-md"),
    ]
    path = modules_dir / module / f"{module}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def make_demo_course(root: Path, modules: tuple[str, ...] = ("m1",)) -> dict[str, Path]:
    """Write a demo checkout under `root`; returns its folders (modules, scenarios, course)."""
    from partnership_course.grading.nbg import write_config

    root = Path(root)
    paths = {
        "modules": root / "modules",
        "scenarios": root / "scenarios",
        "course": root / "grader",
    }
    for module in modules:
        write_module(paths["modules"], paths["scenarios"], module)
    write_config(paths["course"])
    return paths


GOOD_TEXT = (
    "I will call Ms. Rivera tomorrow to share one thing her son did well this week. "
    "Trust grows when the first call is not about a problem, and I want two-way "
    "communication that respects what she knows about him."
)


def demo_answers(i: int, module: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """Deterministic answers for learner number `i`: activity id -> (kind, value)."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    if i % 5 != 4:
        out[f"{module}/check"] = ("choice", {"choice": "abc"[i % 3], "attempts": ["abc"[i % 3]]})
    placements = dict(SORT_KEY)
    if i % 2:
        placements["i1"] = "two-way"
    if i % 4 != 3:
        out[f"{module}/sort"] = ("sort", {"placements": placements})
    texts = [GOOD_TEXT, "Short note.", "", GOOD_TEXT + " Voy a llamar mañana."]
    if texts[i % 4]:
        out[f"{module}/reflect"] = ("reflection", {"text": texts[i % 4]})
    out[f"{module}/rate"] = ("self_assessment", {"ratings": {"trust": 1 + i % 3}})
    return out
