"""No test waits a fixed time for something to happen: it polls what it waits for, with a
deadline (a fixed wait is either too long, and slows CI, or too short on a busy machine, and
fails at random). A sleep inside a loop is a polling interval and is fine; a sleep anywhere
else is a fixed wait."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
LOOPS = (ast.For, ast.AsyncFor, ast.While)


def fixed_waits(source: str) -> list[int]:
    """Lines of `sleep(...)` / `asyncio.sleep(...)` calls that are not inside a loop."""
    found: list[int] = []

    def visit(node: ast.AST, in_loop: bool) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            in_loop = False  # a function defined in a loop runs when it is called
        if isinstance(node, ast.Call) and not in_loop:
            name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            name = node.func.id if isinstance(node.func, ast.Name) else name
            if name == "sleep":
                found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_loop or isinstance(node, LOOPS))

    visit(ast.parse(source), False)
    return found


def test_no_test_waits_a_fixed_time() -> None:
    waits = [
        f"{path.relative_to(TESTS)}:{line}"
        for path in sorted(TESTS.rglob("*.py"))
        for line in fixed_waits(path.read_text(encoding="utf-8"))
    ]
    assert waits == []


def test_the_walk_tells_a_wait_from_a_poll() -> None:
    wait = "import asyncio\nasync def f():\n    await asyncio.sleep(5)\n"
    poll = "import time\nwhile not done():\n    time.sleep(0.2)\n"
    inner = "for _ in range(3):\n    def g():\n        sleep(1)\n"
    assert fixed_waits(wait) == [3]
    assert fixed_waits(poll) == []
    assert fixed_waits(inner) == [3]
