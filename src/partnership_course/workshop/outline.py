"""The course as a workshop sees it: modules, their pages (notebooks), and each page's activities.

Read from the notebooks themselves (the `start(...)` and `course.activity(...)` calls), so the
landing page and the facilitator view always match what participants are shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..content.paths import modules_dir
from ..notebooks import activity_refs, module_notebooks


@dataclass(frozen=True)
class Page:
    """One notebook: its URL path under /voila/render/, title, module and activity ids."""

    path: str  # e.g. "01-dual-capacity/01-why-partnership.ipynb"
    title: str
    module: str
    activities: tuple[str, ...]  # scenario ids, e.g. "01-dual-capacity/conditions-sort"


@dataclass(frozen=True)
class Module:
    name: str
    pages: tuple[Page, ...]

    @property
    def activities(self) -> tuple[str, ...]:
        return tuple(a for page in self.pages for a in page.activities)


def _title(path: Path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for line in "".join(cell.get("source", [])).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return path.stem.replace("-", " ").capitalize()


@lru_cache(maxsize=4)
def _outline(root: str, stamp: tuple[tuple[str, int], ...]) -> tuple[Module, ...]:
    base = Path(root)
    grouped: dict[str, list[Page]] = {}
    for notebook in module_notebooks(base):
        module, refs = activity_refs(notebook)
        folder = notebook.parent.name
        grouped.setdefault(folder, []).append(
            Page(
                path=notebook.relative_to(base).as_posix(),
                title=_title(notebook),
                module=module or folder,
                activities=tuple(r.scenario_id for r in refs),
            )
        )
    return tuple(Module(name, tuple(pages)) for name, pages in sorted(grouped.items()))


def outline(root: Path | None = None) -> tuple[Module, ...]:
    """Every module and page in reading order (re-read when a notebook changes)."""
    base = root or modules_dir()
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in module_notebooks(base))
    return _outline(str(base), stamp)


def all_activities(root: Path | None = None) -> list[str]:
    return [a for module in outline(root) for a in module.activities]
