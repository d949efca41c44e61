"""Plain-language check: paste a draft message to a family, see which special-education terms
and acronyms it uses, and a plain way to say each one.

The word list is content (the scenario's `terms`), not code, and stays in Python (`kinds.py`
`hidden`): the page gets only the findings of a check. One anywidget
(`static/plain_language.js`): the draft's label above a full-width text area, typing sent like a
reflection (about a second after the last key, at once on blur or when the page is hidden), and
the findings a table with a caption and a count, announced once per check rather than on every
keystroke, so a screen reader is not flooded. The stored shape is the stock-ipywidgets one.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..content.practice import PlainLanguage
from ..words import word_count
from .frontend import FrontEndActivity


class PlainLanguageActivity(FrontEndActivity):
    """A labelled text area, a Check button and a findings table; `check(text)` is the event."""

    kind = "plain_language"
    scenario: PlainLanguage
    EVENTS: ClassVar[dict[str, str]] = {"write": "write", "check": "check"}

    def setup(self) -> None:
        self.checked = False
        self.findings: list[dict[str, Any]] = []
        self._text = ""
        self.response = {"text": "", "replace": True}

    def interface(self) -> dict[str, str]:
        return {
            "your_draft": self.t("Your draft message"),
            "placeholder": self.t("Paste or write your message here. It is saved as you type."),
            "check": self.t("Check my message"),
            "hint": self.t("Find special-education terms a family may not know"),
            "caption": self.t("Terms a family may not know"),
            "term": self.t("Term in your draft"),
            "times": self.t("Times"),
            "plainer": self.t("A plainer way to say it"),
            "note": self.t("Note"),
        }

    # -- public events ----------------------------------------------------------------------
    def check(self, text: str | None = None) -> list[dict[str, Any]]:
        """Check `text` (default: the draft on the page); returns the findings.

        Passing text puts it in the draft first, as pasting would (and saves it).
        """
        if text is not None:
            if not isinstance(text, str):
                raise ValueError("a draft is text")
            if text != self._text:
                self._replace(text)
        self.checked = True
        self.findings = self.scenario.find(self._text)
        self._show_results()
        self.save()
        return self.findings

    def write(self, text: str) -> None:
        """Replace the draft, as typing would (and save it); does not run the check."""
        if not isinstance(text, str):
            raise ValueError("a draft is text")
        self._text = text
        self.save(announce=False)

    # -- answers ----------------------------------------------------------------------------
    @property
    def draft(self) -> str:
        """The draft exactly as typed."""
        return self._text

    def state(self) -> dict[str, Any]:
        return {
            "text": self._text,
            "words": word_count(self._text),
            "checked": self.checked,
            "findings": [dict(f) for f in self.findings],
            "flagged_terms": len(self.findings),
            "flagged_uses": sum(int(f["count"]) for f in self.findings),
        }

    def restore(self, value: dict[str, Any]) -> None:
        text = value.get("text", "")
        self._replace(text if isinstance(text, str) else "", replace=True)
        if value.get("checked"):
            self.checked = True
            self.findings = self.scenario.find(self._text)
            self._show_results()

    # -- display ----------------------------------------------------------------------------
    def _replace(self, text: str, replace: bool = True) -> None:
        self._text = text
        self.response = {"text": text, "replace": replace}

    def _show_results(self) -> None:
        """The findings as data: a summary line and one row per term (no markup)."""
        findings = self.findings
        if not findings:
            none = self.t(
                "No terms from our list were found. Read the message aloud once more: "
                "would a family new to special education follow every sentence?"
            )
            self.feedback = {"none": none}
            return
        uses = sum(int(f["count"]) for f in findings)
        rows = []
        for finding in findings:
            term = self.scenario.terms[int(finding["index"])]
            rows.append(
                {
                    "written": ", ".join(finding["forms"]),
                    "count": int(finding["count"]),
                    "plain": self.text(term.plain),
                    "note": self.text(term.note) if term.note is not None else "",
                }
            )
        summary = self.t("Terms to explain or replace: {terms}. Times used: {uses}.").format(
            terms=len(findings), uses=uses
        )
        self.feedback = {"summary": summary, "rows": rows}
