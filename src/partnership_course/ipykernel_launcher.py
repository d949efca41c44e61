"""Start an IPython kernel without the debugger: the course's kernel (`kernels/python3`).

Why: ipykernel imports debugpy (about 110 modules, ~10 MB per kernel) at start whenever it is
installed, only to offer JupyterLab's debugger. A course page never debugs, and a workshop holds
one kernel per participant, so the kernels that `partnership-course serve` and the hub start
(their `JUPYTER_PATH` holds `workshop/jupyter`, whose `kernels/python3/kernel.json` names this
module) make `import debugpy` fail, which ipykernel takes as "no debugger", and are then exactly
the stock kernel (`ipykernel_launcher`). The name keeps "ipykernel" in the kernel's command
line, which the benchmarks (and `ps`) look for to find kernels.

It also starts IPython without its input history (`HistoryManager.enabled=False`): every kernel
otherwise opens `~/.ipython/profile_default/history.sqlite`, one file for every kernel of the
server, and writes each cell to it on a thread of its own, about a tenth of a warm workshop
kernel's CPU (py-spy), for a history no course page reads. A console's up-arrow history in
JupyterLab on the hub is what this gives up; an argument on the command line still wins.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # ImportError: no debugger
    # as ipykernel_launcher: the working directory leaves sys.path while the kernel loads
    # (IPython puts it back for the notebook's code)
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]
    sys.argv[1:1] = ["--HistoryManager.enabled=False"]  # before the spec's own arguments
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
