"""The kernels a workshop server starts keep compiled bytecode in a cache of the course's own, so
each kernel does not compile its libraries from source again (`serve.cache_kernel_bytecode`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from partnership_course.workshop.serve import BYTECODE_ENV, cache_kernel_bytecode


def test_kernels_write_bytecode_to_the_cache_never_beside_the_sources(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONDONTWRITEBYTECODE": "1"}
    folder = cache_kernel_bytecode(env)
    assert folder == tmp_path / "cache" / "partnership-course" / "pycache" and folder.is_dir()
    assert env[BYTECODE_ENV] == str(folder) and "PYTHONDONTWRITEBYTECODE" not in env
    library = tmp_path / "library"
    library.mkdir()
    (library / "heavy_module.py").write_text("VALUE = 42\n")
    # a child process, as a kernel is: the server's own environment plus the change
    subprocess.run(
        [sys.executable, "-c", "import heavy_module; assert heavy_module.VALUE == 42"],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(library), **env},
        check=True,
    )
    cached = list(folder.rglob("heavy_module*.pyc"))
    assert cached and cached[0].is_relative_to(folder)
    assert not (library / "__pycache__").exists()


def test_a_cache_the_operator_chose_is_kept(tmp_path: Path) -> None:
    env = {BYTECODE_ENV: str(tmp_path / "mine"), "XDG_CACHE_HOME": str(tmp_path / "other")}
    assert cache_kernel_bytecode(env) == tmp_path / "mine"
    assert (tmp_path / "mine").is_dir() and not (tmp_path / "other").exists()
