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
Then a real course kernel (jupyter_client, the course's kernel spec) runs the same page's cells:
its CPU once started and after the cells, and the messages it sent, by type, which adds the
kernel's own start and messaging. `bench_room.py` prints the CPU of Voila's preheated kernels
at `Ready`; the difference was Voila's import in the waiting cell (see docs/capacity.md).

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
import anywidget, pydantic  # not SQLAlchemy (sqlite3), not YAML (the parse cache)
import partnership_course.store, partnership_course.content.loader
marks.append(("course libraries (pydantic, anywidget, the store)", *now()))
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


def real_kernel(page: Path, env: dict[str, str]) -> tuple[float, float, dict[str, int], float]:
    """A course kernel started by jupyter_client: CPU-s once it answers, CPU-s for the page's
    cells, the iopub messages they caused by type, and its PSS (MB) with the page open."""
    import nbformat
    import psutil
    from jupyter_client.manager import start_new_kernel

    from partnership_course.workshop.serve import JUPYTER_DATA

    env = {**env, "JUPYTER_PATH": str(JUPYTER_DATA)}
    os.environ["JUPYTER_PATH"] = str(JUPYTER_DATA)  # the spec is looked up in this process
    cells = [c.source for c in nbformat.read(page, as_version=4).cells if c.cell_type == "code"]
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(page.parent), env=env)
    try:
        process = psutil.Process(manager.provisioner.process.pid)
        started = sum(process.cpu_times()[:2])
        messages: dict[str, int] = {}

        def count(message: dict) -> None:
            kind = message["msg_type"]
            messages[kind] = messages.get(kind, 0) + 1

        for code in cells:
            client.execute_interactive(code, timeout=300, output_hook=count)
        return (
            started,
            sum(process.cpu_times()[:2]) - started,
            messages,
            process.memory_full_info().pss / 2**20,
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


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
        kernels = [real_kernel(page, cached) for _ in range(args.runs)]
        print("a real course kernel (jupyter_client), bytecode cache filled:")
        start_cpu = statistics.median(k[0] for k in kernels)
        cells_cpu = statistics.median(k[1] for k in kernels)
        print(f"  {'started (interpreter, IPython, ZeroMQ)':58s} {start_cpu:5.2f} CPU-s")
        print(f"  {'the page cells, with their messages':58s} {cells_cpu:5.2f} CPU-s")
        print(f"  messages on iopub: {kernels[0][2]}")
        print(f"  PSS with the page open: median {statistics.median(k[3] for k in kernels):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
