"""Benchmark: the certificate as a document. Prints the time to render its HTML, the first PDF in
a fresh process (WeasyPrint and fonts loading), later PDFs, and the PDF's size. Asserts nothing.

    .venv/bin/python benchmarks/bench_documents.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from partnership_course.documents.certificate import (
    CourseInfo,
    certificate_html,
    certificate_pdf,
)

INFO = CourseInfo(
    "Partnering with Families", "Coach team", {"m1": ("One", 1.5), "m2": ("Two", 2.0)}
)
NAME = "Zoë O'Neil 李"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    certificate_html(NAME, INFO, date(2026, 11, 30), "es")
    print(f"certificate HTML (first, templates compiled): {time.perf_counter() - start:.3f} s")
    start = time.perf_counter()
    pdf = certificate_pdf(NAME, INFO, date(2026, 11, 30), "es")
    print(f"certificate PDF (first in this process): {time.perf_counter() - start:.2f} s")
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        certificate_pdf(NAME, INFO, date(2026, 11, 30), "es")
        times.append(time.perf_counter() - start)
    print(f"certificate PDF (median of {args.repeat}): {statistics.median(times):.2f} s")
    print(f"PDF size: {len(pdf) / 1024:.0f} KB (fonts subset and embedded)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
