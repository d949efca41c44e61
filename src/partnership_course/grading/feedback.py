"""Feedback pages learners can trust: every piece of markup shown, never run.

nbgrader renders the coach's comments (and markdown cells) with a markdown filter that lets raw
HTML through, so a comment quoting a learner's `<script>` would run in the learner's browser.
`escaped_markdown2html` replaces that filter (see `nbgrader_settings`): markdown still renders,
raw HTML is escaped. Learner answers never reach markdown at all: they live in code cells, shown
as highlighted (escaped) source and as escaped output.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context


@pass_context
def escaped_markdown2html(context: Any, source: str) -> str:
    """Markdown to HTML with raw HTML escaped (drop-in for nbconvert's `markdown2html`)."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    cell = context.get("cell", {}) or {}
    path = context.get("resources", {}).get("metadata", {}).get("path", "")
    renderer = IPythonRenderer(
        escape=True, attachments=cell.get("attachments", {}), embed_images=False, path=path
    )
    return MarkdownWithMath(renderer=renderer).render(source or "")
