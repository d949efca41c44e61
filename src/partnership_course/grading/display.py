"""What an activity cell shows while nbgrader autogrades: the learner's answer, in words.

No widgets (there is no browser during autograde, and widget cells can hang it). The coach reads
this output in formgrader and the learner in nbgrader's own feedback, so the answer is shown as
`answers.answer_view` words it (an option's text, not its id) through the `grading/graded_answer`
template, which escapes every string. If the scenario cannot be loaded the learner's own text is
still shown.
"""

from __future__ import annotations

import json
from typing import Any


class GradedAnswer:
    """Display object returned by `Course.activity` in grading mode."""

    def __init__(self, activity: str, answer: Any, lang: str = "en") -> None:
        self.activity = activity
        self.answer = answer
        self.lang = lang

    def _scenario(self) -> Any:
        try:
            from .learner_feedback import scenario_in

            return scenario_in(self.activity, self.lang)
        except Exception:  # labels are a courtesy; the answer is shown whatever happens
            return None

    def _title(self, scenario: Any) -> str:
        if scenario is None:
            return self.activity
        from ..content.model import text_in

        return text_in(scenario.title, self.lang)

    def _blocks(self, scenario: Any) -> list[Any]:
        from .answers import Block, answer_view

        blocks = answer_view(scenario, self.answer, self.lang) if scenario is not None else []
        if not blocks and isinstance(self.answer, dict) and self.answer:
            text = self.answer.get("text")
            shown = text if isinstance(text, str) else json.dumps(self.answer, ensure_ascii=False)
            blocks = [Block("text", text=shown)]
        return blocks

    def _lines(self, scenario: Any) -> list[str]:
        from ..i18n import gettext

        blocks = self._blocks(scenario)
        if not blocks:
            return [gettext("No answer was saved for this activity.", self.lang)]
        lines: list[str] = []
        for block in blocks:
            if block.heading:
                lines.append(block.heading)
            lines += [f"{label}: {value}" for label, value in block.pairs]
            lines += block.steps
            if block.kind == "text":
                lines.append(block.text)
        return lines

    def __repr__(self) -> str:
        scenario = self._scenario()
        body = "\n".join(self._lines(scenario))
        body = body.encode("utf-8", "backslashreplace").decode("utf-8")
        return f"{self._title(scenario)}: {body}"

    def _repr_html_(self) -> str:
        from ..rendering import render

        scenario = self._scenario()
        return render(
            "grading/graded_answer.html.j2",
            self.lang,
            title=self._title(scenario),
            blocks=self._blocks(scenario),
        )
