"""Voila's page templates are compiled once per server (`workshop/compiled_templates.py`): a
page drawn with the shared cache is the same page, and the second page compiles nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from page_render import render_page, template_paths
from voila.exporter import VoilaExporter

from partnership_course.workshop import compiled_templates
from partnership_course.workshop.compiled_templates import (
    CACHE,
    MARKDOWN,
    SharedCodeCache,
    cached_exporter,
)
from partnership_course.workshop.outline import outline
from partnership_course.workshop.site import build_site

FIRST = outline()[0].pages[0].path
SECOND = outline()[0].pages[1].path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def paths() -> list[str]:
    return template_paths()


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the templates Jinja2 compiles from source while the test runs."""
    seen: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: Any = None, *a: Any, **kw: Any):
        seen.append(str(name))
        return real(self, source, name, *a, **kw)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    CACHE.clear()
    MARKDOWN.clear()
    yield seen
    CACHE.clear()
    MARKDOWN.clear()


def test_a_cached_page_is_the_same_page_in_both_languages(
    site: Path, paths: list[str], compiles: list[str]
) -> None:
    cached = cached_exporter(VoilaExporter)
    for page in (FIRST, f"es/{FIRST}"):
        stock = render_page(VoilaExporter, site / page, paths)
        assert render_page(cached, site / page, paths) == stock
        assert render_page(cached, site / page, paths) == stock  # from the cache this time
    english = render_page(cached, site / FIRST, paths)
    spanish = render_page(cached, site / f"es/{FIRST}", paths)
    assert "All course pages" in english and "All course pages" not in spanish
    assert 'document.documentElement.lang = "es"' in spanish


def test_the_second_page_compiles_no_template(
    site: Path, paths: list[str], compiles: list[str]
) -> None:
    cached = cached_exporter(VoilaExporter)
    render_page(cached, site / FIRST, paths)
    first = list(compiles)
    assert "index.html.j2" in first and len(first) >= 4  # the page and what it extends/imports
    compiles.clear()
    render_page(cached, site / SECOND, paths)
    render_page(cached, site / f"es/{FIRST}", paths)
    assert compiles == []
    # without the cache, every page compiles every template again (what Voila does)
    render_page(VoilaExporter, site / SECOND, paths)
    assert sorted(compiles) == sorted(first)


def test_a_pages_markdown_is_drawn_once_and_its_notebook_checked_once(
    site: Path, paths: list[str], compiles: list[str]
) -> None:
    import nbformat

    cached = cached_exporter(VoilaExporter)
    cells = nbformat.read(site / FIRST, as_version=4).cells
    markdown = {c.source for c in cells if c.cell_type == "markdown"}
    render_page(cached, site / FIRST, paths)
    assert MARKDOWN.misses == len(markdown) > 0
    render_page(cached, site / FIRST, paths)
    assert MARKDOWN.misses == len(markdown)  # the second participant's page: none drawn
    render_page(cached, site / f"es/{FIRST}", paths)
    assert MARKDOWN.misses > len(markdown)  # the Spanish page's own words
    assert cached(template_paths=paths, template_name="partnership").optimistic_validation
    assert not VoilaExporter(
        template_paths=paths, template_name="partnership"
    ).optimistic_validation


def test_an_edited_template_is_compiled_again() -> None:
    cache = SharedCodeCache()
    sources = {"page.html": "Hello {{ name }}"}
    counted: list[str] = []

    def environment() -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FunctionLoader(lambda n: sources[n]))
        env.bytecode_cache = cache
        real = env.compile
        env.compile = lambda *a, **kw: counted.append("x") or real(*a, **kw)  # type: ignore
        return env

    assert environment().get_template("page.html").render(name="a") == "Hello a"
    assert environment().get_template("page.html").render(name="b") == "Hello b"
    assert len(counted) == 1
    sources["page.html"] = "Bye {{ name }}"
    assert environment().get_template("page.html").render(name="c") == "Bye c"
    assert len(counted) == 2
    # other compile settings (autoescape) never share code with these
    env = jinja2.Environment(loader=jinja2.FunctionLoader(lambda n: sources[n]), autoescape=True)
    env.bytecode_cache = cache
    assert env.get_template("page.html").render(name="<b>") == "Bye &lt;b&gt;"


def test_install_gives_voilas_renderer_the_cached_exporter(
    monkeypatch: pytest.MonkeyPatch, paths: list[str]
) -> None:
    import voila.notebook_renderer as renderer

    monkeypatch.setattr(renderer, "VoilaExporter", VoilaExporter)
    compiled_templates.install()
    compiled_templates.install()  # once only
    made = renderer.VoilaExporter(template_paths=paths, template_name="partnership")
    assert isinstance(made, VoilaExporter)
    assert made.environment.bytecode_cache is CACHE
    assert renderer.VoilaExporter.__mro__[1] is VoilaExporter
