"""Kind name -> content model and widget class, read from the one kind table (`kinds.py`).

Kept so that callers that only need a class need not know the table's shape; the widget side is
a dotted path so that validating content never imports the widget libraries.
"""

from __future__ import annotations

from typing import Any

from .kinds import KINDS, kind

# kind -> "module:ModelClass" and "module:WidgetClass" (views of the kind table)
MODEL_PATHS: dict[str, str] = {name: k.model for name, k in KINDS.items()}
WIDGETS: dict[str, str] = {name: k.widget for name, k in KINDS.items()}


def model_class(name: str) -> Any:
    """The pydantic model for `name` (KeyError if the kind is unknown)."""
    return kind(name).model_class()


def widget_class(name: str) -> Any:
    """Import and return the widget class for `name` (imports the widget libraries on first use)."""
    return kind(name).widget_class()


__all__ = ["KINDS", "MODEL_PATHS", "WIDGETS", "model_class", "widget_class"]
