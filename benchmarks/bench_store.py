"""How fast the response store takes writes: one writer, and many at once.

A reflection saves on every keystroke, so a workshop room is many small writers on one store.
Prints per-save latency and total throughput; asserts nothing about time.

    .venv/bin/python benchmarks/bench_store.py [--writers 30] [--saves 200] [--url URL ...]

Without `--url`, a temporary SQLite file. Give `--url` once per store to compare, e.g. a SQLite
file and `postgresql+psycopg://user:pw@host/db` (an empty database: the tables are created).
Each run writes under fresh learner ids, so a database may be reused.
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stats import percentile  # noqa: E402  (benchmarks/stats.py, beside this script)

from partnership_course.store import ResponseStore  # noqa: E402


def writer(job: tuple[str, str, int]) -> list[float]:
    """One participant typing: `saves` growing reflection texts; returns each save's seconds."""
    url, learner, saves = job
    store = ResponseStore(url)
    latencies = []
    text = ""
    for index in range(saves):
        text += f"word{index} "
        start = time.perf_counter()
        store.save(learner, "m", "m/why", "reflection", {"text": text})
        latencies.append(time.perf_counter() - start)
    stored = store.load(learner, "m", "m/why")
    assert stored is not None and stored.value["text"] == text  # correctness, not speed
    return latencies


def measure(url: str, writers: int, saves: int) -> None:
    """Print one writer's latency, then `writers` at once, against the store at `url`."""
    run = secrets.token_hex(3)  # fresh learner ids: a reused database holds earlier runs
    backend = url.split(":", 1)[0].split("+", 1)[0]
    single = writer((url, f"solo-{run}", saves))
    print(
        f"[{backend}] one writer: median {statistics.median(single) * 1000:.2f} ms per save, "
        f"p95 {percentile(single, 0.95) * 1000:.2f} ms"
    )
    jobs = [(url, f"p{n}-{run}", saves) for n in range(writers)]
    start = time.perf_counter()
    with Pool(writers) as pool:
        results = pool.map(writer, jobs)
    wall = time.perf_counter() - start
    every = sorted(x for r in results for x in r)
    total = writers * saves
    print(
        f"[{backend}] {writers} writers at once: {total} saves in {wall:.2f} s = "
        f"{total / wall:.0f} saves/s; median {statistics.median(every) * 1000:.2f} ms, "
        f"p95 {percentile(every, 0.95) * 1000:.2f} ms, max {every[-1] * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=30)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument(
        "--url", action="append", default=[], help="store URL (repeat to compare stores)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for url in args.url or [f"sqlite:///{tmp}/bench.db"]:
            measure(url, args.writers, args.saves)


if __name__ == "__main__":
    main()
