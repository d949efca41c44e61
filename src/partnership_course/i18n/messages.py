"""Interface strings: find every one in the code, and keep each language's catalogue complete.

Strings are marked by calling `t("...")`, `gettext("...")` or `_("...")` with a literal, or
`N_("...")` where the string is looked up later (a table of labels); in templates (`templates/`,
see `rendering.py`) by `t("...")`. `update_catalogue` adds
new ones to `translations/<lang>/interface.po`, keeping every existing translation, so a
translator only ever fills in blanks.
"""

from __future__ import annotations

import ast
from pathlib import Path

from ..content.errors import Problem
from . import catalogue, catalogue_path

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS = {"t", "gettext", "_", "N_"}
TEMPLATE_SUFFIX = ".j2"


def _marked(tree: ast.AST) -> list[tuple[str, int]]:
    """(string, line) for every `t("...")`, `gettext("...")`, `_("...")` or `N_("...")` call.

    An AST walk, not a tokenizer: on Python 3.11 Babel's extractor cannot see calls inside
    f-strings, and several widgets build HTML with f-strings.
    """
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0]
        if name in KEYWORDS and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append((first.value, node.lineno))
    return found


def _marked_in_template(source: str) -> list[tuple[str, int]]:
    """(string, line) for every `t("...")` in a Jinja2 template, read by Jinja2's own parser."""
    from jinja2 import Environment

    found = []
    for line, _function, message in Environment(
        extensions=["jinja2.ext.i18n"]
    ).extract_translations(source, gettext_functions=("t",)):
        # `t("... {name} ...", name=x)` comes back as ("...", None): the msgid is the first
        first = message[0] if isinstance(message, tuple) and message else message
        if isinstance(first, str):
            found.append((first, line))
    return found


def extract_messages(package: Path = PACKAGE) -> dict[str, tuple[str, int]]:
    """msgid -> (file, line) of its first use, for every marked string in the package's Python
    files and templates."""
    found: dict[str, tuple[str, int]] = {}
    files = [*package.rglob("*.py"), *package.rglob(f"*{TEMPLATE_SUFFIX}")]
    for path in sorted(files):
        source = path.read_text(encoding="utf-8")
        if path.suffix == TEMPLATE_SUFFIX:
            if "jupyter" in path.relative_to(package).parts:
                continue  # Voila's own templates, rendered by Voila (see workshop/site.py)
            marked = _marked_in_template(source)
        else:
            marked = _marked(ast.parse(source, filename=str(path)))
        where = path.relative_to(package).as_posix()
        for text, line in marked:
            if text and text not in found:
                found[text] = (where, line)
    return found


def missing_messages(lang: str) -> list[Problem]:
    """One problem per interface string with no translation in `lang`."""
    translated = catalogue(lang)
    path = catalogue_path(lang)
    return [
        Problem(path, 1, f"msgid {msgid!r}", f"no {lang} translation (used in {where}:{line})")
        for msgid, (where, line) in sorted(extract_messages().items())
        if msgid not in translated
    ]


def update_catalogue(lang: str) -> tuple[int, int]:
    """Add new msgids to the catalogue (existing translations kept); (added, total)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    path = catalogue_path(lang)
    if path.is_file():
        with path.open("rb") as handle:
            current = read_po(handle, locale=lang)
    else:
        current = Catalog(locale=lang, project="family-partnership-course")
    added = 0
    for msgid, (where, line) in sorted(extract_messages().items()):
        if msgid not in current:
            current.add(msgid, "", locations=[(where, line)])
            added += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, current, width=100, omit_header=False, sort_output=True)
    catalogue.cache_clear()
    return added, len(current)
