"""The folder Voila serves: every module as it is, plus each translation beside it.

`/voila/render/01-dual-capacity/01-why-partnership.ipynb` is the English page and
`/voila/render/es/01-dual-capacity/01-why-partnership.ipynb` the Spanish one, built at start
from the English notebook and `translations/es/` (see `i18n/notebooks.py`). Both run the same
code cells, so a participant's answers are the same answers in either language. The folder is a
fresh temporary copy per server, so several servers (or a test run) never share or race on it.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..content.paths import modules_dir
from ..i18n import DEFAULT, N_, gettext, language_name, supported_languages
from ..i18n.notebooks import START, build_translated

# the page's navigation bar (index.html.j2), translated from interface.po into each page
NAVIGATION = {
    "label": N_("Course"),
    "home": N_("All course pages"),
    "download": N_("Download my answers (CSV)"),
}
METADATA_KEY = "partnership_course"
# the served page's last cell: the only one that needs the participant (see `preheat.py`)
READY_CELL_ID = "pc-learner-ready"
READY_SOURCE = "course.ready()"
STARTED = re.compile(r"^course\s*=\s*start\(", re.MULTILINE)


def translations() -> tuple[str, ...]:
    """The languages served beside English: every translation folder (see `i18n`)."""
    return tuple(x for x in supported_languages() if x != DEFAULT)


def page_metadata(lang: str) -> dict[str, object]:
    """What the Voila template shows around a page in `lang`: the navigation bar's words and
    one language-switch link per other language, each named in its own language."""
    return {
        "lang": lang,
        "nav": {key: gettext(text, lang) for key, text in NAVIGATION.items()},
        "switch": [
            {"lang": other, "name": language_name(other)}
            for other in supported_languages()
            if other != lang
        ],
    }


def _serve_early(nb: Any, lang: str) -> None:
    """Let a preheated kernel run the whole page before its participant arrives: the page names
    its language (the server sends each language to its own copy, so the copy decides; before,
    asking the language meant waiting for the request) and ends with `course.ready()`, which
    learns the participant and shows their saved answers (`Course.ready`)."""
    import nbformat

    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    for cell in code:
        cell.source = START.sub(lambda m: f'start("{m.group(2)}", lang="{lang}")', cell.source)
    if any(STARTED.search(cell.source) for cell in code):
        nb.cells.append(nbformat.v4.new_code_cell(READY_SOURCE, id=READY_CELL_ID))


def _mark_pages(folder: Path, lang: str) -> None:
    """Write `page_metadata(lang)` into every notebook under `folder` and let it run before
    its participant arrives (`_serve_early`); the served copy only."""
    import nbformat

    for path in sorted(folder.rglob("*.ipynb")):
        if is_hidden(path.relative_to(folder).as_posix()):
            continue
        nb = nbformat.read(path, as_version=4)
        nb.metadata[METADATA_KEY] = page_metadata(lang)
        _serve_early(nb, lang)
        nbformat.write(nb, path)


def build_site(target: Path | None = None) -> Path:
    """Copy the modules and write every translation; return the folder to serve."""
    root = target or Path(tempfile.mkdtemp(prefix="partnership-site-"))
    if target is None:
        atexit.register(shutil.rmtree, root, True)
    modules = modules_dir()
    for module in sorted(p for p in modules.iterdir() if p.is_dir() and not is_hidden(p.name)):
        shutil.copytree(
            module,
            root / module.name,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(".*", "__pycache__"),  # `.ipynb_checkpoints` among them
        )
        _mark_pages(root / module.name, DEFAULT)
    for lang in translations():
        build_translated(root / lang, lang, modules)
        _mark_pages(root / lang, lang)
    return root


def is_hidden(path: str) -> bool:
    """A served path with a hidden part (`01-x/.ipynb_checkpoints/...`, `.drafts/...`): never a
    course page, so never copied, warmed or served (see `notebooks.module_notebooks`)."""
    return any(part.startswith(".") for part in path.split("/"))


def split_language(path: str) -> tuple[str, str]:
    """`es/01-x/nb.ipynb` -> ("es", "01-x/nb.ipynb"); an English path -> ("en", path)."""
    head, _, rest = path.partition("/")
    if head in translations() and rest:
        return head, rest
    return DEFAULT, path


def path_in(lang: str, page: str) -> str:
    """The served path of an English page in `lang`."""
    return page if lang == DEFAULT else f"{lang}/{page}"
