"""Draw a served course page with Voila's own exporter, as its renderer does, but in-process
and without a kernel: the cells come out as stored (no outputs). What this measures and checks
is the server's share of a page: the exporter, its Jinja2 environment, the templates.

Used by `test_compiled_templates.py` and `benchmarks/bench_page_template.py`.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import nbformat

from partnership_course.workshop.serve import JUPYTER_DATA

TEMPLATE = "partnership"


def template_paths() -> list[str]:
    """Voila's template search path for the course's template (as `serve` sets it; this
    process's `JUPYTER_PATH` is put back after)."""
    from voila.paths import collect_template_paths

    before = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(JUPYTER_DATA), before) if p)
    try:
        return collect_template_paths(["voila", "nbconvert"], TEMPLATE)
    finally:
        if before is None:
            del os.environ["JUPYTER_PATH"]
        else:
            os.environ["JUPYTER_PATH"] = before


def exporter_of(exporter_class: type, paths: list[str]) -> Any:
    """An exporter made as `voila.notebook_renderer.NotebookRenderer.initialize` makes it."""
    exporter = exporter_class(
        template_paths=paths,
        template_name=TEMPLATE,
        theme="light",
        base_url="/",
        show_margins=False,
        mathjax_url="/mathjax.js?config=TeX-AMS_CHTML-full",
    )
    exporter.exclude_input = True
    exporter.exclude_output_prompt = True
    exporter.exclude_input_prompt = True
    return exporter


async def _render(exporter: Any, nb: Any) -> str:
    async def kernel_start(_nb: Any) -> str:
        return "00000000-0000-0000-0000-000000000000"

    async def notebook_execute(_nb: Any, _kernel: str) -> None:
        return None

    async def cells(notebook: Any, _kernel: str) -> AsyncIterator[Any]:
        for cell in notebook.cells:
            yield cell

    context = {
        "frontend": "voila",
        "main_js": "voila.js",
        "kernel_start": kernel_start,
        "notebook_execute": notebook_execute,
        "progressive_rendering": False,
        "cell_generator": cells,
    }
    resources = {
        "base_url": "/",
        "theme": "light",
        "template": TEMPLATE,
        "metadata": {"name": "page"},
        "page_config": {"baseUrl": "/"},
    }
    parts = []
    async for html, _ in exporter.generate_from_notebook_node(
        nb, resources=resources, extra_context=context, page_config={"baseUrl": "/"}
    ):
        parts.append(html)
    return "".join(parts)


def render_page(exporter_class: type, notebook: Path, paths: list[str] | None = None) -> str:
    """The page's HTML from a new exporter of `exporter_class`, as for one request."""
    nb = nbformat.read(notebook, as_version=4)
    exporter = exporter_of(exporter_class, paths or template_paths())
    return asyncio.run(_render(exporter, nb))
