"""The one response store every view reads: notebooks, grader, facilitator view, certificates."""

from .responses import Response, ResponseStore, default_url, open_store

__all__ = ["Response", "ResponseStore", "default_url", "open_store"]
