"""Kernel memory per open page: a stock ipykernel against the course's kernel (no debugger,
`ipykernel_launcher.py`), bare and after each module page's cells, each page in a fresh kernel.
Prints PSS and RSS (psutil `memory_full_info`); asserts nothing.

    .venv/bin/python benchmarks/bench_kernel.py [--pages N]

Target (issue 15): median PSS per open page at most 50 MB. A kernel started here holds what a
Voila kernel holds once its page has run (the page's cells, the store, the widgets), but not
Voila's own connection; `bench_voila.py` measures kernels behind a real server.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile

import psutil
from jupyter_client.manager import start_new_kernel

from partnership_course.content.paths import modules_dir
from partnership_course.workshop.outline import outline
from partnership_course.workshop.serve import JUPYTER_DATA

MB = 1024**2


def memory(manager) -> tuple[float, float]:
    info = psutil.Process(manager.provisioner.process.pid).memory_full_info()
    return info.pss / MB, info.rss / MB


def kernel(course: bool, cells: list[str]) -> tuple[float, float]:
    env = dict(os.environ)
    if course:
        env["JUPYTER_PATH"] = str(JUPYTER_DATA)
    else:
        env.pop("JUPYTER_PATH", None)
    # the kernel spec is looked up in this process: point it at the course's spec, or not
    if course:
        os.environ["JUPYTER_PATH"] = str(JUPYTER_DATA)
    else:
        os.environ.pop("JUPYTER_PATH", None)
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(modules_dir()), env=env)
    try:
        for code in cells:
            client.execute_interactive(code, timeout=300, output_hook=lambda _m: None)
        return memory(manager)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def page_cells(path: str) -> list[str]:
    notebook = json.loads((modules_dir() / path).read_text("utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages (0: all)")
    args = parser.parse_args()
    os.environ.setdefault(
        "PARTNERSHIP_COURSE_STORE", f"sqlite:///{tempfile.mkdtemp(prefix='bench-kernel-')}/k.db"
    )
    os.environ.setdefault("PARTNERSHIP_COURSE_LEARNER", "bench")
    pages = [page.path for module in outline() for page in module.pages]
    pages = pages[: args.pages] if args.pages else pages
    for course in (False, True):
        name = "course kernel (no debugger)" if course else "stock ipykernel"
        pss, rss = kernel(course, [])
        print(f"{name}: bare PSS {pss:.0f} MB, RSS {rss:.0f} MB")
        found = []
        for path in pages:
            pss, rss = kernel(course, page_cells(path))
            found.append(pss)
            print(f"  {path:52} PSS {pss:5.0f} MB  RSS {rss:5.0f} MB")
        print(
            f"  per open page: median PSS {statistics.median(found):.0f} MB, "
            f"max {max(found):.0f} MB (target: median at most 50 MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
