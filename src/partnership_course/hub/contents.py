"""A contents manager that serves the course notebooks and never writes to them.

On a hub every user server opens the same course folder, so one teacher's "Save" would put
their outputs (and their kernel's state) into everybody's notebook. Answers never need the
notebook file: they are in the response store the moment they are made. So the course folder
is read-only for the server: files are listed and opened as not writable, and saving,
renaming, deleting or creating files there is refused with a plain message.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from tornado import web

READ_ONLY = (
    "The course notebooks are read-only: your answers are saved in the course store as you "
    "make them, so there is nothing to save here."
)


class CourseContentsManager(AsyncLargeFileManager):
    """`AsyncLargeFileManager` over the course folder, with every write refused."""

    async def get(self, path: str, **kwargs: Any) -> dict[str, Any]:
        model = await super().get(path, **kwargs)
        model["writable"] = False
        if model.get("type") == "directory":
            for child in model.get("content") or []:
                child["writable"] = False
        return model

    async def save(self, model: dict[str, Any], path: str = "") -> dict[str, Any]:
        raise web.HTTPError(403, READ_ONLY)

    async def delete_file(self, path: str) -> None:
        raise web.HTTPError(403, READ_ONLY)

    async def rename_file(self, old_path: str, new_path: str) -> None:
        raise web.HTTPError(403, READ_ONLY)

    async def create_checkpoint(self, path: str) -> dict[str, Any]:
        raise web.HTTPError(403, READ_ONLY)
