"""Reflection: free text saved as it is typed, kept exactly, graded later by a coach.

The front end sends the text about a second after the last key and at once on blur or when the
page is hidden, so a room typing does not flood the store and a closed tab loses nothing. The
learner decides whether the facilitator may read it (`shared`, default yes; stored only once the
learner has chosen, so answers saved before the choice existed restore unchanged), can bring back
an earlier version, and, when another copy of the page saved newer text, sees both and picks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import traitlets

from ..content.model import Reflection
from ..words import word_count
from .frontend import FrontEndActivity


class ReflectionActivity(FrontEndActivity):
    """A labelled text area; `write()`, `share()` and `bring_back()` are the public events."""

    kind = "reflection"
    scenario: Reflection
    EVENTS: ClassVar[dict[str, str]] = {
        "write": "write",
        "share": "share",
        "list_versions": "list_versions",
        "bring_back": "bring_back",
        "keep_mine": "keep_mine",
        "use_newer": "use_newer",
    }

    conflict = traitlets.Dict(help="{newer, mine} while two copies disagree, else {}").tag(
        sync=True
    )
    versions = traitlets.List(help="earlier versions: {id, when, text}, newest first").tag(
        sync=True
    )

    def setup(self) -> None:
        self._text = ""
        self._shared: bool | None = None  # None: never chosen (shared by default)
        self._newer: str | None = None
        self._count(saved=False)

    def interface(self) -> dict[str, str]:
        return {
            "your_reflection": self.t("Your reflection"),
            "placeholder": self.t("Write in your own words. Your text is saved as you type."),
            "shared": self.t("The facilitator may read this"),
            "earlier": self.t("Earlier versions"),
            "no_versions": self.t("No earlier versions yet."),
            "bring_back": self.t("Bring back this version"),
            "two_texts": self.t("Two versions of this reflection"),
            "newer_text": self.t("Saved from another window or tab:"),
            "your_text": self.t("Typed on this page:"),
            "keep_mine": self.t("Keep the text typed here"),
            "use_newer": self.t("Use the other text"),
        }

    # -- public events ----------------------------------------------------------------------
    @property
    def answer(self) -> str:
        """The reflection exactly as typed."""
        return self._text

    @property
    def shared(self) -> bool:
        """May the facilitator read this reflection? (yes unless the learner said no)"""
        return self._shared is not False

    def write(self, text: str) -> None:
        """Replace the reflection text, as typing would (and save it)."""
        if not isinstance(text, str):
            raise ValueError("a reflection is text")
        self._text = text
        before = self.revision
        self.save(announce=False)
        self._count(saved=self.revision != before)

    def share(self, shared: bool) -> None:
        """Say whether the facilitator may read this reflection (and save that)."""
        self._shared = bool(shared)
        self.response = {**self.response, "shared": self.shared, "replace": False}
        self.save()

    def list_versions(self) -> list[dict[str, Any]]:
        """Earlier versions for the page: newest first, with when they were saved."""
        found = []
        for number, version in enumerate(self.earlier_versions()):
            text = version.value.get("text") if isinstance(version.value, dict) else None
            if isinstance(text, str):
                found.append({"id": number, "when": self._when(version.updated_at), "text": text})
        self.versions = found
        return found

    def bring_back(self, version: int) -> None:
        """Make an earlier version (its place in `earlier_versions()`) the current text.

        The text it replaces is kept in the history like any other change.
        """
        versions = self.earlier_versions()
        if not isinstance(version, int) or not 0 <= version < len(versions):
            raise ValueError(f"there is no earlier version {version!r}")
        text = versions[version].value.get("text", "")
        self._replace(text if isinstance(text, str) else "")
        self.write(self._text)
        self.list_versions()

    def keep_mine(self) -> None:
        """Two copies disagreed: save the text typed here over the newer one (kept in history)."""
        self._newer = None
        self.write(self._text)
        self.conflict = {}  # after the save: the page drops the two texts once this one is kept

    def use_newer(self) -> None:
        """Two copies disagreed: show the newer text here (the text typed here is in history)."""
        if self._newer is not None:
            self._replace(self._newer)
        self._newer = None
        self.conflict = {}
        self._count(saved=True)
        self.show_status(self.t("The other text is shown; yours is in the earlier versions."))

    # -- saving -----------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        value: dict[str, Any] = {"text": self._text, "words": word_count(self._text)}
        if self._shared is not None:
            value["shared"] = self._shared
        return value

    def restore(self, value: dict[str, Any]) -> None:
        text = value.get("text", "")
        shared = value.get("shared")
        self._shared = shared if isinstance(shared, bool) else None
        self._replace(text if isinstance(text, str) else "")
        self._count(saved=False)

    def on_stale(self, newer: dict[str, Any]) -> None:
        """Another copy saved newer text: keep this page's text, show both, let the learner pick."""
        text = newer.get("text") if isinstance(newer, dict) else None
        self._newer = text if isinstance(text, str) else ""
        self.conflict = {"newer": self._newer, "mine": self._text}
        self.show_status(
            self.t(
                "This reflection was changed in another window or tab. Both texts are shown "
                "below; choose which one to keep."
            ),
            alert=True,
        )

    # -- helpers ----------------------------------------------------------------------------
    def _replace(self, text: str) -> None:
        self._text = text
        self.response = {"text": text, "shared": self.shared, "replace": True}

    def _count(self, saved: bool) -> None:
        line = self.t("{n} words").format(n=word_count(self._text))
        if self.scenario.min_words:
            line += " · " + self.t("aim for at least {n}").format(n=self.scenario.min_words)
        if saved:
            line += " · " + self.t("saved")
        self.feedback = {"count": line}

    @staticmethod
    def _when(stamp: str) -> str:
        try:
            return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return stamp
