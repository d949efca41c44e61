"""What every "My toolkit" page shares, whichever server shows it (the workshop's Voila app, or
JupyterLab's own server): the form, reading the choices sent back, and the ZIP of documents.

The details typed into the form are sent with the download request and used for that one file;
they are not stored, because the toolkit needs nothing that the teacher does not choose to print.
Documents are made off the event loop, one set at a time, so a room downloading its toolkits at
the end of a workshop never stalls the other participants' pages.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from ...i18n import gettext, supported_languages
from ...rendering import render
from . import DOCUMENTS, PAPERS, write_toolkit
from .sources import Teacher, gather

FIELDS = ("name", "role", "school", "phone", "email", "times", "ways")
ONE_AT_A_TIME = ThreadPoolExecutor(max_workers=1, thread_name_prefix="toolkit")


@dataclass(frozen=True)
class Choices:
    """What the form asked for: the teacher's details, a language per document, the paper."""

    teacher: Teacher
    doc_lang: str
    chosen: dict[str, str]  # document id -> language
    paper: str
    only: list[str] | None  # a few documents instead of the whole set


class BadChoice(ValueError):
    """A choice the form cannot have sent; the message is in the page's language."""


class NothingChosen(BadChoice):
    """The form was sent with every document unticked: said on the form, which keeps its
    values, rather than answered with the whole set the teacher just unticked."""


FROM_FORM = "from_form"  # a hidden field: the form sent this request, so no `only` means none


def read_choices(
    argument: Callable[[str, str], str], arguments: Callable[[str], list[str]], lang: str
) -> Choices:
    """The choices of a download request (`argument(name, default)` and `arguments(name)` read
    the query), or BadChoice saying what to fix."""
    known = supported_languages()
    doc_lang = argument("doc_lang", lang)
    chosen = {d.id: argument(f"lang_{d.id}", "") or doc_lang for d in DOCUMENTS}
    paper = argument("paper", "letter")
    only = arguments("only")
    if not only and argument(FROM_FORM, ""):
        raise NothingChosen(gettext("Choose at least one document.", lang))
    if (
        doc_lang not in known
        or paper not in PAPERS
        or set(chosen.values()) - set(known)
        or set(only) - {d.id for d in DOCUMENTS}
    ):
        raise BadChoice(gettext("Choose a language and a paper size from the lists.", lang))
    try:
        teacher = Teacher(**{f: argument(f, "").strip() for f in FIELDS})
    except ValueError:
        raise BadChoice(gettext("Each detail can be at most 200 characters long.", lang)) from None
    return Choices(teacher, doc_lang, chosen, paper, only or None)


def given_values(
    argument: Callable[[str, str], str], arguments: Callable[[str], list[str]], lang: str
) -> dict[str, Any]:
    """What a sent form held, to show it again as it was beside what to fix."""
    given: dict[str, Any] = {f: argument(f, "") for f in FIELDS}
    given["doc_lang"] = argument("doc_lang", lang)
    given["paper"] = argument("paper", "letter")
    given["only"] = arguments("only")
    for doc in DOCUMENTS:
        given[f"lang_{doc.id}"] = argument(f"lang_{doc.id}", "")
    return given


def form_page(
    lang: str,
    *,
    action: str,
    back: str,
    hidden: Mapping[str, str],
    suggested: str = "",
    switch: Mapping[str, str] | None = None,
    given: Mapping[str, Any] | None = None,
    error: str = "",
) -> str:
    """The "My toolkit" page: details, a language for every document (or one for each), the
    paper, one download button. `hidden` fields travel with the download (token, language).
    `given` and `error` show a sent form again as it was, with what to fix."""
    if given is None:
        given = {"name": suggested, "doc_lang": lang, "paper": PAPERS[0]}
        given["only"] = [d.id for d in DOCUMENTS]
    return render(
        "workshop/toolkit.html.j2",
        lang,
        title=gettext("My family toolkit", lang),
        switch=dict(switch or {}),
        documents=DOCUMENTS,
        language_codes=supported_languages(),
        papers=PAPERS,
        fields=FIELDS,
        hidden={**hidden, FROM_FORM: "1"},
        given=given,
        error=error,
        action=action,
        back=back,
    )


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"my-toolkit/{path.name}")
    return buffer.getvalue()


def toolkit_zip(choices: Choices, learner: str, store: Any) -> bytes:
    """Every toolkit document asked for, filled in for `learner` (their planner answers from
    `store`), as one ZIP file: PDF, Word and the vCard."""
    data = gather(choices.teacher, learner, store)
    with TemporaryDirectory(prefix="toolkit-") as folder:
        write_toolkit(
            Path(folder), data, choices.chosen, choices.doc_lang, choices.paper, choices.only
        )
        return _zip(Path(folder))


async def send_toolkit(
    handler: Any, lang: str, learner: str, store: Any, form: Callable[..., str]
) -> None:
    """Answer a tornado request for the ZIP: 400 with what to fix, else the documents (made in
    the one toolkit thread, so the server's event loop keeps serving everyone else).

    `form(given=..., error=...)` renders this server's form page; nothing ticked gets it back
    as it was sent, with the error beside the documents."""
    from tornado.ioloop import IOLoop

    try:
        choices = read_choices(handler.get_argument, handler.get_arguments, lang)
    except NothingChosen as problem:
        handler.set_status(400)
        given = given_values(handler.get_argument, handler.get_arguments, lang)
        handler.finish(form(given=given, error=str(problem)))
        return
    except BadChoice as problem:
        handler.set_status(400)
        handler.finish(str(problem))
        return
    body = await IOLoop.current().run_in_executor(
        ONE_AT_A_TIME, toolkit_zip, choices, learner, store
    )
    handler.set_header("Content-Type", "application/zip")
    handler.set_header("Content-Disposition", 'attachment; filename="my-toolkit.zip"')
    handler.finish(body)
