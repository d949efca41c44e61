"""A module page exported as static HTML (`jupyter nbconvert --to html --execute`, as nbgrader's
feedback and a teacher's "save as HTML" make it): the page has the widget state but no kernel
and no route, so each activity shows its title and the sentence that it works only in the live
course at once, instead of waiting two minutes for a kernel that never comes.

The export loads the widget manager and anywidget from public CDNs (nbconvert's defaults:
require.js from cdnjs, `@jupyter-widgets/html-manager` from unpkg, which then asks jsdelivr
for `anywidget`).
Nothing is fetched at test time: those addresses are answered from the same npm packages,
installed by `./run` into `.venv/node_modules` (`setup_export_viewer`).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import ROOT, shoot
from keyboard import TIMEOUT

from partnership_course.activities.delivery import LIVE_ONLY, ROUTE
from partnership_course.content.paths import modules_dir
from partnership_course.notebooks import activity_refs

pytestmark = pytest.mark.browser

PAGE = "01-dual-capacity/01-why-partnership.ipynb"
NODE_MODULES = ROOT / ".venv" / "node_modules"
STATE = "application/vnd.jupyter.widget-state+json"
CDN = r"https://(?:unpkg\.com|cdn\.jsdelivr\.net/npm)/(@?[^@]+)@[^/]+/([^?]+)"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page executed by nbconvert (widget state stored, its default) and exported as HTML."""
    folder = tmp_path_factory.mktemp("export")
    env = {
        **os.environ,
        "PARTNERSHIP_COURSE_STORE": f"sqlite:///{folder / 'responses.db'}",
        "PARTNERSHIP_COURSE_LEARNER": "export-teacher",
        "PARTNERSHIP_COURSE_LANG": "en",
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "html",
            "--execute",
            "--ExecutePreprocessor.timeout=300",
            f"--output-dir={folder}",
            str(modules_dir() / PAGE),
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return folder / Path(PAGE).with_suffix(".html").name


def unmarked(text: str | None) -> str:
    """Content text as the page shows it: without its `[lang=xx]...[/lang]` marks."""
    return re.sub(r"\[/?lang[^\]]*\]", "", text or "").strip()


def from_npm(route: Any) -> None:
    """Answer the export's CDN requests from the npm packages in `.venv/node_modules`."""
    url = route.request.url
    if "require.js" in url or "require.min.js" in url:
        path = NODE_MODULES / "requirejs" / "require.js"
    else:  # https://unpkg.com/<package>@<version>/dist/<file>, or cdn.jsdelivr.net/npm/...
        found = re.match(CDN, url)
        path = NODE_MODULES / found[1] / found[2] if found else Path("/nonexistent")
        if path.suffix != ".js" and path.with_suffix(".js").is_file():
            path = path.with_suffix(".js")
    if not path.is_file():
        route.fulfill(status=404, body=f"not in .venv/node_modules: {url}")
        return
    route.fulfill(status=200, content_type="text/javascript", body=path.read_bytes())


@pytest.fixture()
def export_page(page: Any) -> Iterator[Any]:
    """A browser page whose CDN requests come from the local npm packages; the rest is seen."""
    page.route("https://unpkg.com/**", from_npm)
    page.route("https://cdn.jsdelivr.net/**", from_npm)
    page.route("https://cdnjs.cloudflare.com/**", from_npm)
    yield page


def test_export_shows_each_activity_read_only_at_once(exported: Path, export_page: Any) -> None:
    """Does every activity of the exported page show its own title, its question or prompt and
    the sentence that it works only in the live course, with nothing asked of a kernel or a
    route, and no error?"""
    html = exported.read_text("utf-8")
    assert STATE in html  # nbconvert stored the widget state, so the manager draws the models
    found = re.search(f'<script type="{re.escape(STATE)}">\\s*(.*?)\\s*</script>', html, re.S)
    assert found, "no widget state in the export"
    state = json.loads(found[1])
    anywidgets = [m for m in state["state"].values() if m["model_name"] == "AnyModel"]
    _, refs = activity_refs(modules_dir() / PAGE)
    assert len(anywidgets) >= len(refs)
    requested: list[str] = []
    export_page.on("request", lambda request: requested.append(request.url))
    export_page.goto(exported.as_uri())
    still = export_page.locator(".pc-still")
    still.nth(len(refs) - 1).wait_for(state="visible", timeout=TIMEOUT)
    assert still.count() == len(refs)
    contents = [m["state"]["content"] for m in anywidgets if "content" in m["state"]]
    titles = {unmarked(c["title"]) for c in contents}  # as the export's state carries them
    headings = still.get_by_role("heading", level=3).all_inner_texts()
    assert len(headings) == len(refs) and set(headings) == titles, (headings, titles)
    shown = [box.locator("p").all_inner_texts() for box in still.all()]
    assert all(texts[-1] == LIVE_ONLY for texts in shown), shown
    questions = {unmarked(c.get("question") or c.get("prompt")) for c in contents} - {""}
    assert questions and questions <= {t for texts in shown for t in texts[:-1]}, shown
    assert not [url for url in requested if ROUTE in url], requested
    assert any("anywidget" in url for url in requested)  # the manager did load anywidget
    shoot(export_page, "html-export-read-only")
    # the export's own probes fail as they would offline (MathJax; require.js looks for
    # anywidget next to the file before the CDN); nothing else may
    errors = [e for e in export_page.console_errors if not e.startswith("Failed to load resource")]
    assert errors == []
