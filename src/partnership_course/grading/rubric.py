"""The reflection rubric, as data (`grader/rubric.yaml`): criteria with levels and points.

Criteria `scored_by: check` are ones a machine can check honestly (answered, long enough, names
one of a list of phrases); `build_source` turns each into a locked autograder test. Criteria
`scored_by: coach` are scored by the coach in formgrader, as one score on the reflection cell,
with the rubric shown in a read-only cell right under the reflection.

A reflection worth `points` in its scenario file spreads those points over the criteria in
proportion to the points the rubric gives them (rounded to 0.01).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHECKS = ("answered", "length", "phrases")


@dataclass(frozen=True)
class Level:
    """One level of a criterion: what it looks like and what it earns."""

    points: float
    label: str


@dataclass(frozen=True)
class Criterion:
    """One rubric criterion."""

    id: str
    label: str
    scored_by: str  # "check" or "coach"
    points: float
    check: str = ""
    min_words: int = 0
    phrases: tuple[str, ...] = ()
    levels: tuple[Level, ...] = ()
    description: str = ""

    def scaled(self, factor: float, min_words: int = 0) -> Criterion:
        """This criterion worth `factor` times its points (a scenario's min_words wins)."""
        levels = tuple(Level(round(lv.points * factor, 2), lv.label) for lv in self.levels)
        return Criterion(
            id=self.id,
            label=self.label,
            scored_by=self.scored_by,
            points=round(self.points * factor, 2),
            check=self.check,
            min_words=min_words or self.min_words,
            phrases=self.phrases,
            levels=levels,
            description=self.description,
        )


@dataclass(frozen=True)
class Rubric:
    """All reflection criteria, in the order the learner reads them."""

    criteria: tuple[Criterion, ...]
    title: str = "Rubric for this reflection"
    note: str = ""
    source: Path | None = field(default=None, compare=False)

    @property
    def total(self) -> float:
        """Points of all criteria together."""
        return sum(c.points for c in self.criteria)

    def for_reflection(self, points: float, min_words: int = 0) -> tuple[Criterion, ...]:
        """The criteria scaled so that together they are worth `points`."""
        factor = points / self.total if self.total else 0.0
        return tuple(c.scaled(factor, min_words) for c in self.criteria)


class RubricError(ValueError):
    """A problem in the rubric file, naming the file and the field."""


def _phrases(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, dict):
        out: list[str] = []
        for lang, items in value.items():
            out += list(_phrases(items, f"{where}.{lang}"))
        return tuple(out)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise RubricError(f"{where}: expected a list of phrases (or one list per language)")


def parse_rubric(data: Any, source: Path | None = None) -> Rubric:
    """Validate rubric data (as loaded from YAML)."""
    where = str(source or "rubric")
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise RubricError(f"{where}: schema_version: must be 1")
    section = data.get("reflection")
    if not isinstance(section, dict) or not isinstance(section.get("criteria"), list):
        raise RubricError(f"{where}: reflection.criteria: a list of criteria is required")
    criteria: list[Criterion] = []
    seen: set[str] = set()
    for index, raw in enumerate(section["criteria"]):
        at = f"{where}: reflection.criteria[{index}]"
        if not isinstance(raw, dict):
            raise RubricError(f"{at}: must be a mapping")
        known = {
            "id",
            "label",
            "scored_by",
            "points",
            "check",
            "min_words",
            "phrases",
            "levels",
            "description",
        }
        unknown = set(raw) - known
        if unknown:
            raise RubricError(f"{at}: unknown field(s) {sorted(unknown)}")
        cid = raw.get("id")
        if not isinstance(cid, str) or not cid or "--" in cid or cid in seen:
            raise RubricError(f"{at}.id: a unique id without '--' is required")
        seen.add(cid)
        scored_by = raw.get("scored_by")
        if scored_by not in ("check", "coach"):
            raise RubricError(f"{at}.scored_by: must be 'check' or 'coach'")
        points = raw.get("points")
        if not isinstance(points, int | float) or points < 0:
            raise RubricError(f"{at}.points: a number >= 0 is required")
        check = raw.get("check", "")
        if scored_by == "check" and check not in CHECKS:
            raise RubricError(f"{at}.check: one of {list(CHECKS)} is required")
        phrases = _phrases(raw.get("phrases"), f"{at}.phrases")
        if check == "phrases" and not phrases:
            raise RubricError(f"{at}.phrases: a 'phrases' check needs phrases")
        levels = []
        for li, level in enumerate(raw.get("levels") or []):
            if not isinstance(level, dict) or not isinstance(level.get("points"), int | float):
                raise RubricError(f"{at}.levels[{li}]: needs points and label")
            levels.append(Level(float(level["points"]), str(level.get("label", ""))))
        criteria.append(
            Criterion(
                id=cid,
                label=str(raw.get("label") or cid),
                scored_by=scored_by,
                points=float(points),
                check=check,
                min_words=int(raw.get("min_words") or 0),
                phrases=phrases,
                levels=tuple(levels),
                description=str(raw.get("description", "")),
            )
        )
    if not criteria:
        raise RubricError(f"{where}: reflection.criteria: at least one criterion is required")
    return Rubric(
        criteria=tuple(criteria),
        title=str(section.get("title") or Rubric.title),
        note=str(section.get("note") or ""),
        source=source,
    )


def load_rubric(path: Path | None = None) -> Rubric:
    """Read `grader/rubric.yaml` (or `path`)."""
    import yaml

    if path is None:
        from ..content.paths import course_root

        root = course_root()
        if root is None:
            raise FileNotFoundError("no rubric given and no course checkout found")
        path = root / "grader" / "rubric.yaml"
    with open(path, encoding="utf-8") as handle:
        return parse_rubric(yaml.safe_load(handle), Path(path))


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def rubric_markdown(rubric: Rubric, criteria: tuple[Criterion, ...], lang: str = "en") -> str:
    """The read-only markdown cell shown right under a reflection (all text escaped).

    The table's headings are interface strings in `lang`; the rubric's own text (title, note,
    labels, levels) is shown as `rubric.yaml` writes it.
    """
    from .checks import gettext

    lines = [f"#### {_cell(rubric.title)}", ""]
    if rubric.note:
        lines += [_cell(rubric.note), ""]
    heads = (
        gettext("Criterion", lang),
        gettext("Scored by", lang),
        gettext("Points", lang),
        gettext("Levels", lang),
    )
    lines += ["| " + " | ".join(_cell(h) for h in heads) + " |", "|---|---|---|---|"]
    for c in criteria:
        who = (
            gettext("your coach", lang)
            if c.scored_by == "coach"
            else gettext("automatic check (below)", lang)
        )
        about = f"{c.label}: {c.description}" if c.description else c.label
        levels = "; ".join(f"{lv.points:g}: {lv.label}" for lv in c.levels)
        if c.check == "length":
            levels = levels or gettext("at least {n} words", lang).format(n=c.min_words)
        lines.append(f"| {_cell(about)} | {_cell(who)} | {c.points:g} | {_cell(levels)} |")
    return "\n".join(lines)
