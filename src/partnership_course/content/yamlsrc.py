"""Read YAML while remembering where every value came from.

Validation errors must point at a line, so the loader keeps PyYAML's node tree beside the plain
data and can answer "which line holds options[2].text?". PyYAML silently keeps the last of two
equal keys; a content author would lose text that way, so duplicate keys are errors here.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem

if TYPE_CHECKING:
    from yaml.nodes import Node


@dataclass
class Located:
    """A parsed YAML document plus its node tree, for mapping field paths to lines."""

    path: Path
    data: Any
    root: Node | None
    text: str | None = None  # read from the parse cache: the tree is composed when asked for

    def line_of(self, loc: tuple[str | int, ...]) -> int:
        """1-based line of the deepest node on `loc` that exists (the file's first line if none)."""
        if self.root is None and self.text is not None:
            from .yamlparse import compose

            self.root = compose(self.text)
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
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == str(part):
                return value
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def read_yaml(path: Path) -> Located:
    """Parse one YAML file; raise a Problem-carrying error on bad syntax or duplicate keys.

    A file read before comes from the parse cache (`cache_dir()`), keyed by its bytes."""
    from .errors import ScenarioError

    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError([Problem(path, 1, "", f"not UTF-8 text ({exc.reason})")]) from exc
    key = hashlib.sha256(CACHE_FORMAT + raw).hexdigest()
    cached = _cached(key)
    if cached is not None:
        return Located(path, cached[0], None, text)
    from .yamlparse import parse

    data, root = parse(path, text)
    _remember(key, data)
    return Located(path, data, root)


# -- the parse cache ---------------------------------------------------------------------------
# Why: every kernel reads its page's content files, and composing PyYAML's node tree (twice: the
# tree for line numbers and the data) was about a quarter of a warm kernel's CPU once Voila was
# out of it, and PyYAML itself a few MB of every kernel. A file that parsed once is stored as
# JSON named by the SHA-256 of its bytes, so an edited file is simply a new name; only data that
# JSON gives back exactly is stored (a date, a number as a key: parsed every time). Line numbers
# for an error come from the text, composed again only then. Writes go through a temporary file
# and `os.replace`, so two hundred kernels reading and writing at once never see half a file.
CACHE_FORMAT = b"partnership-course yaml 1\0"  # change it when parsing rules change
CACHE_ENV = "PARTNERSHIP_COURSE_CACHE"


def cache_dir() -> Path | None:
    """`$PARTNERSHIP_COURSE_CACHE/yaml`, else `~/.cache/partnership-course/yaml`; "off" for none."""
    base = os.environ.get(CACHE_ENV)
    if base == "off":
        return None
    if base:
        return Path(base) / "yaml"
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return home / "partnership-course" / "yaml"


def _cached(key: str) -> tuple[Any] | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (json.loads((folder / f"{key}.json").read_bytes()),)
    except (OSError, ValueError):
        return None


def _remember(key: str, data: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        payload = json.dumps(data, ensure_ascii=False)
        if json.loads(payload) != data:
            return
    except (TypeError, ValueError):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(payload)
        os.replace(temporary, folder / f"{key}.json")
    except OSError:
        return  # a read-only home: parse every time, as before
