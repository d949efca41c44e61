"""Hidden folders and files (`.ipynb_checkpoints`, anything whose name starts with ".") are
never course pages: not in the outline, the start page, the served folder or Voila's warm-up
pools, and not served."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from handlers import fetch, text

from partnership_course.content.paths import course_root, modules_dir
from partnership_course.workshop.outline import all_activities, outline
from partnership_course.workshop.site import build_site, is_hidden

CHECKOUT = course_root()
REAL = [pg.path for m in outline() for pg in m.pages]
FIRST = REAL[0]
HIDDEN = (
    f"{FIRST.split('/')[0]}/.ipynb_checkpoints/01-why-partnership-checkpoint.ipynb",
    ".drafts/01-draft.ipynb",
    f"{FIRST.split('/')[0]}/.scratch.ipynb",
)


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A course root like the checkout whose modules hold a checkpoint, a hidden folder and a
    hidden notebook, each a copy of the first page (so each would be a page if counted)."""
    assert CHECKOUT is not None, "run from a checkout"
    root = tmp_path / "course"
    root.mkdir()
    for entry in CHECKOUT.iterdir():
        if entry.name not in ("modules", ".git", ".venv"):
            (root / entry.name).symlink_to(entry)
    shutil.copytree(modules_dir(), root / "modules")
    for hidden in HIDDEN:
        (root / "modules" / hidden).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(modules_dir() / FIRST, root / "modules" / hidden)
    monkeypatch.setenv("PARTNERSHIP_COURSE_ROOT", str(root))
    assert modules_dir() == root / "modules"
    return root


def test_the_outline_counts_no_hidden_notebook(course: Path) -> None:
    assert [pg.path for m in outline() for pg in m.pages] == REAL
    assert [m.name for m in outline()] == sorted({p.split("/")[0] for p in REAL})
    first_activities = outline()[0].pages[0].activities
    assert all_activities().count(first_activities[0]) == 1  # not counted twice


def test_the_served_folder_holds_no_hidden_notebook(course: Path, tmp_path: Path) -> None:
    site = build_site(tmp_path / "site")
    served = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.ipynb"))
    assert FIRST in served and f"es/{FIRST}" in served
    assert not [p for p in served if is_hidden(p)], served
    assert len(served) == 2 * len(REAL)  # every page, in English and Spanish, and nothing else


def test_the_start_page_lists_no_hidden_notebook(course: Path) -> None:
    page = text(fetch("/"))
    assert "checkpoint" not in page and ".drafts" not in page and ".scratch" not in page
    assert page.count("01-why-partnership.ipynb") == 1


def test_voilas_warm_up_pools_no_hidden_notebook(course: Path) -> None:
    """Voila pools every notebook its own filter passes (it skips `.ipynb_checkpoints` only);
    the room's kernel manager passes no hidden one."""
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    from partnership_course.workshop.warmup import room_kernel_manager

    root = course / "modules"
    voilas = voila_kernel_manager_factory(AsyncMappingKernelManager, True, 1)
    ours = room_kernel_manager(voilas, 1)

    def pooled(cls: type) -> list[str]:
        manager = cls.__new__(cls)  # the filter only: no kernels, no pools
        manager.root_dir = str(root)
        found = sorted(root.rglob("*.ipynb"))
        return [p.relative_to(root).as_posix() for p in found if manager._notebook_filter(p)]

    assert set(pooled(voilas)) - set(REAL) == set(HIDDEN[1:])  # what Voila alone would warm
    assert pooled(ours) == REAL
