"""The kernels the workshop server and the hub start load no debugger (ipykernel_launcher.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

from partnership_course.workshop.serve import JUPYTER_DATA

pytestmark = pytest.mark.kernel

PROBE = (
    "import sys, ipykernel.debugger as d; "
    "print(d._is_debugpy_available, '_pydevd_bundle' in sys.modules, len(sys.modules), "
    "get_ipython().history_manager.enabled)"
)


def test_course_kernel_has_no_debugger(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With the course's JUPYTER_PATH, is `python3` our launcher, and does its kernel run code
    with debugpy never imported?"""
    monkeypatch.setenv("JUPYTER_PATH", str(JUPYTER_DATA))
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.argv[:3] == ["python", "-m", "partnership_course.ipykernel_launcher"]
    assert spec.metadata.get("debugger") is False
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(tmp_path), env=os.environ)
    try:
        lines: list[str] = []
        client.execute_interactive(
            PROBE,
            timeout=60,  # stdout only: a warning on stderr is not the probe's answer
            output_hook=lambda m: lines.append(
                m["content"].get("text", "") if m["content"].get("name") == "stdout" else ""
            ),
        )
        available, pydevd, count, history = "".join(lines).split()
        assert (available, pydevd) == ("False", "False")
        assert history == "False"  # no shared history.sqlite written by every kernel
        assert int(count) < 600  # the stock kernel holds about 620 modules, 110 of the debugger
        lines.clear()
        client.execute_interactive(
            "import os; print(os.getcwd())",
            timeout=60,
            output_hook=lambda m: lines.append(m["content"].get("text", "")),
        )
        assert "".join(lines).strip() == str(tmp_path)  # the notebook's folder, as stock
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
