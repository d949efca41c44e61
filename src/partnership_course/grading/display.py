"""What an activity cell shows while nbgrader autogrades: the learner's answer, escaped.

No widgets (there is no browser during autograde, and widget cells can hang it). The coach reads
this output in formgrader and the learner in their feedback, so every learner string is escaped
and shown exactly, line breaks kept. Scenario text is looked up only to label the answer; if the
scenario cannot be loaded the raw answer is still shown.
"""

from __future__ import annotations

import html
import json
from typing import Any


def _safe(text: str) -> str:
    """Escape for HTML; lone surrogates (possible after a JSON round trip) become escapes."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return html.escape(text, quote=True)


class GradedAnswer:
    """Display object returned by `Course.activity` in grading mode."""

    def __init__(self, activity: str, answer: Any, lang: str = "en") -> None:
        self.activity = activity
        self.answer = answer
        self.lang = lang

    def _scenario(self) -> Any:
        try:
            from ..content import load_scenario

            return load_scenario(self.activity)
        except Exception:  # labels are a courtesy; the answer is shown whatever happens
            return None

    def _title(self, scenario: Any) -> str:
        if scenario is None:
            return self.activity
        from ..content.model import text_in

        return text_in(scenario.title, self.lang)

    def _body_lines(self) -> list[str]:
        answer = self.answer
        from .checks import gettext

        if answer is None:
            return [gettext("No answer was saved for this activity.", self.lang)]
        if not isinstance(answer, dict):
            return [json.dumps(answer, ensure_ascii=False)]
        if isinstance(answer.get("text"), str):
            return [answer["text"]]
        if "choice" in answer:
            return [
                gettext("Chosen option: {choice}", self.lang).format(choice=answer.get("choice"))
            ]
        if isinstance(answer.get("placements"), dict):
            return [f"{item} -> {cat}" for item, cat in answer["placements"].items()]
        return [json.dumps(answer, ensure_ascii=False, indent=1, sort_keys=True)]

    def __repr__(self) -> str:
        body = "\n".join(self._body_lines())
        body = body.encode("utf-8", "backslashreplace").decode("utf-8")
        return f"{self.activity}: {body}"

    def _repr_html_(self) -> str:
        scenario = self._scenario()
        title = _safe(self._title(scenario))
        body = "\n".join(self._body_lines())
        return (
            f'<div class="pc-graded-answer"><p><strong>{title}</strong> '
            f"<small>({_safe(self.activity)})</small></p>"
            f'<div style="white-space: pre-wrap; border-left: 3px solid #1f5f8b; '
            f'padding-left: 0.75em;">{_safe(body)}</div></div>'
        )
