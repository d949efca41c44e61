"""Load scenario files into content models, turning every failure into file:line: field errors."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import Problem, ScenarioError
from .model import SCHEMA_VERSION, ScenarioBase
from .paths import scenarios_dir
from .yamlsrc import Located, read_yaml


def scenario_path(activity_id: str, root: Path | None = None) -> Path:
    """File for an activity id such as `01-dual-capacity/conditions-sort`."""
    base = root or scenarios_dir()
    path = (base / f"{activity_id}.yaml").resolve()
    if base.resolve() not in path.parents:
        raise ValueError(f"activity id {activity_id!r} points outside the scenario library")
    return path


def parse_file(path: Path) -> ScenarioBase:
    """Validate one file; raise ScenarioError listing every problem with its line and field."""
    from pydantic import ValidationError

    from .registry import model_class

    located = read_yaml(path)
    data = located.data
    if not isinstance(data, dict):
        raise ScenarioError([Problem(path, 1, "", "a scenario file must be a YAML mapping")])
    problems = _header_problems(located)
    if problems:
        raise ScenarioError(problems)
    model = model_class(data["kind"])
    fields = {k: v for k, v in data.items() if k != "kind"}
    try:
        scenario = model.model_validate(fields)
    except ValidationError as exc:
        raise ScenarioError(_from_pydantic(located, exc)) from None
    if scenario.id != path.stem:
        line = located.line_of(("id",))
        raise ScenarioError(
            [Problem(path, line, "id", f"{scenario.id!r} must match the file name {path.stem!r}")]
        )
    return scenario


def _header_problems(located: Located) -> list[Problem]:
    from .registry import KINDS as MODELS

    data, path = located.data, located.path
    problems = []
    version = data.get("schema_version")
    if version is None:
        problems.append(
            Problem(path, 1, "schema_version", "missing (this library reads version 1)")
        )
    elif version != SCHEMA_VERSION:
        problems.append(
            Problem(
                path,
                located.line_of(("schema_version",)),
                "schema_version",
                f"version {version!r} is not supported (this library reads {SCHEMA_VERSION})",
            )
        )
    kind = data.get("kind")
    if kind is None:
        problems.append(Problem(path, 1, "kind", f"missing; one of {sorted(MODELS)}"))
    elif kind not in MODELS:
        problems.append(
            Problem(
                path,
                located.line_of(("kind",)),
                "kind",
                f"unknown activity kind {kind!r}; one of {sorted(MODELS)}",
            )
        )
    return problems


def _from_pydantic(located: Located, exc: object) -> list[Problem]:
    problems: list[Problem] = []
    seen_text_fields: set[str] = set()
    errors = exc.errors()  # type: ignore[attr-defined]
    # language-key errors first, so a bad language code wins over "must be text"
    errors = sorted(errors, key=lambda e: "[key]" not in e["loc"])
    for error in errors:
        raw = tuple(error["loc"])
        message = error["msg"]
        if any(_is_union_tag(part) for part in raw):
            # a Text field: plain text or {en: ..., es: ...}; one message, not one per branch
            at = next(i for i, part in enumerate(raw) if _is_union_tag(part))
            field = _dotted(raw[:at])
            if field in seen_text_fields:
                continue
            seen_text_fields.add(field)
            message = "must be text, or a mapping of language code (en, es) to text"
            if "[key]" in raw:
                language = raw[raw.index("[key]") - 1]
                message = f"{language!r} is not a supported language code (en, es)"
            problems.append(Problem(located.path, located.line_of(raw[:at]), field, message))
            continue
        field = _dotted(raw)
        if error["type"] == "missing":
            message = "required field is missing"
        elif error["type"] == "extra_forbidden":
            message = "unknown field (check the spelling)"
        elif error["type"] == "value_error":
            message = message.removeprefix("Value error, ")
            field, message = _split_field(field, message)
        problems.append(
            Problem(located.path, located.line_of(_parse_dotted(field)), field, message)
        )
    return problems


def _is_union_tag(part: object) -> bool:
    # pydantic adds the member type of a union (`str`, `dict[...]`) to the location
    return isinstance(part, str) and (part in {"str", "int"} or part.startswith("dict["))


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _parse_dotted(field: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for chunk in field.replace("[", ".[").split("."):
        if not chunk:
            continue
        parts.append(int(chunk[1:-1]) if chunk.startswith("[") else chunk)
    return tuple(parts)


def _split_field(field: str, message: str) -> tuple[str, str]:
    """A model-level message may start with the field it is about (`items[2].category: ...`)."""
    head, sep, rest = message.partition(": ")
    if sep and " " not in head and head:
        return (f"{field}.{head}" if field else head), rest
    return field, message


@lru_cache(maxsize=256)
def _cached(path: Path, mtime_ns: int) -> ScenarioBase:
    return parse_file(path)


def load_scenario(activity_id: str, root: Path | None = None) -> ScenarioBase:
    """Load one activity by id, cached until its file changes."""
    path = scenario_path(activity_id, root)
    if not path.is_file():
        raise FileNotFoundError(f"no scenario file {path} for activity {activity_id!r}")
    return _cached(path, path.stat().st_mtime_ns)


def load_all(root: Path | None = None) -> tuple[dict[str, ScenarioBase], list[Problem]]:
    """Every scenario in the library, plus every problem found (one bad file never hides others)."""
    base = root or scenarios_dir()
    found: dict[str, ScenarioBase] = {}
    problems: list[Problem] = []
    for path in sorted(base.rglob("*.yaml")):
        activity_id = path.relative_to(base).with_suffix("").as_posix()
        try:
            found[activity_id] = parse_file(path)
        except ScenarioError as exc:
            problems.extend(exc.problems)
    return found, problems
