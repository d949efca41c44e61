"""The reflection rubric, as data (`grader/rubric.yaml`): criteria with levels and points.

Criteria `scored_by: check` are ones a machine can check honestly (answered, long enough, names
one of a list of phrases); `build_source` turns each into a locked autograder test. Criteria
`scored_by: coach` are scored one by one by the coach: each becomes its own nbgrader manually
graded task cell (formgrader shows a score box per criterion, and the coaches' grading page a
level choice per criterion), so no coach has to split one number by arithmetic. A coach
criterion with `from_guidance: true` takes its descriptor from each reflection's own `guidance`.

A reflection worth `points` in its scenario file spreads those points over the criteria in
proportion to the points the rubric gives them (rounded to 0.01).

Translation follows the course's rule that a language is a folder:
`translations/<lang>/grader/rubric.yaml` is a copy of the English file with only its words
changed (title, note, labels, descriptions, level labels) and that language's `phrases` lists.
`rubric_problems` checks that a translation changes nothing else, with `file:line` errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..content.errors import Problem
from ..content.yamlsrc import Located

CHECKS = ("answered", "length", "phrases", "privacy")
CRITERION_FIELDS = {
    "id",
    "label",
    "scored_by",
    "points",
    "check",
    "min_words",
    "phrases",
    "levels",
    "description",
    "from_guidance",
}


@dataclass(frozen=True)
class Level:
    """One level of a criterion: what it looks like and what it earns."""

    points: float
    label: str


@dataclass(frozen=True)
class Criterion:
    """One rubric criterion (its words in one language)."""

    id: str
    label: str
    scored_by: str  # "check" or "coach"
    points: float
    check: str = ""
    min_words: int = 0
    phrases: tuple[str, ...] = ()
    levels: tuple[Level, ...] = ()
    description: str = ""
    from_guidance: bool = False

    @property
    def by_coach(self) -> bool:
        """Whether a coach scores this criterion (else the autograder does)."""
        return self.scored_by == "coach"

    def scaled(self, factor: float, min_words: int = 0, guidance: str = "") -> Criterion:
        """This criterion worth `factor` times its points (a scenario's min_words wins); a
        `from_guidance` criterion gets the reflection's `guidance` as its description."""
        levels = tuple(Level(round(lv.points * factor, 2), lv.label) for lv in self.levels)
        description = guidance if self.from_guidance and guidance else self.description
        return replace(
            self,
            points=round(self.points * factor, 2),
            min_words=min_words or self.min_words,
            levels=levels,
            description=description,
        )

    def level_for(self, points: float | None) -> Level | None:
        """The level a score stands for (the highest level not above it), or None."""
        if points is None:
            return None
        fitting = [lv for lv in self.levels if lv.points <= points + 1e-9]
        return max(fitting, key=lambda lv: lv.points) if fitting else None


@dataclass(frozen=True)
class Rubric:
    """All reflection criteria, in the order the learner reads them."""

    criteria: tuple[Criterion, ...]
    title: str = "Rubric for this reflection"
    note: str = ""
    lang: str = "en"
    source: Path | None = field(default=None, compare=False)

    @property
    def total(self) -> float:
        """Points of all criteria together."""
        return sum(c.points for c in self.criteria)

    def criterion(self, cid: str) -> Criterion | None:
        """The criterion with id `cid`, if the rubric has one."""
        return next((c for c in self.criteria if c.id == cid), None)

    def for_reflection(
        self, points: float, min_words: int = 0, guidance: str = ""
    ) -> tuple[Criterion, ...]:
        """The criteria scaled so that together they are worth `points`."""
        factor = points / self.total if self.total else 0.0
        return tuple(c.scaled(factor, min_words, guidance) for c in self.criteria)


class RubricError(ValueError):
    """A problem in a rubric file, naming the file, line and field (one or many)."""

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(Path("rubric"), 1, "", problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _phrases(value: Any) -> dict[str, tuple[str, ...]] | None:
    """`phrases` as written: one list (the file's language) or one list per language."""
    if value is None:
        return {}
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return {"": tuple(value)}
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
        for k, v in value.items()
    ):
        return {k: tuple(v) for k, v in value.items()}
    return None


class _Reader:
    """Collects every problem in one rubric file before giving up, each with its line."""

    def __init__(self, located: Located) -> None:
        self.located = located
        self.problems: list[Problem] = []

    def fail(self, loc: tuple[str | int, ...], message: str) -> None:
        dotted = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc)
        dotted = dotted.replace(".[", "[")
        self.problems.append(Problem(self.located.path, self.located.line_of(loc), dotted, message))

    def text(self, raw: dict, key: str, loc: tuple, default: str = "") -> str:
        value = raw.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            self.fail((*loc, key), "must be text")
            return default
        return value


def _criterion(r: _Reader, raw: Any, index: int, lang: str) -> Criterion | None:
    loc: tuple[str | int, ...] = ("reflection", "criteria", index)
    if not isinstance(raw, dict):
        r.fail(loc, "must be a mapping")
        return None
    unknown = set(raw) - CRITERION_FIELDS
    if unknown:
        r.fail(loc, f"unknown field(s) {sorted(unknown)}")
    cid = raw.get("id")
    if not isinstance(cid, str) or not cid or "--" in cid:
        r.fail((*loc, "id"), "an id without '--' is required")
        return None
    scored_by = raw.get("scored_by")
    if scored_by not in ("check", "coach"):
        r.fail((*loc, "scored_by"), "must be 'check' or 'coach'")
    points = raw.get("points")
    if isinstance(points, bool) or not isinstance(points, int | float) or points < 0:
        r.fail((*loc, "points"), "a number >= 0 is required")
        points = 0
    check = raw.get("check", "") or ""
    if scored_by == "check" and check not in CHECKS:
        r.fail((*loc, "check"), f"one of {list(CHECKS)} is required")
    phrases = _phrases(raw.get("phrases"))
    if phrases is None:
        r.fail((*loc, "phrases"), "expected a list of phrases (or one list per language)")
        phrases = {}
    flat = tuple(p for group in phrases.values() for p in group)
    if check == "phrases" and not flat:
        r.fail((*loc, "phrases"), "a 'phrases' check needs phrases")
    from_guidance = raw.get("from_guidance", False)
    if not isinstance(from_guidance, bool):
        r.fail((*loc, "from_guidance"), "must be true or false")
        from_guidance = False
    if from_guidance and scored_by != "coach":
        r.fail((*loc, "from_guidance"), "only a coach criterion can take the prompt's guidance")
    levels: list[Level] = []
    raw_levels = raw.get("levels") or []
    if not isinstance(raw_levels, list):
        r.fail((*loc, "levels"), "must be a list of {points, label}")
        raw_levels = []
    for li, level in enumerate(raw_levels):
        at = (*loc, "levels", li)
        lp = level.get("points") if isinstance(level, dict) else None
        if isinstance(lp, bool) or not isinstance(lp, int | float):
            r.fail(at, "needs points and label")
            continue
        extra = sorted(str(k) for k in set(level) - {"points", "label"})
        if extra:
            # `{points: 3, label: one, two}` reads as a label "one" and a key "two": quote it
            r.fail(at, f"unknown field(s) {extra}; put a label holding commas in quotes")
        if lp > points:
            r.fail((*at, "points"), f"{lp:g} is more than the criterion's {points:g} points")
        levels.append(Level(float(lp), r.text(level, "label", at)))
    if scored_by == "coach" and len(levels) < 2:
        r.fail((*loc, "levels"), "a coach criterion needs at least two levels to choose from")
    if len({lv.points for lv in levels}) != len(levels):
        r.fail((*loc, "levels"), "two levels have the same points")
    return Criterion(
        id=cid,
        label=r.text(raw, "label", loc, cid) or cid,
        scored_by=str(scored_by),
        points=float(points),
        check=str(check),
        min_words=int(raw.get("min_words") or 0),
        phrases=flat,
        levels=tuple(sorted(levels, key=lambda lv: lv.points)),
        description=r.text(raw, "description", loc),
        from_guidance=from_guidance,
    )


def _parse(located: Located, lang: str = "en") -> tuple[Rubric | None, list[Problem]]:
    r = _Reader(located)
    data = located.data
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        r.fail(("schema_version",), "must be 1")
        return None, r.problems
    section = data.get("reflection")
    if not isinstance(section, dict) or not isinstance(section.get("criteria"), list):
        r.fail(("reflection", "criteria"), "a list of criteria is required")
        return None, r.problems
    criteria: list[Criterion] = []
    seen: set[str] = set()
    for index, raw in enumerate(section["criteria"]):
        criterion = _criterion(r, raw, index, lang)
        if criterion is None:
            continue
        if criterion.id in seen:
            r.fail(("reflection", "criteria", index, "id"), f"duplicate id {criterion.id!r}")
        seen.add(criterion.id)
        criteria.append(criterion)
    if not section["criteria"]:
        r.fail(("reflection", "criteria"), "at least one criterion is required")
    rubric = Rubric(
        criteria=tuple(criteria),
        title=r.text(section, "title", ("reflection",), Rubric.title) or Rubric.title,
        note=r.text(section, "note", ("reflection",)),
        lang=lang,
        source=located.path,
    )
    return rubric, r.problems


def parse_rubric(data: Any, source: Path | None = None, lang: str = "en") -> Rubric:
    """Validate rubric data (as loaded from YAML); raise RubricError listing every problem."""
    rubric, problems = _parse(Located(Path(source or "rubric"), data, None), lang)
    if problems or rubric is None:
        raise RubricError(problems)
    return rubric


def _skeleton(rubric: Rubric) -> list[tuple]:
    """What a translation must keep: ids, who scores, points, checks, levels' points."""
    return [
        (
            c.id,
            c.scored_by,
            c.points,
            c.check,
            c.min_words,
            c.from_guidance,
            tuple(lv.points for lv in c.levels),
        )
        for c in rubric.criteria
    ]


def translation_path(lang: str) -> Path:
    """`translations/<lang>/grader/rubric.yaml`."""
    from ..content.paths import translations_dir

    return translations_dir() / lang / "grader" / "rubric.yaml"


def _read(path: Path, lang: str) -> tuple[Rubric | None, list[Problem]]:
    from ..content.errors import ScenarioError
    from ..content.yamlsrc import read_yaml

    try:
        located = read_yaml(Path(path))
    except ScenarioError as exc:
        return None, exc.problems
    return _parse(located, lang)


def _translated(base: Rubric, path: Path, lang: str) -> tuple[Rubric | None, list[Problem]]:
    """The rubric in `lang` from its translation file, checked against the English one."""
    from ..content.yamlsrc import read_yaml

    other, problems = _read(path, lang)
    if other is None or problems:
        return None, problems
    if _skeleton(other) != _skeleton(base):
        located = read_yaml(path)
        for index, (a, b) in enumerate(zip(_skeleton(base), _skeleton(other), strict=False)):
            if a != b:
                problems.append(
                    Problem(
                        path,
                        located.line_of(("reflection", "criteria", index)),
                        f"reflection.criteria[{index}]",
                        f"differs from {base.source} in more than its words (ids, scored_by, "
                        "points, check, min_words, from_guidance and level points must match)",
                    )
                )
                break
        else:
            problems.append(
                Problem(
                    path, 1, "reflection.criteria", f"must list the same criteria as {base.source}"
                )
            )
        return None, problems
    criteria = []
    for mine, theirs in zip(base.criteria, other.criteria, strict=True):
        phrases = tuple(dict.fromkeys((*mine.phrases, *theirs.phrases)))
        criteria.append(replace(theirs, phrases=phrases))
    return replace(other, criteria=tuple(criteria)), []


def _default_path() -> Path:
    from ..content.paths import grader_dir

    return grader_dir() / "rubric.yaml"


def _with_every_languages_phrases(rubric: Rubric, base: Rubric) -> Rubric:
    """`rubric` whose `phrases` checks look for the phrases of every language's rubric file."""
    from ..content.paths import translations_dir

    extra: dict[str, list[str]] = {c.id: list(c.phrases) for c in rubric.criteria}
    folder = translations_dir()
    for path in sorted(folder.glob("*/grader/rubric.yaml")) if folder.is_dir() else []:
        lang = path.relative_to(folder).parts[0]
        other, problems = _translated(base, path, lang)
        if other is None or problems:
            continue  # validate reports it; the language's own cohort gets the error on load
        for criterion in other.criteria:
            extra[criterion.id] += criterion.phrases
    criteria = tuple(replace(c, phrases=tuple(dict.fromkeys(extra[c.id]))) for c in rubric.criteria)
    return replace(rubric, criteria=criteria)


def load_rubric(path: Path | None = None, lang: str = "en") -> Rubric:
    """Read `grader/rubric.yaml` (or `path`), with its words in `lang` when its translation
    exists (English otherwise).

    Whatever the language, every `phrases` check looks for the phrases of every language (a
    learner may name a principle in either), so no writer loses a point to the cohort's language.
    """
    path = Path(path) if path is not None else _default_path()
    base, problems = _read(path, "en")
    if base is None or problems:
        raise RubricError(problems)
    rubric = base
    if lang != "en" and translation_path(lang).is_file():
        translated, problems = _translated(base, translation_path(lang), lang)
        if translated is None or problems:
            raise RubricError(problems)
        rubric = translated
    return _with_every_languages_phrases(rubric, base)


def rubric_problems(path: Path | None = None, languages: list[str] | None = None) -> list[Problem]:
    """Every problem in the rubric and its translations (for `validate`)."""
    path = Path(path) if path is not None else _default_path()
    base, problems = _read(path, "en")
    if base is None or problems:
        return problems
    for lang in languages or []:
        other = translation_path(lang)
        if not other.is_file():
            problems.append(Problem(other, 1, "", f"the rubric has no {lang} translation"))
            continue
        problems += _translated(base, other, lang)[1]
    return problems
