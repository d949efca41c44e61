"""The syllabus states each part's minutes and each module's hours; they must be the ones the
seat-time method gives and the certificate prints (`grader/course.yaml`), in both languages."""

from __future__ import annotations

import re

import pytest
import yaml

from partnership_course.content.paths import course_root
from partnership_course.content.seat_time import course_estimate, module_hours
from partnership_course.documents.markdown_doc import doc_path

UNITS = {"en": ("minutes", "hours"), "es": ("minutos", "horas")}


def _number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "es" else text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_syllabus_times_follow_the_seat_time_and_the_certificate(lang: str) -> None:
    source = doc_path("syllabus", lang).read_text(encoding="utf-8")
    rows = [line for line in source.splitlines() if line.startswith("|")]
    minutes, hours = UNITS[lang]
    stated_parts = [int(m) for m in re.findall(rf"\| (\d+) {minutes} \|$", "\n".join(rows), re.M)]
    estimate = course_estimate()
    assert stated_parts == [p.minutes for parts in estimate.values() for p in parts]

    course = yaml.safe_load((course_root() / "grader" / "course.yaml").read_text())
    certified = [float(m["hours"]) for m in course["modules"].values()]
    assert certified == [module_hours(parts) for parts in estimate.values()]
    stated_hours = re.findall(rf"\*\*([\d.,]+) {hours}\*\*", source)
    assert stated_hours == [_number(h, lang) for h in [*certified, sum(certified)]]
