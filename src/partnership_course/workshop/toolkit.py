"""The workshop's "My toolkit" page: a participant fills in their own details once and downloads
the family toolkit (documents.toolkit) filled in with them and with their planner answers.

The details typed here are sent with the download request and used for that one file; they are
not stored, because the toolkit needs nothing that the participant does not choose to print.
Documents are made off the event loop, one set at a time, so a room downloading its toolkits
at the end of a workshop never stalls the other participants' pages.
"""

from __future__ import annotations

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from tornado.ioloop import IOLoop

from ..documents.toolkit import DOCUMENTS, PAPERS, write_toolkit
from ..documents.toolkit.sources import Teacher, gather
from ..i18n import gettext, supported_languages
from ..rendering import render
from .app import WorkshopHandler, lang_of, workshop_code
from .pages import query

FIELDS = ("name", "role", "school", "phone", "email", "times", "ways")
_one_at_a_time = ThreadPoolExecutor(max_workers=1, thread_name_prefix="toolkit")


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"my-toolkit/{path.name}")
    return buffer.getvalue()


def toolkit_zip(
    teacher: Teacher,
    learner: str,
    store: Any,
    lang: str,
    chosen: dict[str, str],
    paper: str,
    only: list[str] | None = None,
) -> bytes:
    """Every toolkit document (or `only` some) for `learner`, as one ZIP file: PDF, Word and
    the vCard."""
    data = gather(teacher, learner, store)
    with TemporaryDirectory(prefix="toolkit-") as folder:
        write_toolkit(Path(folder), data, chosen, lang, paper, only)
        return _zip(Path(folder))


class ToolkitHandler(WorkshopHandler):
    """`/workshop/toolkit`: the form; `/workshop/toolkit.zip`: the filled-in set."""

    def _learner(self) -> tuple[str, str] | None:
        """(learner id, the name to suggest), or None after refusing a bad participant link."""
        if workshop_code() is not None:
            participant = self.participant()
            if participant is None:
                self.refuse()
                return None
            return participant.learner, participant.display_name
        from ..context import current_learner

        learner = current_learner()
        return learner, ""

    async def get(self, download: str | None = None) -> None:
        lang = lang_of(self)
        who = self._learner()
        if who is None:
            return
        learner, suggested = who
        token = self.get_argument("p", None)
        if not download:
            self.finish(
                render(
                    "workshop/toolkit.html.j2",
                    lang,
                    title=gettext("My family toolkit", lang),
                    switch={},
                    documents=DOCUMENTS,
                    language_codes=supported_languages(),
                    papers=PAPERS,
                    fields=FIELDS,
                    suggested=suggested,
                    token=token,
                    back="/" + query(token, self.get_argument("lang", None)),
                )
            )
            return
        known = supported_languages()
        doc_lang = self.get_argument("doc_lang", lang)
        chosen = {d.id: self.get_argument(f"lang_{d.id}", "") or doc_lang for d in DOCUMENTS}
        paper = self.get_argument("paper", "letter")
        only = self.get_arguments("only")  # a few documents instead of the whole set
        if (
            doc_lang not in known
            or paper not in PAPERS
            or set(chosen.values()) - set(known)
            or set(only) - {d.id for d in DOCUMENTS}
        ):
            self.set_status(400)
            self.finish(gettext("Choose a language and a paper size from the lists.", lang))
            return
        try:
            teacher = Teacher(**{f: self.get_argument(f, "").strip() for f in FIELDS})
        except ValueError:
            self.set_status(400)
            self.finish(gettext("Each detail can be at most 200 characters long.", lang))
            return
        body = await IOLoop.current().run_in_executor(
            _one_at_a_time,
            toolkit_zip,
            teacher,
            learner,
            self.store.responses,
            doc_lang,
            chosen,
            paper,
            only or None,
        )
        self.set_header("Content-Type", "application/zip")
        self.set_header("Content-Disposition", 'attachment; filename="my-toolkit.zip"')
        self.finish(body)
