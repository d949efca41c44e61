"""How the activities' front-end code reaches a page: once per page, never once per activity.

Why: a kind's ES module with the shared helpers is ~10-15 kB and the CSS ~9 kB. Carried in every
model's `_esm`/`_css` they made a page of 20 activities ~370 kB of comm messages, and every model
imported its own copy of its module. Now every model carries only a small stub
(`static/stub.js`, comments and indentation stripped, about 1 kB) naming two of four pieces by
key (its kind's module and the loader, which names the other two); the first
activity that needs a piece gets it, and every later activity on the page reuses it:

- the loader (`static/loader.js`), one module for every kind, which gets the other three;
- the shared helpers (`static/shared.js`) as their own module, which each kind's module imports
  (the loader puts the shared module's blob URL into the kind's `import`);
- each kind's module (`static/<kind>.js`);
- the CSS: the course palette (`templates/styles/tokens.css`) and `static/activity.css`.

Keys carry a hash of the code, so two kernels on one JupyterLab page share a piece only when it
is the same code, and a new version of the package never reuses an old copy.

Where the server has the course's route (`<base_url>partnership-course/activities/<key>.js|css`:
the workshop server, and every Jupyter server with `lab_server`, so JupyterLab, Notebook 7 and
the hub), the pieces come from there as ordinary files the browser caches for a year (the key's
hash is in the name, so a new version is a new address); a repeat page sends none of them. The
stub finds the base URL in the page's `#jupyter-config-data`. Where there is no such route or
page config (a server without the extension), or a fetch fails, the pieces cross the kernel's
own websocket (`{"event": "module", "key": ...}`, answered by `reply`). A page with neither a
route nor a kernel (a static HTML export) shows each activity's title and the `live_only`
sentence of its labels at once. Nothing comes from a CDN.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib.resources import files

from ..i18n import N_

ROUTE = "partnership-course/activities"  # under the server's base URL
IMMUTABLE = "public, max-age=31536000, immutable"  # a key names one content for ever
# what a page with neither kernel nor route (an HTML export) shows under each activity's title
LIVE_ONLY = N_(
    "This activity works only on the live course page; this saved copy cannot show or save answers."
)
NOT_KINDS = ("stub.js", "loader.js", "shared.js")
SHARED_IMPORT = "__PC_SHARED_URL__"  # the loader replaces it with the shared module's blob URL
TOP_LEVEL = re.compile(
    r"^(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)", re.M
)


@cache
def _asset(name: str) -> str:
    if name == "tokens.css":
        return (files("partnership_course") / "templates" / "styles" / name).read_text("utf-8")
    return (files("partnership_course.activities") / "static" / name).read_text("utf-8")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@cache
def shared_names() -> tuple[str, ...]:
    """Every top-level name of shared.js: what a kind's module imports from it."""
    return tuple(TOP_LEVEL.findall(_asset("shared.js")))


@cache
def shared_source() -> str:
    """The shared helpers as a module exporting every top-level name."""
    return f"{_asset('shared.js')}\nexport {{ {', '.join(shared_names())} }};\n"


def module_source(kind: str) -> str:
    """A kind's ES module: its own code, importing the shared helpers."""
    names = ", ".join(shared_names())
    return f'import {{ {names} }} from "{SHARED_IMPORT}";\n{_asset(f"{kind}.js")}'


def stylesheet() -> str:
    """The activities' CSS: the course palette (written once, in templates/styles) and ours."""
    return _asset("tokens.css") + "\n" + _asset("activity.css")


@cache
def _shared_keys() -> tuple[str, str]:
    return f"shared-{_digest(shared_source())}", f"css-{_digest(stylesheet())}"


@cache
def loader_module() -> str:
    """The page-wide loader, with the helpers' and the CSS's keys (the same for every kind)."""
    shared, css = _shared_keys()
    return _asset("loader.js").replace("__PC_SHARED_KEY__", shared).replace("__PC_CSS_KEY__", css)


@cache
def keys(kind: str) -> dict[str, str]:
    """A kind's four pieces by key: its module, the shared module, the CSS and the loader."""
    shared, css = _shared_keys()
    return {
        "kind": f"{kind}-{_digest(shared + module_source(kind))}",
        "shared": shared,
        "css": css,
        "loader": f"loader-{_digest(loader_module())}",
    }


def reply(kind: str, key: str) -> dict[str, str] | None:
    """The kernel's answer to a stub or loader asking for `key`: one of its kind's pieces."""
    names = keys(kind)
    if key == names["loader"]:
        return {"module": key, "source": loader_module()}
    if key == names["kind"]:
        return {"module": key, "source": module_source(kind)}
    if key == names["shared"]:
        return {"module": key, "source": shared_source()}
    if key == names["css"]:
        return {"module": key, "css": stylesheet()}
    return None


@cache
def loader_source(kind: str) -> str:
    """The `_esm` every activity model of `kind` carries: the stub naming its kind's module and
    the loader."""
    code = "\n".join(
        line.strip()
        for line in _asset("stub.js").splitlines()
        if line.strip() and not line.strip().startswith("//")
    )
    names = keys(kind)
    return (
        code.replace("__PC_KIND_KEY__", names["kind"])
        .replace("__PC_LOADER_KEY__", names["loader"])
        .replace("__PC_ROUTE__", ROUTE)
    )


def kinds() -> tuple[str, ...]:
    """Every kind with a front end: each `static/<kind>.js` but the stub, loader and helpers."""
    folder = files("partnership_course.activities") / "static"
    names = (entry.name for entry in folder.iterdir())
    return tuple(sorted(n[:-3] for n in names if n.endswith(".js") and n not in NOT_KINDS))


@cache
def http_files() -> dict[str, tuple[str, str]]:
    """What the route serves, by file name: (content type, text). A kind's module served over
    HTTP imports the shared module by its relative file name, which the browser caches too."""
    served: dict[str, tuple[str, str]] = {}
    for kind in kinds():
        names = keys(kind)
        source = module_source(kind).replace(SHARED_IMPORT, f"./{names['shared']}.js", 1)
        served[f"{names['kind']}.js"] = ("text/javascript; charset=utf-8", source)
        served[f"{names['shared']}.js"] = ("text/javascript; charset=utf-8", shared_source())
        served[f"{names['css']}.css"] = ("text/css; charset=utf-8", stylesheet())
        served[f"{names['loader']}.js"] = ("text/javascript; charset=utf-8", loader_module())
    return served
