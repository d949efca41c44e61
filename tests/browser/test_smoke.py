"""Does Voila serve module 01 with every activity rendered and no JavaScript errors?"""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import shoot

from partnership_course.content.paths import modules_dir
from partnership_course.notebooks import activity_refs

pytestmark = pytest.mark.browser

MODULE_01 = sorted((modules_dir() / "01-dual-capacity").glob("*.ipynb"))


def render_url(base: str, notebook: Path) -> str:
    return f"{base}/voila/render/{notebook.relative_to(modules_dir()).as_posix()}"


@pytest.mark.parametrize("notebook", MODULE_01, ids=lambda p: p.name)
def test_module_01_renders_every_activity(voila_url: str, page: object, notebook: Path) -> None:
    """Are all of the notebook's activities on the page, titled, with no console errors?"""
    _, refs = activity_refs(notebook)
    assert refs, "module 01 notebooks should contain activities"
    page.goto(render_url(voila_url, notebook), wait_until="domcontentloaded", timeout=120_000)
    activities = page.locator(".pc-activity")
    activities.nth(len(refs) - 1).wait_for(state="visible", timeout=120_000)
    assert activities.count() == len(refs)
    for index in range(len(refs)):
        assert activities.nth(index).locator("h3").inner_text().strip()
    shoot(page, f"module01-{notebook.stem}")
    assert page.console_errors == []
    assert "Traceback" not in page.content()


def test_landing_page_lists_modules(voila_url: str, page: object) -> None:
    """Does the front page list the three modules?"""
    page.goto(voila_url + "/", wait_until="networkidle")
    text = page.inner_text("body")
    for module in ("01-dual-capacity", "02-principles", "03-continuum"):
        assert module in text
