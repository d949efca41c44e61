"""PyYAML with the course's rules: YAML 1.2 booleans and duplicate keys refused.

Apart from `yamlsrc.py` because importing PyYAML and composing its node tree is most of what
reading a content file costs; `yamlsrc.read_yaml` comes here only for a file it has not read
before (its parse cache) or when an error needs line numbers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node

from .errors import Problem


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 booleans: only true/false. Under YAML 1.1 an answer option written `Yes` or
    `No` would silently become a boolean, a trap for content authors."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _StrictLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _Resolver,
):
    """Safe loading, YAML 1.2 booleans, and duplicate keys refused instead of silently dropped."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)


def _construct_mapping(loader: _StrictLoader, node: MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,  # type: ignore[arg-type]
)


def parse(path: Path, text: str) -> tuple[Any, Node | None]:
    """The document's data and its node tree; a Problem-carrying error on bad syntax."""
    from .errors import ScenarioError

    try:
        root = yaml.compose(text, Loader=_StrictLoader)
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        field = _field_at(text, line)
        problem = exc.problem or str(exc)
        raise ScenarioError([Problem(path, line, field, f"invalid YAML: {problem}")]) from exc
    except yaml.YAMLError as exc:
        raise ScenarioError([Problem(path, 1, "", f"invalid YAML: {exc}")]) from exc
    return data, root


def compose(text: str) -> Node | None:
    """Only the node tree (for line numbers) of text that parsed before."""
    return yaml.compose(text, Loader=_StrictLoader)


def _field_at(text: str, line: int) -> str:
    """Best guess at the key on a line, so even syntax errors name a field."""
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        head = lines[line - 1].strip().lstrip("- ")
        if ":" in head:
            return head.split(":", 1)[0].strip()
    return ""
