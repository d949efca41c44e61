"""What one participant's kernel costs before its page is sent: CPU and memory, by phase.

Prints figures; asserts nothing. A fresh Python process does what a workshop kernel does in
the pool (outside Jupyter, so without the kernel's own messaging): it imports what every kernel
imports (ipykernel without its debugger, as `kernel_launcher.py` starts it, and ipywidgets),
then the course's libraries, then runs the room's first page's
code cells from the served copy (`workshop/site.py`) as one learner. Each phase is measured as
CPU-seconds (user + system) and USS (memory no other process shares). Twice:
  - with bytecode compiled from source, as on a machine with `PYTHONDONTWRITEBYTECODE` or a
    read-only install before `serve` cached it;
  - with the kernels' bytecode cache (`serve.cache_kernel_bytecode`) already filled.
The kernel's messaging and the widgets' messages to the page come on top (compare
`bench_room.py`, which prints the CPU of real kernels at `Ready`).

    .venv/bin/python benchmarks/bench_kernel_cost.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PAGE = "01-dual-capacity/01-why-partnership.ipynb"

CHILD = """
import json, os, sys, time, psutil
nb_reader = __import__("nbformat")  # the benchmark's own reader: a kernel never imports it
me = psutil.Process()
def now():
    t = me.cpu_times()
    return t.user + t.system, me.memory_full_info().uss / 2**20
marks = [("start", *now())]
sys.modules["debugpy"] = None  # as the course's kernel (kernel_launcher.py): no debugger
import ipykernel.kernelapp, ipywidgets
marks.append(("kernel imports (ipykernel, ipywidgets)", *now()))
import anywidget, pydantic, yaml  # not SQLAlchemy: a SQLite store uses sqlite3
import partnership_course.store, partnership_course.content.loader
marks.append(("course libraries (pydantic, anywidget, YAML, the store)", *now()))
nb = nb_reader.read(sys.argv[1], as_version=4)
namespace = {}
for cell in nb.cells:
    if cell.cell_type == "code":
        exec(cell.source, namespace)
marks.append(("the page's cells (its 14 activities for one learner)", *now()))
print(json.dumps(marks))
"""


def run(page: Path, env: dict[str, str]) -> list[tuple[str, float, float]]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(page)], env=env, check=True, capture_output=True
    )
    return [tuple(x) for x in json.loads(out.stdout.decode().strip().splitlines()[-1])]


def report(title: str, runs: list[list[tuple[str, float, float]]]) -> None:
    print(title)
    for index in range(1, len(runs[0])):
        name = runs[0][index][0]
        cpu = statistics.median(r[index][1] - r[index - 1][1] for r in runs)
        uss = statistics.median(r[index][2] - r[index - 1][2] for r in runs)
        print(f"  {name:58s} {cpu:5.2f} CPU-s  +{uss:4.0f} MB")
    cpu = statistics.median(r[-1][1] - r[0][1] for r in runs)
    uss = statistics.median(r[-1][2] - r[0][2] for r in runs)
    print(f"  {'all three':58s} {cpu:5.2f} CPU-s  +{uss:4.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from partnership_course.workshop.site import build_site

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        page = build_site(root / "site") / PAGE
        base = {
            **os.environ,
            "PARTNERSHIP_COURSE_STORE": f"sqlite:///{root / 'kernel.db'}",
            "PARTNERSHIP_COURSE_LEARNER": "bench-learner",
        }
        base.pop("PYTHONPYCACHEPREFIX", None)
        compiled = {
            **base,
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPYCACHEPREFIX": str(root / "none"),
        }
        cached = {**base, "PYTHONPYCACHEPREFIX": str(root / "pycache")}
        cached.pop("PYTHONDONTWRITEBYTECODE", None)
        run(page, cached)  # fills the cache, as the first kernel of a server does
        report("compiled from source:", [run(page, compiled) for _ in range(args.runs)])
        report("bytecode cache filled:", [run(page, cached) for _ in range(args.runs)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
