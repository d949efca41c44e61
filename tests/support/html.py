"""Reading rendered HTML in tests: parse it, never match entities (markupsafe writes `&#34;`
and `&#39;` where `html.escape` wrote `&quot;` and `&#x27;`; both are correct HTML)."""

from __future__ import annotations

from bs4 import BeautifulSoup


def parse(html: str | bytes) -> BeautifulSoup:
    """The document tree of `html` (Python's own parser, as lenient as a browser)."""
    return BeautifulSoup(html, "html.parser")


def texts(html: str | bytes, selector: str) -> list[str]:
    """The text of every element matching the CSS `selector`, whitespace collapsed."""
    return [" ".join(e.get_text().split()) for e in parse(html).select(selector)]
