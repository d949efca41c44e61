"""The course's own pages inside JupyterLab's server: a start page, the syllabus, "My toolkit".

`partnership-course lab` enables this Jupyter server extension and opens the browser at
`<base_url>partnership-course/`, so a teacher working alone meets the course the way
`partnership-course serve` shows it: every module page (here a link that opens the notebook in
JupyterLab) and the family toolkit, whose form and ZIP are the workshop's own
(`documents.toolkit.download`). The pages are Jupyter handlers, so the server's login (token or
the hub's) guards them like any notebook, and every link carries the server's base URL.

Enable it in any Jupyter server with
`--ServerApp.jpserver_extensions=partnership_course.lab_server=True`.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from .documents.toolkit.download import form_page, send_toolkit
from .i18n import choose_language, gettext, supported_languages
from .rendering import render

PREFIX = "partnership-course"


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "partnership_course.lab_server"}]


class CoursePage(JupyterHandler):
    """Base: the page's language and the links, under the server's base URL."""

    auth_resource = "contents"  # the course's pages show the learner's own work

    def lang(self) -> str:
        """`?lang=`, else the language `partnership-course lab` was started in, else English."""
        return choose_language(
            self.get_argument("lang", None), os.environ.get("PARTNERSHIP_COURSE_LANG")
        )

    def url(self, *parts: str, lang: str | None = None) -> str:
        path = url_path_join(self.base_url, *parts)
        return f"{path}?{urlencode({'lang': lang})}" if lang else path

    def switch(self, page: str) -> dict[str, str]:
        """This page in each other language."""
        return {
            other: self.url(PREFIX, page, lang=other)
            for other in supported_languages()
            if other != self.lang()
        }


class StartHandler(CoursePage):
    """`partnership-course/`: every module's pages, opened in JupyterLab, and My toolkit."""

    @web.authenticated
    @authorized
    def get(self) -> None:
        from .content.paths import modules_dir
        from .workshop.outline import outline
        from .workshop.report import page_titles

        lang = self.lang()
        root = Path(self.settings["server_root_dir"]).expanduser().resolve()
        modules = outline(root)
        # English notebooks: titles from their translation; a translated copy has its own
        titles = page_titles(modules, lang) if root == modules_dir().resolve() else {}
        self.finish(
            render(
                "lab/start.html.j2",
                lang,
                title=gettext("Course pages", lang),
                switch=self.switch(""),
                modules=modules,
                titles=titles,
                lab_href=lambda path: self.url("lab", "tree", quote(path)),
                lab=self.url("lab"),
                toolkit=self.url(PREFIX, "toolkit", lang=lang),
                syllabus=self.url(PREFIX, "syllabus", lang=lang),
            )
        )


class SyllabusHandler(CoursePage):
    """`partnership-course/syllabus`: the course syllabus (`documents.syllabus`)."""

    @web.authenticated
    @authorized
    def get(self) -> None:
        from .documents.syllabus import syllabus_html

        lang = self.lang()
        self.finish(
            syllabus_html(
                lang, back=self.url(PREFIX, "", lang=lang), switch=self.switch("syllabus")
            )
        )


class ToolkitHandler(CoursePage):
    """`partnership-course/toolkit`: the form; `partnership-course/toolkit.zip`: the set."""

    @web.authenticated
    @authorized
    async def get(self, download: str | None = None) -> None:
        from .context import current_learner
        from .store.responses import open_store

        lang = self.lang()
        self.set_header("Cache-Control", "no-store")
        form = partial(
            form_page,
            lang,
            action=self.url(PREFIX, "toolkit.zip"),
            back=self.url(PREFIX, "", lang=lang),
            hidden={"lang": lang},
            switch=self.switch("toolkit"),
        )
        if not download:
            self.finish(form())
            return
        await send_toolkit(self, lang, current_learner(), open_store(), form)


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from .activities.served import activity_routes

    base = serverapp.web_app.settings["base_url"]
    serverapp.web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, PREFIX, "/?"), StartHandler),
            (url_path_join(base, PREFIX, r"toolkit(\.zip)?"), ToolkitHandler),
            (url_path_join(base, PREFIX, "syllabus"), SyllabusHandler),
            *activity_routes(base),  # the activities' code, cached by the browser
        ],
    )
