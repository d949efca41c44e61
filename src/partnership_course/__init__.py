"""family-partnership-course: an interactive course on partnering with families.

The package is imported by every notebook cell, so it stays cheap to import: heavy libraries
(ipywidgets, SQLAlchemy, pydantic, pandas) are imported inside the functions that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Course", "__version__", "start"]

if TYPE_CHECKING:
    from .course import Course


def start(module: str, **kwargs: Any) -> Course:
    """Open a module for the current learner; the first code cell of every notebook calls this.

    A translated notebook passes its language (`lang="es"`): that is the page's language for
    this kernel, so everything else the page shows (the survey, say) follows it too.
    """
    from .course import Course

    if kwargs.get("lang"):
        from .context import set_language

        set_language(kwargs["lang"])
    return Course(module, **kwargs)


def __getattr__(name: str) -> Any:
    if name == "Course":
        from .course import Course

        return Course
    raise AttributeError(name)
