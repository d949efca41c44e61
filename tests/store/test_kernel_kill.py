"""Do answers survive a kernel killed with SIGKILL mid-session (a crash, a closed laptop)?"""

from __future__ import annotations

import os
import signal
import sys
import textwrap
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

pytestmark = pytest.mark.kernel

SCENARIOS = {
    "q.yaml": """\
schema_version: 1
kind: choice
id: q
title: Q
question: Pick
options:
  - {id: a, text: A, correct: true, feedback: Good}
  - {id: b, text: B, feedback: Less good}
""",
    "why.yaml": "schema_version: 1\nkind: reflection\nid: why\ntitle: W\nprompt: P\n",
    "s.yaml": """\
schema_version: 1
kind: sort
id: s
title: S
categories: [{id: x, label: X}, {id: y, label: Y}]
items:
  - {id: one, text: One, category: x, feedback: f}
  - {id: two, text: Two, category: y, feedback: f}
""",
}

ANSWER = textwrap.dedent(
    """
    from partnership_course import start
    course = start("m", learner="ana")
    course.activity("q").choose("b")
    s = course.activity("s"); s.place("one", "y"); s.place("two", "y")
    course.activity("why").write(open(TEXT_FILE, encoding="utf-8").read())
    print("answered")
    """
)

READ = textwrap.dedent(
    """
    from partnership_course import start
    course = start("m", learner="ana")
    import json
    print(json.dumps({
        "q": course.activity("q").answer,
        "s": course.activity("s").placements,
        "why": course.activity("why").answer == open(TEXT_FILE, encoding="utf-8").read(),
    }, sort_keys=True))
    """
)


def run(client: object, code: str) -> str:
    """Execute code in the kernel and return what it printed (fail on any error)."""
    chunks: list[str] = []

    def hook(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            chunks.append(msg["content"]["text"])
        if msg["msg_type"] == "error":
            chunks.append("ERROR " + "\n".join(msg["content"]["traceback"]))

    reply = client.execute_interactive(code, output_hook=hook, timeout=120)  # type: ignore[attr-defined]
    assert reply["content"]["status"] == "ok", "".join(chunks)
    return "".join(chunks)


def test_answers_survive_sigkill(tmp_path: Path, isolated_store: str) -> None:
    """Answer in one kernel, SIGKILL it, and read everything back from a brand-new kernel."""
    library = tmp_path / "lib"
    (library / "m").mkdir(parents=True)
    for name, text in SCENARIOS.items():
        (library / "m" / name).write_text(text, encoding="utf-8")
    text_file = tmp_path / "text.txt"
    text_file.write_text(
        "<script>alert(1)</script> 🙏🏽 مرحبا\n" + "x" * 1_000_000, encoding="utf-8"
    )
    env = {
        **os.environ,
        "PARTNERSHIP_COURSE_SCENARIOS": str(library),
        "PARTNERSHIP_COURSE_STORE": isolated_store,
    }
    prelude = f"TEXT_FILE = {str(text_file)!r}\n"

    manager, client = start_new_kernel(kernel_name="python3", env=env, extra_arguments=[])
    try:
        assert "answered" in run(client, prelude + ANSWER)
        pid = manager.provisioner.pid  # type: ignore[union-attr]
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0) if sys.platform != "win32" else None
    finally:
        client.stop_channels()
        manager.cleanup_resources()

    manager, client = start_new_kernel(kernel_name="python3", env=env)
    try:
        out = run(client, prelude + READ)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert out.strip().splitlines()[-1] == '{"q": "b", "s": {"one": "y", "two": "y"}, "why": true}'
