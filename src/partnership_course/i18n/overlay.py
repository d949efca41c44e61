"""Translated scenario files: `translations/<lang>/scenarios/<module>/<id>.yaml`.

A translation is a full copy of the English file with only its learner-facing text changed.
That keeps the translator's job simple (copy, translate, keep the ids) and lets us check it
mechanically: with every text field masked, the two files must be identical, so a translation can
never change an answer key, an id or a score. A text left identical to the English is reported
as untranslated unless it is short (names, acronyms).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from ..content.errors import Problem, ScenarioError
from ..content.loader import parse_file, scenario_path
from ..content.paths import scenarios_dir, translations_dir
from ..content.yamlsrc import read_yaml

Path_ = tuple[str | int, ...]
MIN_WORDS_TO_TRANSLATE = 4


def _is_text(annotation: Any) -> bool:
    """Whether a field annotation is `Text` (str or a language mapping), possibly optional."""
    args = get_args(annotation)
    return str in args and any(get_origin(a) is dict for a in args)


def _inner_text(annotation: Any) -> bool:
    """Whether a list/tuple/dict annotation holds `Text` values."""
    args = get_args(annotation)
    return bool(args) and _is_text(args[-1])


def text_fields(model: BaseModel, prefix: Path_ = ()) -> dict[Path_, Any]:
    """Every learner-facing text value in a model, by its path (`options`, 2, `feedback`)."""
    found: dict[Path_, Any] = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        path = (*prefix, name)
        if value is None:
            continue
        if isinstance(value, BaseModel):
            found.update(text_fields(value, path))
        elif _is_text(field.annotation):
            found[path] = value
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    found.update(text_fields(item, (*path, index)))
                elif _inner_text(field.annotation):
                    found[(*path, index)] = item
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    found.update(text_fields(item, (*path, key)))
                elif _inner_text(field.annotation):
                    found[(*path, key)] = item
    return found


def skeleton(model: BaseModel) -> Any:
    """The model's data with every text field blanked: what a translation must not change."""
    data = model.model_dump(mode="json")
    for path in text_fields(model):
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = "<text>"
    return data


def _first_difference(a: Any, b: Any, path: Path_ = ()) -> Path_ | None:
    if type(a) is not type(b):
        return path
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return (*path, key)
            found = _first_difference(a[key], b[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return path
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            found = _first_difference(x, y, (*path, index))
            if found is not None:
                return found
        return None
    return None if a == b else path


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def overlay_path(activity_id: str, lang: str) -> Path:
    """Where the `lang` translation of an activity lives."""
    return translations_dir() / lang / "scenarios" / f"{activity_id}.yaml"


def check_overlay(
    base: BaseModel, path: Path, lang: str = "es"
) -> tuple[BaseModel | None, list[Problem]]:
    """Parse a translation and compare it with the English model; (model, problems)."""
    from .glossary import check_pair, load_terms

    translated, problems = same_activity(base, path)
    if translated is None:
        return None, problems
    located = read_yaml(path)
    terms = load_terms(lang)
    english = text_fields(base)
    for field_path, value in text_fields(translated).items():
        line, field = located.line_of(field_path), _dotted(field_path)
        source = str(english.get(field_path, ""))
        if value == source and len(str(value).split()) >= MIN_WORDS_TO_TRANSLATE:
            problems.append(Problem(path, line, field, "not translated (same as the English)"))
        problems += check_pair(terms, source, str(value), path, line, field)
    return translated, problems


def same_activity(base: BaseModel, path: Path) -> tuple[BaseModel | None, list[Problem]]:
    """The translation if it parses and changes only text, else None and why.

    What a page needs to show a translation; `check_overlay` adds the checks `validate`
    reports (untranslated text, glossary terms), which need every field's line number and
    so the YAML node tree: a kernel skips them (see content/yamlsrc.py, the parse cache)."""
    try:
        translated = parse_file(path)
    except ScenarioError as exc:
        return None, exc.problems
    diff = _first_difference(skeleton(base), skeleton(translated))
    if diff is not None:
        message = "differs from the English file; a translation may change only text"
        return None, [Problem(path, read_yaml(path).line_of(diff), _dotted(diff), message)]
    return translated, []


def translated_scenario(activity_id: str, lang: str) -> BaseModel:
    """The `lang` version of an activity if a valid translation exists, else the English."""
    from ..content.loader import load_scenario

    base = load_scenario(activity_id)
    if lang == "en":
        return base
    path = overlay_path(activity_id, lang)
    if not path.is_file():
        return base
    english = scenario_path(activity_id)
    return _checked(activity_id, path, path.stat().st_mtime_ns, english.stat().st_mtime_ns)


@lru_cache(maxsize=256)
def _checked(activity_id: str, path: Path, _mtime: int, _base_mtime: int) -> BaseModel:
    from ..content.loader import load_scenario

    base = load_scenario(activity_id)
    translated, _problems = same_activity(base, path)
    # never show a translation that changes the activity (or does not parse); validate reports it
    return base if translated is None else translated


def missing_translations(lang: str, scenarios: Path | None = None) -> list[Problem]:
    """Every scenario without a `lang` translation, and every problem in those that exist."""
    from ..content.loader import load_all

    base_dir = scenarios or scenarios_dir()
    found, _ = load_all(base_dir)
    problems: list[Problem] = []
    for activity_id, model in sorted(found.items()):
        path = overlay_path(activity_id, lang)
        if not path.is_file():
            english = scenario_path(activity_id, base_dir)
            problems.append(Problem(english, 1, "", f"no {lang} translation at {path}"))
            continue
        problems += check_overlay(model, path, lang)[1]
    known = set(found)
    root = translations_dir() / lang / "scenarios"
    for path in sorted(root.rglob("*.yaml")) if root.is_dir() else []:
        activity_id = path.relative_to(root).with_suffix("").as_posix()
        if activity_id not in known:
            problems.append(
                Problem(path, 1, "", f"translates {activity_id!r}, which does not exist")
            )
    return problems
