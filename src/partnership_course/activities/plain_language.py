"""Plain-language check: paste a draft message to a family, see which special-education terms
and acronyms it uses, and a plain way to say each one.

The word list is content (the scenario's `terms`), not code. The draft is saved like a
reflection, on every change; the findings are a table with a caption and a count, announced
once per check rather than on every keystroke, so a screen reader is not flooded.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..content.practice import PlainLanguage
from .base import Activity
from .reflection import word_count
from .render import escape, paragraphs


class PlainLanguageActivity(Activity):
    """A labelled text area, a Check button and a findings table; `check(text)` is the event."""

    kind = "plain_language"
    scenario: PlainLanguage

    def build(self) -> list[widgets.Widget]:
        self.checked = False
        self.findings: list[dict[str, Any]] = []
        guidance = paragraphs(self.scenario.guidance, self.lang)
        self.prompt = widgets.HTML(
            f'<div class="pc-prompt">{paragraphs(self.scenario.prompt, self.lang)}{guidance}</div>'
        )
        self.box = widgets.Textarea(
            value="",
            description=self.t("Your draft message"),
            placeholder=self.t("Paste or write your message here. It is saved as you type."),
            continuous_update=True,
            rows=8,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )
        self.box.observe(self._on_type, names="value")
        self.check_button = widgets.Button(
            description=self.t("Check my message"),
            button_style="primary",
            tooltip=self.t("Find special-education terms a family may not know"),
        )
        self.check_button.on_click(lambda _button: self.check())
        self.results = widgets.HTML()
        return [self.prompt, self.box, self.check_button, self.results]

    # -- public events ----------------------------------------------------------------------
    def check(self, text: str | None = None) -> list[dict[str, Any]]:
        """Check `text` (default: the draft on the page); returns the findings.

        Passing text puts it in the draft box first, as pasting would (and saves it).
        """
        if text is not None and text != self.box.value:
            self.box.value = text
        self.checked = True
        self.findings = self.scenario.find(self.box.value)
        self._show_results()
        self.save()
        return self.findings

    def write(self, text: str) -> None:
        """Replace the draft, as typing would (and save it); does not run the check."""
        self.box.value = text

    # -- answers ----------------------------------------------------------------------------
    @property
    def draft(self) -> str:
        """The draft exactly as typed."""
        return self.box.value

    def state(self) -> dict[str, Any]:
        return {
            "text": self.box.value,
            "words": word_count(self.box.value),
            "checked": self.checked,
            "findings": [dict(f) for f in self.findings],
            "flagged_terms": len(self.findings),
            "flagged_uses": sum(int(f["count"]) for f in self.findings),
        }

    def restore(self, value: dict[str, Any]) -> None:
        text = value.get("text", "")
        if isinstance(text, str):
            self.box.value = text
        if value.get("checked"):
            self.checked = True
            self.findings = self.scenario.find(self.box.value)
            self._show_results()

    # -- display ----------------------------------------------------------------------------
    def _on_type(self, _change: dict[str, Any]) -> None:
        if not self._restoring:
            self.save(announce=False)

    def _show_results(self) -> None:
        findings = self.findings
        uses = sum(int(f["count"]) for f in findings)
        if not findings:
            line = self.t(
                "No terms from our list were found. Read the message aloud once more: "
                "would a family new to special education follow every sentence?"
            )
            self.results.value = (
                f'<div class="pc-feedback pc-right" role="status" aria-live="polite">'
                f"<p>{escape(line)}</p></div>"
            )
            return
        summary = self.t("Terms to explain or replace: {terms}. Times used: {uses}.").format(
            terms=len(findings), uses=uses
        )
        head = (
            f"<tr><th scope='col'>{escape(self.t('Term in your draft'))}</th>"
            f"<th scope='col'>{escape(self.t('Times'))}</th>"
            f"<th scope='col'>{escape(self.t('A plainer way to say it'))}</th>"
            f"<th scope='col'>{escape(self.t('Note'))}</th></tr>"
        )
        rows = []
        for finding in findings:
            term = self.scenario.terms[int(finding["index"])]
            written = ", ".join(finding["forms"])
            note = self.text(term.note) if term.note is not None else ""
            rows.append(
                f"<tr><th scope='row'>{escape(written)}</th><td>{int(finding['count'])}</td>"
                f"<td>{escape(self.text(term.plain))}</td><td>{escape(note)}</td></tr>"
            )
        caption = escape(self.t("Terms a family may not know"))
        self.results.value = (
            f'<div class="pc-feedback pc-note" role="status" aria-live="polite">'
            f"<p><strong>{escape(summary)}</strong></p></div>"
            f"<table><caption>{caption}</caption>{head}{''.join(rows)}</table>"
        )
