"""Learner answers as Python literals that read well in formgrader and round-trip exactly.

A reflection can be a megabyte of anything: markup, quotes, backslashes, any script, control
characters, even lone surrogates from a JSON round trip. `python_literal` writes such a value as
source code in which strings are split into short double-quoted pieces (at line ends and between
words) that Python joins back together; characters that could confuse a reader or an editor are
escaped. `answer_source` checks its own output with `ast.literal_eval` before anyone uses it, so
a byte can never silently go missing on the way into a submission.
"""

from __future__ import annotations

import ast
import math
import re
from typing import Any

# Characters written as escapes: the quote and backslash, C0/C1 controls, DEL, surrogates, the
# Unicode line and paragraph separators, the BOM and the bidi controls (a reader must see them).
_ESCAPE = re.compile(
    '[\\\\"\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]'
)
_SHORT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_WIDTH = 72


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def string_piece(text: str) -> str:
    """One double-quoted Python string literal for `text`."""
    return '"' + _ESCAPE.sub(_escape_char, text) + '"'


def _chunks(text: str, width: int) -> list[str]:
    """Split `text` into pieces that end at a newline or after a space, about `width` long."""
    pieces: list[str] = []
    for line in re.split(r"(?<=\n)", text):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            cut = width if cut <= 0 else cut + 1
            pieces.append(line[:cut])
            line = line[cut:]
        if line:
            pieces.append(line)
    return pieces or [""]


def python_literal(value: Any, indent: int = 0) -> str:
    """`value` (JSON-like: dict, list, str, int, float, bool, None) as readable Python source."""
    pad = " " * indent
    inner = " " * (indent + 4)
    if isinstance(value, str):
        pieces = _chunks(value, _WIDTH)
        if len(pieces) == 1:
            return string_piece(pieces[0])
        body = "".join(f"{inner}{string_piece(p)}\n" for p in pieces)
        return f"(\n{body}{pad})"
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be written as a literal")
        return repr(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"answer keys must be strings, not {type(key).__name__}")
            items.append(f"{inner}{string_piece(key)}: {python_literal(item, indent + 4)},\n")
        return "{\n" + "".join(items) + pad + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [f"{inner}{python_literal(item, indent + 4)},\n" for item in value]
        return "[\n" + "".join(items) + pad + "]"
    raise TypeError(f"cannot write a {type(value).__name__} into a submission")


def answer_source(name: str, value: Any) -> str:
    """Source of an answered activity cell: `course.activity("name", answer=...)`, verified."""
    source = (
        f"course.activity(\n    {string_piece(name)},\n    answer={python_literal(value, 4)},\n)"
    )
    if read_answer(source) != (name, value):
        raise AssertionError(f"the answer to {name!r} did not survive being written as source")
    return source


def read_answer(source: str) -> tuple[str, Any] | None:
    """(activity name, answer) from an answered activity cell's source; None if it has none."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "activity"
        and len(call.args) == 1
    ):
        return None
    name = ast.literal_eval(call.args[0])
    for keyword in call.keywords:
        if keyword.arg == "answer":
            return name, ast.literal_eval(keyword.value)
    return None
