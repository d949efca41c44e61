"""CSV cells that a spreadsheet shows as text and never runs as a formula.

Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (some also after a leading tab or
carriage return) as a formula, so a learner id, a name or an answer in an export could attack
the computer of the coach or facilitator who opens it. Such a cell gets a leading apostrophe,
the spreadsheet convention for "this is text"; its words are kept whole, never stripped. One
rule for every CSV the course writes (the grader's, the audit's, the workshop's exports and
report); `tests/test_spreadsheet.py` refuses a copy of the list anywhere else.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """`text`, with an apostrophe in front when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def neutralise_frame(frame: Any) -> Any:
    """A copy of a DataFrame whose text cells are neutralised (numbers stay numbers)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype.kind not in "biufcmM":  # not a number or a date: may hold text
            safe[column] = safe[column].map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return safe
