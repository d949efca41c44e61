"""Seat time follows the content: the stated times and the certificate's hours are the estimate."""

from __future__ import annotations

from pathlib import Path

import nbformat
import yaml

from partnership_course.content import seat_time
from partnership_course.content.paths import modules_dir


def test_more_words_and_more_writing_take_longer(tmp_path: Path) -> None:
    short = seat_time.PartTime(Path("a.ipynb"), 400, 1, 0.0, 0.0)
    longer = seat_time.PartTime(Path("a.ipynb"), 4000, 1, 5.0, 0.0)
    assert short.minutes == 5  # 2 min reading + 1 min activity, rounded up to 5
    assert longer.minutes == 30  # 20 + 1 + 5 = 26, rounded up


def test_reading_counts_markdown_and_activity_text(tmp_path: Path) -> None:
    module = tmp_path / "01-dual-capacity"
    module.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("word " * 1000, id="a-md"),
        nbformat.v4.new_code_cell(
            'from partnership_course import start\n\ncourse = start("01-dual-capacity")', id="s"
        ),
        nbformat.v4.new_code_cell('course.activity("challenge-reflection")', id="r"),
    ]
    path = module / "01-x.ipynb"
    nbformat.write(nb, path)
    part = seat_time.estimate(path)
    assert part.reading_words > 1000  # the reflection's prompt and guidance are read too
    assert (part.activities, part.writing_minutes, part.outputs) == (1, 5.0, 0)


def test_notebooks_and_certificate_hours_follow_the_estimate() -> None:
    estimates = seat_time.course_estimate()
    course = yaml.safe_load(Path("grader/course.yaml").read_text())
    for module, parts in estimates.items():
        for part in parts:
            assert seat_time.stated_minutes(part.notebook) == part.minutes, part.notebook.name
        assert course["modules"][module]["hours"] == seat_time.module_hours(parts), module
    assert sorted(estimates) == sorted(p.name for p in modules_dir().iterdir() if p.is_dir())


def test_writing_the_times_updates_every_language_with_a_time_line(
    tmp_path: Path, monkeypatch
) -> None:
    """Does `--write` put the estimate into the English notebook and into each translation the
    tool has a time line for, read back by `stated_minutes`?"""
    notebook = tmp_path / "modules" / "m" / "x.ipynb"
    notebook.parent.mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("**Time:** about 3 minutes", id="time")]
    nbformat.write(nb, notebook)
    spanish = tmp_path / "translations" / "es" / "modules" / "m" / "x.yaml"
    spanish.parent.mkdir(parents=True)
    spanish.write_text("cells:\n  time: '**Tiempo:** unos 3 minutos · ñ'\n", encoding="utf-8")
    monkeypatch.setenv("PARTNERSHIP_COURSE_TRANSLATIONS", str(tmp_path / "translations"))
    part = seat_time.PartTime(notebook, 0, 0, 12.0, 0.0)  # 12 minutes of writing: 15
    seat_time._write_times([part])
    assert seat_time.stated_minutes(notebook) == part.minutes == 15
    text = yaml.safe_load(spanish.read_text(encoding="utf-8"))["cells"]["time"]
    assert text == "**Tiempo:** unos 15 minutos · ñ"
    assert set(seat_time.TIME_LINE) == set(seat_time.TIME_TEXT)
