"""What the workshop server tells a page to load, and which files the browser may keep.

Read against the federated extensions installed in this environment, so a new anywidget or
Voila build whose names change shape fails here rather than quietly revalidating again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from jupyterlab_server.config import get_federated_extensions
from voila.paths import ROOT
from voila.utils import get_voila_labextensions_path

from partnership_course.workshop.statics import (
    DEFAULT_PAGE_FRONTEND,
    HASHED_NAME,
    PAGE_FRONTEND_ENV,
    UNUSED_ON_PAGES,
    page_config_hook,
    page_frontend,
)


def installed() -> dict[str, dict]:
    return get_federated_extensions(get_voila_labextensions_path([]))


def entry(extension: dict) -> str:
    return extension["jupyterlab"]["_build"]["load"]


def test_every_installed_remote_entry_and_chunk_counts_as_hashed() -> None:
    """anywidget names its files with 8 hex digits, JupyterLab's builds with 16 or 20: each
    extension's remote entry and every chunk beside it must be served immutable."""
    extensions = installed()
    assert {"anywidget", "@voila-dashboards/widgets-manager8"} <= set(extensions)
    for name, extension in extensions.items():
        load = entry(extension)
        assert HASHED_NAME.search("/" + load), (name, load)
        static = Path(extension["ext_path"]) / Path(load).parent
        for chunk in static.glob("*.js"):
            if chunk.name != "style.js":  # a fixed name, rebuilt in place: revalidated
                assert HASHED_NAME.search("/" + chunk.name), chunk


def test_fixed_names_are_not_taken_for_hashes() -> None:
    for path in ("/package.json", "/static/style.js", "/static/voila.js", "/a/b/1234567.js"):
        assert not HASHED_NAME.search(path), path


def test_the_page_config_keeps_only_what_a_course_page_uses() -> None:
    federated = [{"name": name, "load": entry(ext)} for name, ext in installed().items()]
    assert UNUSED_ON_PAGES & {x["name"] for x in federated}  # the hook has work to do here
    config = {"federated_extensions": federated}
    result = page_config_hook([str(Path(ROOT) / "share")])(config, base_url="/x/")
    names = {x["name"] for x in result["federated_extensions"]}
    assert "anywidget" in names and "@voila-dashboards/widgets-manager8" in names
    assert not names & UNUSED_ON_PAGES
    assert result["fullStaticUrl"].startswith("/x/voila/static/v-")


def test_the_page_front_end_comes_from_the_flag_and_refuses_anything_else() -> None:
    assert page_frontend({PAGE_FRONTEND_ENV: "voila"}) == "voila"
    assert page_frontend({PAGE_FRONTEND_ENV: " Lean "}) == "lean"
    assert page_frontend({}) == DEFAULT_PAGE_FRONTEND
    with pytest.raises(ValueError, match="lean, voila"):
        page_frontend({PAGE_FRONTEND_ENV: "react"})
    config = page_config_hook([], frontend="voila")({"federated_extensions": []}, base_url="/")
    assert config["pcPageFrontend"] == "voila"
