"""Is adding a language really adding a folder? A third language, made by copying the Spanish
folder in a temporary copy of `translations/`, must reach the course, its navigation, the
workshop's language choice and `validate` with no code change."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from partnership_course import context, rendering
from partnership_course.content.paths import translations_dir
from partnership_course.course import Course
from partnership_course.i18n import (
    browser_languages,
    catalogue,
    choose_language,
    supported_languages,
)
from partnership_course.workshop.site import build_site, split_language

MARK = "Toutes les pages du cours"


@pytest.fixture
def with_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """translations/ copied, plus `fr/` copied from `es/` with one French navigation string."""
    copy = tmp_path / "translations"
    shutil.copytree(translations_dir(), copy)
    shutil.copytree(copy / "es", copy / "fr")
    po = copy / "fr" / "interface.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Todas las páginas del curso"' in text
    po.write_text(text.replace('msgstr "Todas las páginas del curso"', f'msgstr "{MARK}"'), "utf-8")
    monkeypatch.setenv("PARTNERSHIP_COURSE_TRANSLATIONS", str(copy))
    catalogue.cache_clear()
    yield copy
    catalogue.cache_clear()
    context.set_language(None)


def test_the_folder_is_a_supported_language(with_french: Path) -> None:
    """Is French supported, chosen from a browser's header, and settable for a kernel?"""
    assert supported_languages() == ("en", "es", "fr")
    assert choose_language(*browser_languages("fr-CA,fr;q=0.9,en;q=0.5")) == "fr"
    context.set_language("fr")
    assert context.current_language() == "fr"


def test_the_course_and_its_navigation_pick_it_up(with_french: Path, tmp_path: Path) -> None:
    """Does the served site get French pages whose navigation comes from fr/interface.po, and
    does every page offer every other language?"""
    site = build_site(tmp_path / "site")
    french = sorted((site / "fr").rglob("*.ipynb"))
    english = sorted(
        p for p in site.rglob("*.ipynb") if p.relative_to(site).parts[0] not in ("es", "fr")
    )
    assert french and len(french) == len(english)
    meta = json.loads(french[0].read_text(encoding="utf-8"))["metadata"]
    assert meta["language"] == "fr"
    assert meta["partnership_course"]["nav"]["home"] == MARK
    assert [s["lang"] for s in meta["partnership_course"]["switch"]] == ["en", "es"]
    english_meta = json.loads(english[0].read_text(encoding="utf-8"))["metadata"]
    assert [(s["lang"], s["name"]) for s in english_meta["partnership_course"]["switch"]] == [
        ("es", "Español"),
        ("fr", "Français"),
    ]
    assert english_meta["partnership_course"]["nav"]["home"] == "All course pages"
    assert split_language("fr/01-dual-capacity/x.ipynb") == ("fr", "01-dual-capacity/x.ipynb")


def test_pages_offer_it_and_activities_read_it(with_french: Path) -> None:
    """Do server pages link to French, and does a French course read the French folder?"""
    page = rendering.render("base.html.j2", lang="en", title="x")
    assert 'hreflang="fr"' in page and "Français" in page
    course = Course("01-dual-capacity", learner="ana", lang="fr")
    scenario = next(iter(sorted((with_french / "fr" / "scenarios").rglob("*.yaml"))))
    activity = f"{scenario.parent.name}/{scenario.stem}"
    spanish = Course("01-dual-capacity", learner="ana", lang="es").scenario(activity)
    assert course.scenario(activity).model_dump() == spanish.model_dump()  # the copied files


def test_validate_checks_it(with_french: Path) -> None:
    """Does `validate` check French too, with no code change (a fresh process)?"""
    env = {**os.environ, "PARTNERSHIP_COURSE_TRANSLATIONS": str(with_french)}
    done = subprocess.run(
        [sys.executable, "-m", "partnership_course.cli", "validate"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "(en, es, fr)" in done.stdout
