"""Voila's static files compressed and, where their names are versioned, cached for a year.

Measured before this (issue 13): a first page moved 5.2 MB in 105 files, uncompressed, and every
later page revalidated all of them. For 200 laptops on one school Wi-Fi that is over 1 GB in the
first minutes, so:

- every text response is gzip-compressed (Tornado's `compress_response`);
- the JupyterLab extension files carry a webpack content hash in their names
  (`remoteEntry.5cbb9d23….js`, anywidget's eight-digit `remoteEntry.7e3ac003.js`), so they are
  served `immutable` for a year (issue 15: anywidget's entry, revalidated on every visit with a
  304, took 480-580 ms of a warm page while the server was busy starting it);
- Voila's own bundle (`voila.js` and its numbered chunks) has no hash in its names, so the page
  loads it from `/voila/static/v-<digest>/`, where the digest is of the files' contents: a new
  Voila gives a new address, and the old one can be cached for a year too. The loader finds its
  chunks through the page config's `fullStaticUrl`, which a page-config hook points there.

The same hook leaves out of the page the federated extensions a course page never uses
(`UNUSED_ON_PAGES`): each is a remote entry plus chunks the page fetches, parses and runs before
it opens its kernel. What a page needs is Voila's own widget manager (`widgets-manager8`, which
bundles `@jupyter-widgets/base` and the JupyterLab manager it extends) and anywidget.

And it says which front end the page runs (`pcPageFrontend`, read by the course's template):
`lean`, the course's own small module (`templates/partnership/static/pagefront.js`), or
`voila`, Voila's bundle. `partnership-course serve --page-frontend` sets it (through
`PAGE_FRONTEND_ENV`, since the Voila app and its hook are made in the same process).
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jupyter_server.base.handlers import FileFindHandler
from voila.static_file_handler import MultiStaticFileHandler

IMMUTABLE = "public, max-age=31536000, immutable"
# webpack's [contenthash] in a name: 16 or 20 hex digits (jupyterlab), 8 (anywidget's build)
HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.(?:js|css)$")
# federated extensions a course page does not use: jupyterlab-manager's remote entry brings the
# stock controls (no page has one: every activity is an anywidget) and about a dozen chunks;
# widgets-manager8 bundles what it needs of it. Pygments styles highlighted code, and the
# participants' pages strip every code cell.
PAGE_FRONTEND_ENV = "PARTNERSHIP_COURSE_PAGE_FRONTEND"
PAGE_FRONTENDS = ("lean", "voila")
DEFAULT_PAGE_FRONTEND = "lean"  # the workshop browser tests pass on it (design.md, Voila)
UNUSED_ON_PAGES = frozenset({"@jupyter-widgets/jupyterlab-manager", "jupyterlab_pygments"})


@lru_cache(maxsize=4)
def digest(paths: tuple[str, ...]) -> str:
    """A short hash of every file under `paths` (names and contents), read once per server."""
    sha = hashlib.sha256()
    for root in paths:
        base = Path(root)
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            sha.update(path.relative_to(base).as_posix().encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


def static_prefix(base_url: str, paths: tuple[str, ...]) -> str:
    """Where pages load Voila's bundle from: `<base>voila/static/v-<digest>`."""
    return f"{base_url.rstrip('/')}/voila/static/v-{digest(paths)}"


class VersionedStaticHandler(MultiStaticFileHandler):
    """Voila's static files under a content-versioned address: never revalidated."""

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", IMMUTABLE)


class LabextensionsHandler(FileFindHandler):
    """JupyterLab extension files: immutable when their name holds a content hash, else
    revalidated (`no-cache`, with 304 replies) as Voila does for all of them."""

    def set_headers(self) -> None:
        super().set_headers()
        if HASHED_NAME.search(self.request.path):
            self.set_header("Cache-Control", IMMUTABLE)


def versioned_routes(handlers: list[tuple[Any, ...]], static_paths: list[str]) -> list:
    """Voila's route list with the versioned static route added and the extensions' handler
    swapped for the caching one."""
    paths = tuple(static_paths)
    result: list[tuple[Any, ...]] = []
    for entry in handlers:
        pattern, handler = str(entry[0]), entry[1]
        if handler is MultiStaticFileHandler and pattern.endswith("/voila/static/(.*)"):
            versioned = pattern.replace("/voila/static/", f"/voila/static/v-{digest(paths)}/")
            result.append((versioned, VersionedStaticHandler, *entry[2:]))
        elif handler is FileFindHandler and pattern.endswith("/voila/labextensions/(.*)"):
            entry = (entry[0], LabextensionsHandler, *entry[2:])
        result.append(entry)
    return result


def page_frontend(environ: dict[str, str] | None = None) -> str:
    """The front end course pages run: `lean` or `voila` (a clear error for anything else)."""
    value = (os.environ if environ is None else environ).get(PAGE_FRONTEND_ENV, "")
    value = value.strip().lower() or DEFAULT_PAGE_FRONTEND
    if value not in PAGE_FRONTENDS:
        raise ValueError(f"{PAGE_FRONTEND_ENV}={value!r}: use one of {', '.join(PAGE_FRONTENDS)}")
    return value


def page_config_hook(static_paths: list[str], frontend: str | None = None) -> Any:
    """A Voila page-config hook pointing the page's bundle at the versioned address, leaving
    out the federated extensions no course page uses and naming the page's front end."""
    paths = tuple(static_paths)
    chosen = frontend or page_frontend()

    def hook(page_config: dict[str, Any], base_url: str, **_: Any) -> dict[str, Any]:
        page_config["fullStaticUrl"] = static_prefix(base_url, paths)
        page_config["pcPageFrontend"] = chosen
        page_config["federated_extensions"] = [
            extension
            for extension in page_config.get("federated_extensions", [])
            if extension.get("name") not in UNUSED_ON_PAGES
        ]
        return page_config

    return hook


def compressed(settings: dict[str, Any]) -> dict[str, Any]:
    """Tornado settings with gzip for every compressible response."""
    return {**settings, "compress_response": True}
