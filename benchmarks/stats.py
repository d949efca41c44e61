"""The figures every benchmark prints about a list of timings, computed one way.

`percentile` is the nearest-rank value (the sorted value at index ⌊q·n⌋, clamped to the last):
no interpolation, so a printed p95 is always a time that was really measured.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable


def percentile(values: Iterable[float], q: float) -> float:
    """The nearest-rank `q` quantile (0 < q < 1) of `values`; ValueError when there are none."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values to take a percentile of")
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def spread(values: Iterable[float], scale: float = 1.0, unit: str = "s", digits: int = 2) -> str:
    """`median …, p95 …, max …` of `values` times `scale`, in `unit`."""
    ordered = sorted(values)
    figures = (statistics.median(ordered), percentile(ordered, 0.95), ordered[-1])
    median, p95, top = (f"{v * scale:.{digits}f} {unit}" for v in figures)
    return f"median {median}, p95 {p95}, max {top}"
