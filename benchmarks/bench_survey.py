"""Time the synthetic Indicator 8 survey: generation of 60,000 responses and the analyses the
module runs. Prints figures; asserts nothing about time (machines differ).

    .venv/bin/python benchmarks/bench_survey.py
"""

from __future__ import annotations

import time


def timed(label: str, func, repeat: int = 5):
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.process_time()
        result = func()
        best = min(best, time.process_time() - start)
    print(f"{label:<46} {best * 1000:8.1f} ms (best of {repeat}, CPU time)")
    return result


def main() -> None:
    start = time.process_time()
    import numpy  # noqa: F401
    import pandas  # noqa: F401

    from partnership_course import survey

    print(f"{'import numpy + pandas + survey':<46} {(time.process_time() - start) * 1000:8.1f} ms")
    frame = timed("generate 60,000 synthetic responses", survey.generate)
    timed("overall percent meeting the standard", lambda: survey.overall_percent(frame))
    for by in ("district", "language", "race_ethnicity"):
        timed(f"percent meeting by {by}", lambda by=by: survey.percent_meeting(frame, by))
    timed(
        "representation by race_ethnicity", lambda: survey.representation(frame, "race_ethnicity")
    )

    def analysis() -> None:
        survey.overall_percent(frame)
        for by in ("district", "language", "race_ethnicity"):
            survey.percent_meeting(frame, by)

    timed("full analysis (overall + 3 breakdowns)", analysis)
    timed("generate + full analysis", lambda: (survey.generate(), analysis()))
    timed("one plot (SVG chart and table)", lambda: survey.plot("district"), 3)
    print(f"rows: {len(frame):,}; memory: {frame.memory_usage(deep=True).sum() / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
