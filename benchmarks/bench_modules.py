"""How long each module notebook takes in a fresh kernel, and how big the kernel is after.

Targets (2-core machine): under 3 s per notebook, under 120 MB kernel RSS, and under 0.3 s to
import `partnership_course`. Prints figures; asserts nothing about time.

    .venv/bin/python benchmarks/bench_modules.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from partnership_course.notebooks import module_notebooks  # noqa: E402

MEMORY_PROBE = (
    "import os, psutil; m = psutil.Process(os.getpid()).memory_full_info(); print(m.rss, m.pss)"
)


def import_time(runs: int) -> list[float]:
    """Seconds for `import partnership_course` in a new interpreter (median of `runs`)."""
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                "import time; t = time.perf_counter(); import partnership_course; "
                "print(time.perf_counter() - t)",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout.strip()))
    return times


def run_notebook(path: Path) -> tuple[float, int, int]:
    """(seconds to execute every cell, kernel RSS bytes, kernel PSS bytes) in a fresh kernel."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(MEMORY_PROBE))
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    with client.setup_kernel():
        start = time.perf_counter()
        for index, cell in enumerate(notebook.cells[:-1]):
            client.execute_cell(cell, index)
        elapsed = time.perf_counter() - start
        client.execute_cell(notebook.cells[-1], len(notebook.cells) - 1)
    rss, pss = (int(v) for v in notebook.cells[-1].outputs[0]["text"].split())
    return elapsed, rss, pss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PARTNERSHIP_COURSE_STORE"] = f"sqlite:///{tmp}/bench.db"
        imports = import_time(args.runs)
        print(f"cpu cores: {psutil.cpu_count()}  python: {sys.version.split()[0]}")
        print(
            f"import partnership_course: median {statistics.median(imports) * 1000:.0f} ms "
            f"(target < 300 ms) over {args.runs} runs"
        )
        print(f"{'notebook':52} {'median s':>9} {'max s':>7} {'RSS MB':>8} {'PSS MB':>8}")
        for path in module_notebooks(ROOT / "modules"):
            results = [run_notebook(path) for _ in range(args.runs)]
            secs = [r[0] for r in results]
            rss = max(r[1] for r in results) / 2**20
            pss = max(r[2] for r in results) / 2**20
            name = path.relative_to(ROOT / "modules").as_posix()
            print(
                f"{name:52} {statistics.median(secs):9.2f} {max(secs):7.2f} {rss:8.1f} {pss:8.1f}"
            )
        print("targets: < 3 s per notebook, < 120 MB RSS per kernel")


if __name__ == "__main__":
    main()
