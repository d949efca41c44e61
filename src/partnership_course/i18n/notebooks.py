"""Translated module notebooks, built from the English ones plus per-language text files.

`translations/<lang>/modules/<module>/<notebook stem>.yaml` maps markdown cell ids to translated
markdown (`cells: {cell-id: "..."}`). The translated notebook is the English one with those
cells replaced and the module started in that language, so code cells, cell ids and activity
ids stay identical: a learner's answers are the same answers in every language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content.errors import Problem
from ..content.paths import modules_dir, translations_dir
from ..content.yamlsrc import read_yaml
from ..notebooks import START, module_notebooks


def text_file(notebook: Path, lang: str) -> Path:
    """Where the `lang` text of a module notebook lives."""
    return translations_dir() / lang / "modules" / notebook.parent.name / f"{notebook.stem}.yaml"


def _cells(path: Path) -> tuple[dict[str, str], Any]:
    located = read_yaml(path)
    data = located.data if isinstance(located.data, dict) else {}
    cells = data.get("cells") or {}
    return {str(k): str(v) for k, v in cells.items()}, located


def translate_notebook(notebook: Path, lang: str) -> Any:
    """The notebook in `lang` (English text kept where a cell has no translation yet)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    path = text_file(notebook, lang)
    cells, _ = _cells(path) if path.is_file() else ({}, None)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.get("id") in cells:
            cell.source = cells[cell.id].rstrip("\n")
        elif cell.cell_type == "code":
            cell.source = START.sub(lambda m: f'start("{m.group(2)}", lang="{lang}")', cell.source)
    nb.metadata["language"] = lang
    return nb


def build_translated(out_dir: Path, lang: str, modules: Path | None = None) -> list[Path]:
    """Write every module notebook in `lang` under `out_dir/<module>/`; return the paths."""
    import nbformat

    written = []
    for notebook in module_notebooks(modules or modules_dir()):
        target = out_dir / notebook.parent.name / notebook.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(translate_notebook(notebook, lang), target)
        written.append(target)
    return written


def missing_notebook_text(lang: str, modules: Path | None = None) -> list[Problem]:
    """Markdown cells with no `lang` text, text for cells that no longer exist, missing files,
    and glossary terms used inconsistently."""
    import nbformat

    from .glossary import check_pair, load_terms

    terms = load_terms(lang)
    problems: list[Problem] = []
    for notebook in module_notebooks(modules or modules_dir()):
        path = text_file(notebook, lang)
        if not path.is_file():
            problems.append(Problem(notebook, 1, "", f"no {lang} text at {path}"))
            continue
        cells, located = _cells(path)
        english = {
            c.id: c.source
            for c in nbformat.read(notebook, as_version=4).cells
            if c.cell_type == "markdown"
        }
        for cell_id, source in english.items():
            field = f"cells.{cell_id}"
            line = located.line_of(("cells", cell_id))
            if cells.get(cell_id, "").strip():
                problems += check_pair(terms, source, cells[cell_id], path, line, field)
            else:
                problems.append(Problem(path, line, field, f"no {lang} text for this cell"))
        for cell_id in cells:
            if cell_id not in english:
                line = located.line_of(("cells", cell_id))
                message = f"{notebook.name} has no markdown cell with this id"
                problems.append(Problem(path, line, f"cells.{cell_id}", message))
    return problems
