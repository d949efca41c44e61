"""Action plan: a few labelled boxes (one step, by when, who helps, how I will know), saved as
they are typed like a reflection, shown back as a summary and offered as a Markdown download.

One anywidget (`static/action_plan.js`): each field's label sits above its full-width box, the
text is sent about a second after the last key and at once on blur or when the page is hidden,
and the summary and the download follow what Python saved. The stored shape is the one the
stock-ipywidgets version saved (`fields`, `words`, `complete`), so old plans restore unchanged.
"""

from __future__ import annotations

import base64
from typing import Any, ClassVar

from ..content.planning import ActionPlan
from ..words import word_count
from .frontend import FrontEndActivity


def download(content: str, filename: str, mime: str) -> dict[str, str]:
    """A file for the page's `<a download>` link: its name, type and UTF-8 bytes in base64."""
    data = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return {"filename": filename, "mime": mime, "data": data}


class ActionPlanActivity(FrontEndActivity):
    """One labelled text box per field; `write(field_id, text)` is the public event."""

    kind = "action_plan"
    scenario: ActionPlan
    EVENTS: ClassVar[dict[str, str]] = {"write": "write"}

    def setup(self) -> None:
        self._answers: dict[str, str] = {f.id: "" for f in self.scenario.fields}
        self._refresh(replace=True)

    def interface(self) -> dict[str, str]:
        return {
            "not_yet": self.t("(not written yet)"),
            "complete": self.t("Your plan is complete."),
            "download": self.t("Download my plan ({name})").format(name=self.scenario.filename),
        }

    @property
    def answers(self) -> dict[str, str]:
        """Field id -> text, exactly as typed."""
        return dict(self._answers)

    def write(self, field_id: str, text: str) -> None:
        """Replace one field's text, as typing would (and save it); text past the field's
        limit is cut, as the page's box does."""
        if field_id not in self._answers:
            raise ValueError(f"{field_id!r} is not a field of {self.scenario.id}")
        limit = next(f.max_chars for f in self.scenario.fields if f.id == field_id)
        self._answers[field_id] = str(text)[:limit]
        self._refresh()
        self.save(announce=False)

    def markdown(self) -> str:
        """The plan as Markdown (what the download link holds)."""
        return self.scenario.markdown(self.answers, self.lang)

    def state(self) -> dict[str, Any]:
        answers = self.answers
        return {
            "fields": answers,
            "words": sum(word_count(v) for v in answers.values()),
            "complete": self.scenario.complete(answers),
        }

    def restore(self, value: dict[str, Any]) -> None:
        fields = value.get("fields", {})
        for field_id, text in dict(fields if isinstance(fields, dict) else {}).items():
            if field_id in self._answers and isinstance(text, str):
                self._answers[field_id] = text
        self._refresh(replace=True)

    def _refresh(self, replace: bool = False) -> None:
        """Send the saved text (`replace`: redraw the boxes, as after a restore), the summary's
        state and the download."""
        self.response = {"fields": self.answers, "replace": replace}
        self.feedback = {
            "complete": self.scenario.complete(self._answers),
            "download": download(self.markdown(), self.scenario.filename, "text/markdown"),
        }
