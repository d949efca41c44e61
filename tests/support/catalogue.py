"""Writing a small interface catalogue (`interface.po`) for tests, in one place."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def po_string(text: str) -> str:
    """`text` as a quoted .po string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_catalogue(root: Path, entries: Mapping[str, str], lang: str = "es") -> Path:
    """`root/<lang>/interface.po` holding `entries`; returns `root` (for
    PARTNERSHIP_COURSE_TRANSLATIONS)."""
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for english, translated in entries.items():
        lines += [f"msgid {po_string(english)}", f"msgstr {po_string(translated)}", ""]
    path = root / lang / "interface.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return root
