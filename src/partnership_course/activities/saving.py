"""How every activity saves, whatever draws it: revision-checked, refused plainly, never lost.

`Saving` is mixed into the anywidget base `FrontEndActivity` (it was shared with the
stock-ipywidgets base while a kind still used one). It remembers the revision the page shows,
sends it with every save so a stale copy of the page never replaces newer work, and turns every
failure into one plain sentence for the learner while their answer stays on the page:

- another copy saved meanwhile (`StaleAnswer`): the page says so and `on_stale` shows the newer
  answer (a reflection shows both texts; the stale one is in the history too);
- the answer is over 1 MB (`AnswerTooLarge`): refused, the last saved version stays;
- anything else (database down, disk full): "could not be saved just now".

Bindings that know no revisions (tests' in-memory bindings, a graded copy) still work: they get
`save(kind, value)` and `load()` only.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from ..i18n import gettext

log = logging.getLogger(__name__)


class Saving:
    """Load, save and report saving for one activity; see the module docstring."""

    kind = ""
    binding: Any
    lang: str
    revision: int
    _restoring: bool

    # -- what a widget base provides ------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """The learner's answers as a JSON-able dict (what the store keeps)."""
        raise NotImplementedError

    def restore(self, value: dict[str, Any]) -> None:
        """Show a saved state without saving it again."""
        raise NotImplementedError

    def show_status(self, message: str, alert: bool = False) -> None:
        """Put one sentence in the activity's status line (an alert when something failed)."""
        raise NotImplementedError

    # -- shared behaviour -----------------------------------------------------------------------
    def t(self, message: str) -> str:
        """Interface string in the learner's language."""
        return gettext(message, self.lang)

    def load_saved(self) -> None:
        """Show the stored answer, if any, and remember its revision."""
        loader = getattr(self.binding, "load_response", None)
        if loader is not None:
            found = loader()
            saved = found.value if found is not None else None
            self.revision = found.revision if found is not None else 0
        else:
            saved = self.binding.load()
            self.revision = 0
        if saved is None:
            return
        self._restoring = True
        try:
            self.restore(saved)
        finally:
            self._restoring = False
        self.show_status(self.t("Your saved answers are back."))

    def save(self, announce: bool = True) -> bool:
        """Commit the current state to the store now; say so, or say plainly why not."""
        if self._restoring:
            return False
        from ..store import AnswerTooLarge, StaleAnswer

        try:
            if hasattr(self.binding, "load_response"):
                self.revision = self.binding.save(
                    self.kind, self.state(), expected_revision=self.revision
                )
            else:
                self.revision = self.binding.save(self.kind, self.state())
        except StaleAnswer as stale:
            self.revision = stale.current.revision
            self.on_stale(stale.current.value)
            return False
        except AnswerTooLarge:
            self.show_status(
                self.t(
                    "This answer is longer than 1 MB, so it was not saved. Your last saved "
                    "version is kept; please shorten the text."
                ),
                alert=True,
            )
            return False
        except Exception:  # the learner must hear about any failure, whatever its type
            log.exception("could not save %s", getattr(self.binding, "activity", "?"))
            self.show_status(
                self.t(
                    "Your answer could not be saved just now. It is still on this page; "
                    "please try again in a moment or tell your facilitator."
                ),
                alert=True,
            )
            return False
        if announce:
            stamp = datetime.now().strftime("%H:%M")
            self.show_status(self.t("Saved at {time}.").format(time=stamp))
        return True

    def on_stale(self, newer: dict[str, Any]) -> None:
        """Another copy of this page saved a newer answer: show it and say so."""
        self._restoring = True
        try:
            self.restore(newer)
        finally:
            self._restoring = False
        self.show_status(
            self.t(
                "This answer was changed in another window or tab. The newer answer is shown "
                "here; what you did on this page was kept in the earlier versions."
            ),
            alert=True,
        )

    def earlier_versions(self) -> list[Any]:
        """Earlier versions of this answer, newest first (empty where the binding keeps none)."""
        history = getattr(self.binding, "history", None)
        return history() if history is not None else []
