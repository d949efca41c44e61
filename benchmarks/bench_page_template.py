"""The server's CPU to draw one module page's template, with Voila's per-page compile and with
the workshop's shared compiled templates (`workshop/compiled_templates.py`).

Prints figures; asserts nothing. In this process, without a kernel: each page is drawn as one
request draws it (a new Voila exporter, its Jinja2 environment, the course's template and the
templates it extends; the cells as stored, without outputs), cycling through every course page
in English and Spanish. Reported: CPU per page (process time) and templates compiled per page.
The kernel's work and the cells' outputs are not in it: this is the template's share only.

    .venv/bin/python benchmarks/bench_page_template.py [--pages 40]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import jinja2
from voila.exporter import VoilaExporter

from partnership_course.workshop.compiled_templates import CACHE, MARKDOWN, cached_exporter
from partnership_course.workshop.outline import outline
from partnership_course.workshop.site import build_site

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "workshop"))
from page_render import render_page, template_paths

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stats import spread  # benchmarks/stats.py, beside this script


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40, help="pages drawn each way")
    args = parser.parse_args()
    site = build_site(Path(tempfile.mkdtemp(prefix="bench-page-template-")))
    pages = [p for m in outline() for pg in m.pages for p in (pg.path, f"es/{pg.path}")]
    paths = template_paths()
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source, name=None, *a, **kw):  # type: ignore[no-untyped-def]
        compiled.append(str(name))
        return real(self, source, name, *a, **kw)

    jinja2.Environment.compile = counting  # type: ignore[method-assign]
    render_page(VoilaExporter, site / pages[0], paths)  # imports and file cache warm, unmeasured
    ways = (("Voila as is", VoilaExporter), ("shared", cached_exporter(VoilaExporter)))
    for label, exporter in ways:
        CACHE.clear()
        MARKDOWN.clear()
        times: list[float] = []
        compiled.clear()
        for number in range(args.pages):
            start = time.process_time()
            render_page(exporter, site / pages[number % len(pages)], paths)
            times.append(time.process_time() - start)
        once, again = times[: len(pages)], times[len(pages) :]
        print(
            f"{label:>12}: CPU per page {spread(times, 1000, 'ms', 1)}; "
            f"first page {times[0] * 1000:.1f} ms; templates compiled {len(compiled)} "
            f"in {args.pages} pages ({len(pages)} different pages)"
        )
        print(f"{'':>12}  each page's first time: {spread(once, 1000, 'ms', 1)}")
        if again:
            print(f"{'':>12}  a page again:           {spread(again, 1000, 'ms', 1)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
