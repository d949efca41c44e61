"""A Markdown document from `docs/` as HTML that a template can place: the facilitator guide
and the course syllabus are written once per language in Markdown, where people read and
review them, and shown in the course from the same file.

Markdown is rendered with escaping on, so a document can hold no markup of its own; the HTML
that comes back is the Markdown's structure (headings, lists, tables, links) and nothing else.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..content.paths import docs_dir
from ..i18n import DEFAULT


def doc_path(stem: str, lang: str = DEFAULT) -> Path:
    """`docs/<stem>.md` (English) or `docs/<stem>.<lang>.md`, in a checkout or the wheel."""
    name = f"{stem}.md" if lang == DEFAULT else f"{stem}.{lang}.md"
    return docs_dir() / name


def doc_lang(stem: str, lang: str) -> str:
    """`lang` when the document is written in it, else English."""
    return lang if doc_path(stem, lang).is_file() else DEFAULT


def markdown_body(path: Path, fallback_title: str = "Guide") -> tuple[str, Markup]:
    """(title, body): the title is the first `# ` heading; the body is the whole document."""
    import mistune

    source = path.read_text(encoding="utf-8")
    title = next(
        (line[2:].strip() for line in source.splitlines() if line.startswith("# ")),
        fallback_title,
    )
    markdown = mistune.create_markdown(escape=True, plugins=["table"])
    return title, Markup(markdown(source))
