"""The route that serves the activities' code as files a browser caches for a year."""

from __future__ import annotations

import gzip
from types import SimpleNamespace

from tornado import web
from tornado.testing import AsyncHTTPTestCase

from partnership_course.activities.delivery import (
    IMMUTABLE,
    http_files,
    keys,
    kinds,
    loader_module,
    loader_source,
    module_source,
    shared_source,
    stylesheet,
)
from partnership_course.activities.served import accepts_gzip, activity_routes
from partnership_course.lab_server import _load_jupyter_server_extension
from partnership_course.workshop.statics import compressed

BASE = "/user/ana/"  # the hub's prefix for one user's server


class RouteUnderHubPrefix(AsyncHTTPTestCase):
    """The Jupyter server extension's routes (JupyterLab, Notebook 7, the hub) under a prefix."""

    def get_app(self) -> web.Application:
        app = web.Application(base_url=BASE)
        _load_jupyter_server_extension(SimpleNamespace(web_app=app))
        return app

    def test_every_piece_of_every_kind_is_served_immutable(self) -> None:
        """Is each kind's module, the helpers and the CSS there, named by its hash, with the
        right type and a year's immutable caching, and does the module import the helpers by
        their served name?"""
        assert "choice" in kinds() and not {"loader", "shared", "stub"} & set(kinds())
        for kind in kinds():
            names = keys(kind)
            module = self.fetch(f"{BASE}partnership-course/activities/{names['kind']}.js")
            assert module.code == 200, kind
            assert module.headers["Cache-Control"] == IMMUTABLE
            assert module.headers["Content-Type"].startswith("text/javascript")
            body = module.body.decode("utf-8")
            first, rest = body.split("\n", 1)
            assert first.endswith(f'from "./{names["shared"]}.js";'), first
            assert rest == module_source(kind).split("\n", 1)[1]
        shared = self.fetch(f"{BASE}partnership-course/activities/{names['shared']}.js")
        assert shared.code == 200 and shared.body.decode("utf-8") == shared_source()
        loader = self.fetch(f"{BASE}partnership-course/activities/{names['loader']}.js")
        assert loader.code == 200 and loader.body.decode("utf-8") == loader_module()
        assert loader.headers["Cache-Control"] == IMMUTABLE
        css = self.fetch(f"{BASE}partnership-course/activities/{names['css']}.css")
        assert css.code == 200 and css.body.decode("utf-8") == stylesheet()
        assert css.headers["Content-Type"].startswith("text/css")
        assert css.headers["Cache-Control"] == IMMUTABLE

    def test_unknown_or_old_names_are_not_found(self) -> None:
        """Does a made-up or outdated key get a 404 (the loader then asks the kernel), and is
        nothing served outside the prefix?"""
        for name in ("choice-000000000000.js", "shared.js", "..%2Fdelivery.py", "css-0.css"):
            assert self.fetch(f"{BASE}partnership-course/activities/{name}").code == 404, name
        assert self.fetch(f"/partnership-course/activities/{keys('sort')['kind']}.js").code == 404

    def test_gzipped_when_accepted_with_vary(self) -> None:
        """A Jupyter server compresses nothing itself: is every file sent gzipped to a browser
        that accepts it, decompressing to exactly the file, with `Vary: Accept-Encoding`, and
        sent as it is (still with the Vary) to one that does not?"""
        sizes = {"plain": 0, "gzip": 0}
        for name, (_, text) in http_files().items():
            url = f"{BASE}partnership-course/activities/{name}"
            packed = self.fetch(url, headers={"Accept-Encoding": "gzip"}, decompress_response=False)
            assert packed.code == 200 and packed.headers["Content-Encoding"] == "gzip", name
            assert packed.headers["Vary"] == "Accept-Encoding"
            assert gzip.decompress(packed.body) == text.encode("utf-8"), name
            assert len(packed.body) < len(text.encode("utf-8")), name
            sizes["plain"] += len(text.encode("utf-8"))
            sizes["gzip"] += len(packed.body)
            for refused in ("identity", "gzip;q=0", "br"):
                plain = self.fetch(
                    url, headers={"Accept-Encoding": refused}, decompress_response=False
                )
                assert "Content-Encoding" not in plain.headers, (name, refused)
                assert plain.headers["Vary"] == "Accept-Encoding"
                assert plain.body == text.encode("utf-8"), (name, refused)
        assert sizes["gzip"] < sizes["plain"] / 2, sizes


class RouteOnTheWorkshopServer(AsyncHTTPTestCase):
    """The workshop server's mount: its settings already gzip every response (`compressed`)."""

    def get_app(self) -> web.Application:
        return web.Application(activity_routes(), **compressed({}))

    def test_gzipped_once_not_twice(self) -> None:
        """Does the file come gzipped exactly once (one decompression gives the file), with one
        `Vary: Accept-Encoding`, and plain to a client that takes no gzip?"""
        name, (_, text) = next(iter(http_files().items()))
        url = f"/partnership-course/activities/{name}"
        packed = self.fetch(url, headers={"Accept-Encoding": "gzip"}, decompress_response=False)
        assert packed.headers["Content-Encoding"] == "gzip"
        assert packed.headers["Vary"] == "Accept-Encoding"
        assert gzip.decompress(packed.body) == text.encode("utf-8")
        plain = self.fetch(url, headers={"Accept-Encoding": ""}, decompress_response=False)
        assert "Content-Encoding" not in plain.headers and plain.body == text.encode("utf-8")


def test_accept_encoding_is_read_as_http_says() -> None:
    """Is gzip taken when listed (any case, with a weight above 0) and refused at q=0?"""
    assert accepts_gzip("gzip, deflate, br, zstd") and accepts_gzip("br;q=1.0, GZIP;q=0.5")
    assert not accepts_gzip("gzip;q=0") and not accepts_gzip("deflate, br")
    assert not accepts_gzip("") and not accepts_gzip("identity")


def test_loader_names_the_route_and_every_file_is_small_text() -> None:
    """Does every model's loader carry the route it tries first, and are the served files the
    same pieces the websocket sends (one shared module and one stylesheet for all kinds)?"""
    assert "partnership-course/activities" in loader_source("sort")
    assert "__PC_" not in loader_source("sort")
    assert "__PC_" not in loader_module().replace("__PC_SHARED_URL__", "")
    served = http_files()
    assert len(served) == len(kinds()) + 3  # each kind's module, the helpers, CSS, loader
    assert sum(name.startswith("shared-") for name in served) == 1
    assert sum(name.startswith("loader-") for name in served) == 1


def test_no_front_end_writes_html() -> None:
    """Does every front end the route serves (each kind's, the comparison panel's, the helpers)
    and the loader build its DOM with text nodes only, never by writing markup?"""
    sources = {name: text for name, (kind, text) in http_files().items() if "javascript" in kind}
    sources["loader"] = loader_source("comparison")
    assert any(name.startswith("comparison-") for name in sources)
    for name, source in sources.items():
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
            assert sink not in source, f"{name} writes HTML through {sink}"
