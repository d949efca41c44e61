"""The route that serves the activities' code as files a browser caches (`delivery.ROUTE`).

Why a route of its own: a page's kind modules, shared helpers and CSS (~60-90 kB) crossed the
kernel websocket on every page load; as files named by their content hash they are fetched once
per browser and then come from its cache (`delivery.IMMUTABLE`). The same handler is mounted by
the workshop server (`workshop/app.py`, whose `compress_response` setting gzips it like every
other response there) and by the Jupyter server extension (`lab_server.py`: JupyterLab,
Notebook 7, the hub under `/user/<name>/`). It is a plain Tornado handler without login, as
Jupyter's and Voila's own static files are: the code is the package's, the same for everyone,
and holds no answer or learner data.
"""

from __future__ import annotations

from jupyter_server.utils import url_path_join
from tornado import web

from .delivery import IMMUTABLE, ROUTE, http_files


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
        self.finish(text.encode("utf-8"))


def activity_routes(base_url: str = "/") -> list[tuple[str, type[web.RequestHandler]]]:
    """The route under a server's base URL."""
    return [(url_path_join(base_url, ROUTE, r"([A-Za-z0-9_-]+\.(?:js|css))"), ActivityFileHandler)]
