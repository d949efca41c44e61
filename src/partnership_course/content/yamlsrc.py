"""Read YAML while remembering where every value came from.

Validation errors must point at a line, so the loader keeps PyYAML's node tree beside the plain
data and can answer "which line holds options[2].text?". PyYAML silently keeps the last of two
equal keys; a content author would lose text that way, so duplicate keys are errors here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem


@dataclass
class Located:
    """A parsed YAML document plus its node tree, for mapping field paths to lines."""

    path: Path
    data: Any
    root: Node | None

    def line_of(self, loc: tuple[str | int, ...]) -> int:
        """1-based line of the deepest node on `loc` that exists (the file's first line if none)."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else 1
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line


def _child(node: Node | None, part: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == str(part):
                return value
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


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


def read_yaml(path: Path) -> Located:
    """Parse one YAML file; raise a Problem-carrying error on bad syntax or duplicate keys."""
    from .errors import ScenarioError

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError([Problem(path, 1, "", f"not UTF-8 text ({exc.reason})")]) from exc
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
    return Located(path, data, root)


def _field_at(text: str, line: int) -> str:
    """Best guess at the key on a line, so even syntax errors name a field."""
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        head = lines[line - 1].strip().lstrip("- ")
        if ":" in head:
            return head.split(":", 1)[0].strip()
    return ""
