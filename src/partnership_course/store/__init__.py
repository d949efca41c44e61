"""The one response store every view reads: notebooks, grader, facilitator view, certificates."""

from .responses import (
    MAX_ANSWER_BYTES,
    AnswerTooLarge,
    Response,
    ResponseStore,
    StaleAnswer,
    default_url,
    open_store,
)

__all__ = [
    "MAX_ANSWER_BYTES",
    "AnswerTooLarge",
    "Response",
    "ResponseStore",
    "StaleAnswer",
    "default_url",
    "open_store",
]
