"""The folder Voila serves: every module as it is, plus each translation beside it.

`/voila/render/01-dual-capacity/01-why-partnership.ipynb` is the English page and
`/voila/render/es/01-dual-capacity/01-why-partnership.ipynb` the Spanish one, built at start
from the English notebook and `translations/es/` (see `i18n/notebooks.py`). Both run the same
code cells, so a participant's answers are the same answers in either language. The folder is a
fresh temporary copy per server, so several servers (or a test run) never share or race on it.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from ..content.paths import modules_dir
from ..i18n import DEFAULT, SUPPORTED
from ..i18n.notebooks import build_translated

LANGUAGES = tuple(x for x in SUPPORTED if x != DEFAULT)


def build_site(target: Path | None = None) -> Path:
    """Copy the modules and write every translation; return the folder to serve."""
    root = target or Path(tempfile.mkdtemp(prefix="partnership-site-"))
    if target is None:
        atexit.register(shutil.rmtree, root, True)
    modules = modules_dir()
    for module in sorted(p for p in modules.iterdir() if p.is_dir()):
        shutil.copytree(
            module,
            root / module.name,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
        )
    for lang in LANGUAGES:
        build_translated(root / lang, lang, modules)
    return root


def split_language(path: str) -> tuple[str, str]:
    """`es/01-x/nb.ipynb` -> ("es", "01-x/nb.ipynb"); an English path -> ("en", path)."""
    head, _, rest = path.partition("/")
    if head in LANGUAGES and rest:
        return head, rest
    return DEFAULT, path


def path_in(lang: str, page: str) -> str:
    """The served path of an English page in `lang`."""
    return page if lang == DEFAULT else f"{lang}/{page}"
