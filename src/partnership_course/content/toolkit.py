"""Content model for the in-course toolkit activity (`toolkit`): which of the family toolkit's
documents a part of the course offers, and a line on why each one helps there.

The documents themselves (their text, their PDF and Word files) live in `documents.toolkit`;
content sits below documents in the package's layers, so the ids a scenario may name are listed
here and `tests/documents/test_toolkit_activity.py` checks they are exactly the toolkit's.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from .model import ScenarioBase, Strict, Text, unique_ids

DocumentId = Literal[
    "survey",
    "survey-teacher",
    "strengths",
    "contact-cards",
    "my-day",
    "my-week",
    "newsletter",
    "glossary",
    "interpreter-briefing",
    "call-script",
]


class OfferedDocument(Strict):
    """One document the activity offers, with an optional line on when to use it."""

    id: DocumentId
    note: Text | None = None
    chosen: bool = True  # ticked until the teacher unticks it


class Toolkit(ScenarioBase):
    """A teacher's own copies of the toolkit's documents, filled in with what they entered."""

    kind: ClassVar[str] = "toolkit"
    prompt: Text | None = None
    documents: list[OfferedDocument] = Field(min_length=1, max_length=10)

    @model_validator(mode="after")
    def _check(self) -> Toolkit:
        unique_ids(self.documents, "document", "documents")
        return self
