"""What the browser tests share beside their fixtures: paths, the workshop's code, `shoot()`.

Test modules import these from here, never `from conftest import`: every test folder has a
conftest.py and, in one pytest run, the module named `conftest` is whichever loaded last.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
WORKSHOP_CODE = "room-2468"
FACILITATOR_KEY = "facilitator-key-for-tests"


SCROLL_HEIGHT = """() => {
  const cells = document.querySelector('#rendered_cells');
  return Math.max(cells ? cells.scrollHeight : 0, document.scrollingElement.scrollHeight);
}"""


def shoot(page: object, name: str, full_page: bool = True, max_height: int = 14000) -> Path:
    """Save a screenshot to test-artifacts/screenshots/<name>.png and return its path.

    Voila scrolls inside `#rendered_cells`, not the document, so a full-page shot first grows
    the viewport to the content's height (capped), then puts it back.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
    path = SHOTS / f"{safe}.png"
    size = page.viewport_size  # type: ignore[attr-defined]
    if full_page and size:
        height = min(int(page.evaluate(SCROLL_HEIGHT)), max_height)  # type: ignore[attr-defined]
        page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})  # type: ignore[attr-defined]
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
    page.screenshot(path=str(path))  # type: ignore[attr-defined]
    if full_page and size:
        page.set_viewport_size(size)  # type: ignore[attr-defined]
    return path


def axe_violations(
    page: object, include: str | None = None, impacts: Collection[str] | None = None
) -> list[str]:
    """axe's violations on the page, or only inside the elements `include` selects, one readable
    line each: every impact, or only those in `impacts`. The one axe call of the browser tests."""
    from axe_playwright_python.sync_playwright import Axe

    context = {"include": [[include]]} if include else None
    results = Axe().run(page, context=context) if context else Axe().run(page)
    assert results.response["passes"], "axe did not run"
    return [
        f"{v['id']} ({v.get('impact')}): {[n.get('target') for n in v['nodes'][:5]]}"
        for v in results.response["violations"]
        if impacts is None or v.get("impact") in impacts
    ]
