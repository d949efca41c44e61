"""The route that serves the activities' code as files a browser caches (`delivery.ROUTE`).

Why a route of its own: a page's kind modules, shared helpers and CSS (~60-90 kB) crossed the
kernel websocket on every page load; as files named by their content hash they are fetched once
per browser and then come from its cache (`delivery.IMMUTABLE`). The same handler is mounted by
the workshop server (`workshop/app.py`, whose `compress_response` setting gzips it like every
other response there) and by the Jupyter server extension (`lab_server.py`: JupyterLab,
Notebook 7, the hub under `/user/<name>/`). It is a plain Tornado handler without login, as
Jupyter's and Voila's own static files are: the code is the package's, the same for everyone,
and holds no answer or learner data.

Gzip: a Jupyter server compresses nothing (no `compress_response`), and the hub serves a whole
district's staff through this route, so the handler sends each file gzipped itself when the
request accepts it, with `Vary: Accept-Encoding`. The files never change while the package is
installed, so each is compressed once per process (level 9, no timestamp: the same bytes from
every server), not per request. On the workshop server Tornado's own gzip transform sees the
`Content-Encoding` and passes the bytes through (it never compresses twice) and adds the `Vary`
itself, so the handler adds it only where no such transform runs.
"""

from __future__ import annotations

import gzip
from functools import cache

from jupyter_server.utils import url_path_join
from tornado import web

from .delivery import IMMUTABLE, ROUTE, http_files


@cache
def gzipped(name: str) -> bytes:
    """A served file's bytes gzipped, once per process (`name` is a key of `http_files`)."""
    return gzip.compress(http_files()[name][1].encode("utf-8"), compresslevel=9, mtime=0)


def accepts_gzip(header: str) -> bool:
    """Whether an `Accept-Encoding` header takes gzip (`gzip;q=0` refuses it)."""
    for part in header.split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "x-gzip"):
            quality = params.strip().lower().removeprefix("q=")
            try:
                return not params.strip() or float(quality) > 0
            except ValueError:
                return True
    return False


class ActivityFileHandler(web.RequestHandler):
    """`<base>partnership-course/activities/<key>.js|css`: one piece, cached for a year."""

    def get(self, name: str) -> None:
        found = http_files().get(name)
        if found is None:
            raise web.HTTPError(404)  # an old key or a made-up one: the loader falls back
        content_type, text = found
        self.set_header("Content-Type", content_type)
        self.set_header("Cache-Control", IMMUTABLE)
        self.set_header("X-Content-Type-Options", "nosniff")
        if not any(t is web.GZipContentEncoding for t in self.application.transforms):
            self.set_header("Vary", "Accept-Encoding")  # else the transform adds it
        if accepts_gzip(self.request.headers.get("Accept-Encoding", "")):
            self.set_header("Content-Encoding", "gzip")
            self.finish(gzipped(name))
        else:
            self.finish(text.encode("utf-8"))


def activity_routes(base_url: str = "/") -> list[tuple[str, type[web.RequestHandler]]]:
    """The route under a server's base URL."""
    return [(url_path_join(base_url, ROUTE, r"([A-Za-z0-9_-]+\.(?:js|css))"), ActivityFileHandler)]
