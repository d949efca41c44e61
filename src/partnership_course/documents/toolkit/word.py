"""An editable Word file of a toolkit document, made from the same HTML as its PDF.

Districts edit handouts: they add a logo, a phone line, their own wording. Converting the one
rendered HTML (rather than writing each document a second time for Word) keeps the two formats
from drifting. The templates use a small, semantic subset of HTML, and this converter knows
exactly that subset: headings, paragraphs with bold and italic, lists, tables, form fields
(a label and a line to write on, or a box to tick), and pictures, which become their words: every
picture in the toolkit already stands beside its word, so nothing is lost.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

HEADINGS = {"h1": 0, "h2": 1, "h3": 2}
BLANK = "_" * 30
BOX = "\u2610"  # ☐


def docx_from_html(html: str) -> bytes:
    """The Word (.docx) version of a rendered toolkit document, as bytes."""
    from bs4 import BeautifulSoup
    from docx import Document

    soup = BeautifulSoup(html, "html.parser")
    doc = Document()
    root = soup.find("html")
    lang = root.get("lang", "en") if root is not None else "en"
    title = soup.title.get_text(strip=True) if soup.title else ""
    doc.core_properties.title = title
    doc.core_properties.language = str(lang)
    main = soup.find("main") or soup.body or soup
    _blocks(doc, main)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _blocks(doc: Any, parent: Any) -> None:
    """Walk block-level children in order, writing each as Word paragraphs or tables."""
    for node in parent.children:
        name = getattr(node, "name", None)
        if name is None:
            text = str(node).strip()
            if text:
                doc.add_paragraph(text)
        elif name in HEADINGS:
            doc.add_heading(node.get_text(" ", strip=True), level=HEADINGS[name] + 0)
        elif name == "p":
            _inline(doc.add_paragraph(), node)
        elif name in ("ul", "ol"):
            style = "List Number" if name == "ol" else "List Bullet"
            for item in node.find_all("li", recursive=False):
                _inline(doc.add_paragraph(style=style), item)
        elif name == "table":
            _table(doc, node)
        elif name in ("label", "input", "textarea", "img", "strong", "em", "span"):
            _inline(doc.add_paragraph(), node, whole=True)
        elif name in ("style", "script", "svg"):
            continue
        else:  # div, section, fieldset, figure...: a container
            legend = node.find("legend", recursive=False) if name == "fieldset" else None
            if legend is not None:
                doc.add_heading(legend.get_text(" ", strip=True), level=3)
            _blocks(doc, node)


def _inline(paragraph: Any, node: Any, whole: bool = False) -> None:
    """Write `node`'s inline content into `paragraph`, keeping bold, italic and form fields."""
    children = [node] if whole else list(node.children)
    for child in children:
        name = getattr(child, "name", None)
        if name is None:
            text = " ".join(str(child).split())
            if text:
                paragraph.add_run(text + (" " if str(child).endswith((" ", "\n")) else ""))
        elif name in ("strong", "b"):
            paragraph.add_run(child.get_text(" ", strip=True) + " ").bold = True
        elif name in ("em", "i"):
            paragraph.add_run(child.get_text(" ", strip=True) + " ").italic = True
        elif name == "br":
            paragraph.add_run().add_break()
        elif name == "input":
            kind = child.get("type", "text")
            paragraph.add_run(f"{BOX} " if kind in ("checkbox", "radio") else f" {BLANK} ")
        elif name == "textarea":
            for _ in range(int(child.get("rows", 3))):
                paragraph.add_run().add_break()
                paragraph.add_run(BLANK * 2)
        elif name == "img":
            continue  # its word stands beside it (see the module docstring)
        elif name == "legend":
            continue
        else:
            _inline(paragraph, child)


def _table(doc: Any, node: Any) -> None:
    """A table with its header row; cells hold their text and form fields."""
    rows = node.find_all("tr")
    if not rows:
        return
    width = max(len(r.find_all(["th", "td"], recursive=False)) for r in rows)
    caption = node.find("caption")
    if caption is not None:
        doc.add_paragraph().add_run(caption.get_text(" ", strip=True)).bold = True
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for index, cell in enumerate(row.find_all(["th", "td"], recursive=False)):
            paragraph = cells[index].paragraphs[0]
            _inline(paragraph, cell)
            if cell.name == "th":
                for run in paragraph.runs:
                    run.bold = True
