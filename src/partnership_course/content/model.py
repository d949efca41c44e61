"""The content model: what a scenario file may say, one pydantic class per activity kind.

Models are frozen and hold no widget code, so tests, the grader and the facilitator view can
score answers without building a user interface. Every learner-facing string is a `Text`: plain
English, or a mapping from language code to text (`{en: ..., es: ...}`), so translation is data.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

SCHEMA_VERSION = 1
LANGUAGES = ("en", "es")  # the languages an inline `Text` may name: the Literal below

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
Text = str | dict[Literal["en", "es"], str]


def text_in(value: Text, lang: str) -> str:
    """The text in `lang`, falling back to English so a missing translation never blanks a page."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


# `[lang=es]Hola[/lang]`: a passage in another language; `rendering` turns it into <span lang>.
LANG_SPAN = re.compile(r"\[lang=([a-z]{2,3}(?:-[A-Z]{2})?)\](.*?)\[/lang\]", re.DOTALL)


def plain(text: str) -> str:
    """Content text with language marks removed (for places that cannot hold markup)."""
    return LANG_SPAN.sub(r"\2", text)


class Strict(BaseModel):
    """Base for every content model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def unique_ids(items: list[Any], what: str, field: str) -> None:
    """Raise `field[i].id: duplicate ...` so the loader can point at the second use."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            raise ValueError(f"{field}[{index}].id: duplicate {what} id {item.id!r}")
        seen.add(item.id)


class Citation(Strict):
    """A source for the facts an activity teaches (author, year, title)."""

    source: str
    detail: Text | None = None


class ScenarioBase(Strict):
    """Fields every scenario file carries."""

    kind: ClassVar[str] = ""
    schema_version: Literal[1]
    id: Id
    title: Text
    intro: Text | None = None
    citations: list[Citation] = Field(default_factory=list)
    points: int = Field(default=0, ge=0, le=100)


class Option(Strict):
    """One answer in a knowledge check, with the feedback a learner sees after choosing it."""

    id: Id
    text: Text
    correct: bool = False
    feedback: Text


class KnowledgeItem(Strict):
    """Marks a choice as one item of the knowledge pre/post test (`content.knowledge_test`):
    the same `item` is asked once `before` the course and once `after` it."""

    item: Id
    phase: Literal["before", "after"]


class Choice(ScenarioBase):
    """A knowledge check: one question, options with feedback for each one."""

    kind: ClassVar[str] = "choice"
    question: Text
    options: list[Option] = Field(min_length=2)
    knowledge_test: KnowledgeItem | None = None

    @model_validator(mode="after")
    def _check(self) -> Choice:
        unique_ids(self.options, "option", "options")
        if not any(o.correct for o in self.options):
            raise ValueError("options: at least one option must have correct: true")
        return self

    def is_correct(self, option_id: str | None) -> bool:
        """Whether `option_id` is a correct option (None, i.e. unanswered, is not)."""
        return any(o.id == option_id and o.correct for o in self.options)


class Category(Strict):
    """A place a sort item can go."""

    id: Id
    label: Text
    description: Text | None = None


class SortItem(Strict):
    """A card to sort, its expected category and what to say when it lands elsewhere.

    `also` names other categories that are just as right for this card (issue 10: a practice can
    show more than one principle); a card placed in any of them matches the key.
    """

    id: Id
    text: Text
    category: Id
    also: list[Id] = Field(default_factory=list)
    feedback: Text

    @property
    def accepted(self) -> list[str]:
        """Every category that is right for this card, the main one first."""
        return [self.category, *self.also]


class Sort(ScenarioBase):
    """Place items into categories; scored by how many land where the key puts them."""

    kind: ClassVar[str] = "sort"
    categories: list[Category] = Field(min_length=2)
    items: list[SortItem] = Field(min_length=2)

    @model_validator(mode="after")
    def _check(self) -> Sort:
        unique_ids(self.categories, "category", "categories")
        unique_ids(self.items, "item", "items")
        known = {c.id for c in self.categories}
        for index, item in enumerate(self.items):
            if item.category not in known:
                raise ValueError(
                    f"items[{index}].category: {item.category!r} is not one of {sorted(known)}"
                )
            for other, extra in enumerate(item.also):
                where = f"items[{index}].also[{other}]"
                if extra not in known:
                    raise ValueError(f"{where}: {extra!r} is not one of {sorted(known)}")
                if extra in item.accepted[: other + 1]:
                    raise ValueError(
                        f"{where}: {extra!r} is already a right category of {item.id!r}; "
                        "list each category once, the main one in `category`"
                    )
            if len(item.accepted) >= len(known):
                raise ValueError(
                    f"items[{index}].also: {item.id!r} would be right in every category, so the "
                    "card tests nothing; keep the categories it truly fits"
                )
        return self

    def score(self, placements: dict[str, str]) -> int:
        """Number of items placed in their keyed category (`scoring.sort_matches`)."""
        from . import scoring

        return scoring.sort_matches(placements, scoring.sort_key(self)["key"])


class Level(Strict):
    """One point of a rating scale."""

    value: int = Field(ge=0, le=10)
    label: Text


class Rated(Strict):
    """One thing a learner rates themselves on."""

    id: Id
    label: Text
    description: Text | None = None


class SelfAssessment(ScenarioBase):
    """Ratings on a scale, shown back as a chart with a table alternative; not scored."""

    kind: ClassVar[str] = "self_assessment"
    scale: list[Level] = Field(min_length=2, max_length=10)
    items: list[Rated] = Field(min_length=1)
    summary: Text | None = None

    @model_validator(mode="after")
    def _check(self) -> SelfAssessment:
        unique_ids(self.items, "item", "items")
        values = [level.value for level in self.scale]
        if values != sorted(set(values)):
            raise ValueError("scale: values must be distinct and in increasing order")
        return self


class Reflection(ScenarioBase):
    """Free text, saved as it is typed, graded by a coach against the course rubric."""

    kind: ClassVar[str] = "reflection"
    prompt: Text
    guidance: Text | None = None
    min_words: int = Field(default=0, ge=0, le=2000)
    # false: an ungraded journal (saved and shown back to the learner, never scored)
    graded: bool = True

    @model_validator(mode="after")
    def _journal_has_no_points(self) -> Reflection:
        if not self.graded and self.points:
            raise ValueError(
                "points: an ungraded reflection (graded: false) earns no points; remove "
                "`points` or `graded: false`"
            )
        return self
