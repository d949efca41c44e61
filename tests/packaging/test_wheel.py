"""Does the wheel alone serve the course? Every hub image gets the course from the wheel.

The wheel is built from this checkout, installed into a fresh virtual environment in a folder
outside the checkout, and `partnership-course serve` from that environment must render a module
page with its activities: notebooks, scenarios and translations all come from the install.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest
from support.launch import free_port, stop, wait_for_http
from support.pdf import pdf_words

from partnership_course.content import load_scenario
from partnership_course.workshop.outline import outline

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "workshop"))  # the browserless participant
from widget_client import open_page  # noqa: E402

UV = [sys.executable, "-m", "uv"]
PAGE = "01-dual-capacity/01-why-partnership.ipynb"


def _run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = _run([*UV, "build", "--wheel", "--out-dir", str(out), str(ROOT)])
    assert built.returncode == 0, built.stderr
    (found,) = out.glob("*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel (and its dependencies, from uv's cache when it can)."""
    folder = tmp_path_factory.mktemp("installed") / "venv"
    made = _run([*UV, "venv", "--quiet", "--python", sys.executable, str(folder)])
    assert made.returncode == 0, made.stderr
    install = [
        *UV,
        "pip",
        "install",
        "--quiet",
        "--python",
        str(folder / "bin" / "python"),
        str(wheel),
    ]
    if _run([*install, "--offline"]).returncode != 0:
        done = _run(install)  # a cold cache (a fresh CI machine): fetch from PyPI
        assert done.returncode == 0, done.stderr
    return folder


def _outside_env(home: Path) -> dict[str, str]:
    """This environment without anything that points back into the checkout."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PARTNERSHIP_COURSE_", "JUPYTER", "VIRTUAL_ENV", "PYTHON"))
    }
    env["PARTNERSHIP_COURSE_STORE"] = f"sqlite:///{home / 'responses.db'}"
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if str(ROOT) not in p
    )
    return env


def test_wheel_carries_everything_to_serve(wheel: Path) -> None:
    """Is every notebook, scenario, translation and grader template in the wheel?"""
    names = set(zipfile.ZipFile(wheel).namelist())
    packed = {"modules": "_modules", "scenarios": "_scenarios", "translations": "_translations"}
    expected = [
        f"partnership_course/{packed[folder]}/{path.relative_to(ROOT / folder).as_posix()}"
        for folder in packed
        for path in sorted((ROOT / folder).rglob("*"))
        if path.is_file() and not {".ipynb_checkpoints", "__pycache__"} & set(path.parts)
    ]
    assert any(name.endswith(".ipynb") for name in expected)
    assert [name for name in expected if name not in names] == []
    for template in ("rubric.yaml", "course.yaml", "nbgrader_config.py"):
        assert f"partnership_course/_grader/{template}" in names
    docs = ("facilitator-guide.md", "facilitator-guide.es.md", "syllabus.md", "syllabus.es.md")
    for guide in docs:  # read on the day
        assert f"partnership_course/_docs/{guide}" in names
        packed = zipfile.ZipFile(wheel).read(f"partnership_course/_docs/{guide}")
        assert packed == (ROOT / "docs" / guide).read_bytes()
    assert not any(name.startswith(("tests/", "support/")) for name in names)  # helpers stay out


def test_installed_package_finds_its_content_outside_a_checkout(venv: Path, tmp_path: Path) -> None:
    probe = (
        "from partnership_course.content.paths import course_root, grader_dir, modules_dir,"
        " scenarios_dir, translations_dir\n"
        "from partnership_course.grading.rubric import load_rubric\n"
        "print(course_root())\n"
        "for f in (modules_dir, scenarios_dir, translations_dir, grader_dir): print(f())\n"
        "print(len(load_rubric().criteria))\n"
    )
    done = _run(
        [str(venv / "bin" / "python"), "-c", probe], cwd=tmp_path, env=_outside_env(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    root, *folders, criteria = done.stdout.split()
    assert root == "None"
    for folder in folders:
        assert folder.startswith(str(venv)) and Path(folder).is_dir()
        assert str(ROOT) not in folder
    assert int(criteria) > 0


def test_installed_package_prints_the_facilitator_guide(venv: Path, tmp_path: Path) -> None:
    """`partnership-course facilitator-guide` from the install, outside any checkout, in both
    languages: the guide's text comes from the wheel."""
    for lang, name in (("en", "facilitator-guide.md"), ("es", "facilitator-guide.es.md")):
        out = tmp_path / f"guide-{lang}.pdf"
        done = _run(
            [
                str(venv / "bin" / "partnership-course"),
                "facilitator-guide",
                f"--lang={lang}",
                f"--out={out}",
            ],
            cwd=tmp_path,
            env=_outside_env(tmp_path),
        )
        assert done.returncode == 0, done.stderr
        assert out.read_bytes().startswith(b"%PDF")
        source = (ROOT / "docs" / name).read_text(encoding="utf-8")
        title = next(line[2:].strip() for line in source.splitlines() if line.startswith("# "))
        assert title in pdf_words(out, tmp_path)


def test_installed_wheel_serves_a_module_page(venv: Path, tmp_path: Path) -> None:
    """`partnership-course serve` from the install renders module 01 with its activities."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [str(venv / "bin" / "partnership-course"), "serve", f"--port={port}"],
        cwd=tmp_path,
        env=_outside_env(tmp_path),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(base + "/", process, seconds=120)

        async def read_page() -> tuple[str, int, str]:
            async with httpx.AsyncClient(timeout=300) as client:
                page = await open_page(client, base, PAGE, token="")
                try:
                    return json.dumps(page.states), len(page.activities()), page.kernel_id
                finally:
                    await page.close(client)

        states, activities, _kernel = asyncio.run(read_page())
    finally:
        stop(process)
        log.close()
    expected = next(p.activities for m in outline() for p in m.pages if p.path == PAGE)
    assert activities == len(expected) > 0
    title = load_scenario("01-dual-capacity/cannot-attend-check").title
    assert title in states or json.dumps(title)[1:-1] in states
    assert str(ROOT) not in (tmp_path / "serve.log").read_text()
