"""The in-course family toolkit: the teacher's own copies of the toolkit's documents, made on
the page, filled in with their details and their contact planner's families.

One anywidget (`static/toolkit.js`): the teacher's details (saved as typed, like an action plan,
because the documents are theirs to come back to), one group per offered document (include it,
and in which language: a teacher working in English prints the survey in Spanish for one
family), the paper size as a named radio group, and one button. Python makes the files with the
toolkit's own builder (`documents.toolkit.write_toolkit`, as `partnership-course toolkit` and
the My toolkit pages do) and keeps them in the kernel; the page gets each file's name, type,
size and label (`feedback`), never its bytes, so a 4.5 MB set does not sit in the widget state
(sent again to every view and kept in the page's widget manager). A click on a file's link asks
for it (`{"event": "download", "file": id}`), and the kernel answers with one custom message
whose buffer is the file's bytes; the page makes a Blob of them and saves it. Nothing is served
over HTTP or stored on disk, so it works alike in Voila, JupyterLab and Notebook 7.

The families in the teacher's copy of the survey are read from the store (the contact planner's
saved answer, through `documents.toolkit.sources.gather`), never from the planner's widget.
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any, ClassVar

from ..content.toolkit import Toolkit
from ..documents.toolkit import BY_ID, PAPERS, write_toolkit
from ..documents.toolkit.download import FIELDS
from ..documents.toolkit.sources import Teacher, gather
from ..i18n import N_, gettext, language_name, supported_languages
from .frontend import FrontEndActivity

FIELD_LABELS = {
    "name": N_("Your name, as families should see it"),
    "role": N_("Your role (for example: special education teacher)"),
    "school": N_("Your school"),
    "phone": N_("A phone number families may use"),
    "email": N_("An email address families may use"),
    "times": N_("Best times to reach you"),
    "ways": N_("Best ways to reach you"),
}
MIME = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".vcf": "text/vcard",
}
MAX_CHARS = 200  # as `documents.toolkit.sources.Teacher` allows


class ToolkitActivity(FrontEndActivity):
    """Details, documents, languages and paper; `make()` is the event that writes the files."""

    kind = "toolkit"
    scenario: Toolkit
    EVENTS: ClassVar[dict[str, str]] = {
        "write": "write",
        "include": "include",
        "language": "choose_language",
        "paper": "choose_paper",
        "make": "make",
        "download": "send_file",
    }

    def setup(self) -> None:
        self._details = {f: "" for f in FIELDS}
        self._included = {d.id: d.chosen for d in self.scenario.documents}
        self._languages: dict[str, str] = {}  # only those chosen; the others follow the page
        self._paper = PAPERS[0]
        self._made: list[str] = []
        self._files: dict[str, tuple[str, str, bytes]] = {}  # id -> name, type, bytes
        self._refresh(replace=True)

    def interface(self) -> dict[str, str]:
        labels = {
            "details": self.t("Your details"),
            "details_note": self.t(
                "Your details go only into your own documents. "
                "Leave a box empty to write it by hand later."
            ),
            "documents": self.t("Documents to make"),
            "include": self.t("Make this document"),
            "language": self.t("Language"),
            "paper": self.t("Paper"),
            "make": self.t("Make my documents"),
            "ready": self.t("Your documents"),
            **{f"field:{f}": gettext(FIELD_LABELS[f], self.lang) for f in FIELDS},
            **{f"doc:{d.id}": self._title(d.id) for d in self.scenario.documents},
            **{f"lang:{code}": language_name(code) for code in supported_languages()},
            "paper:letter": self.t("US Letter"),
            "paper:a4": self.t("A4"),
        }
        return labels

    # -- the public events ----------------------------------------------------------------------
    def write(self, field: str, text: str) -> None:
        """One of the teacher's details, as typed (cut at 200 characters, as the box is)."""
        if field not in self._details:
            raise ValueError(f"{field!r} is not one of {', '.join(FIELDS)}")
        self._details[field] = str(text)[:MAX_CHARS]
        self._refresh()
        self.save(announce=False)

    def include(self, document: str, chosen: bool) -> None:
        """Tick or untick one offered document."""
        self._offered(document)
        self._included[document] = bool(chosen)
        self._refresh()
        self.save(announce=False)

    def choose_language(self, document: str, lang: str) -> None:
        """The language one document is made in."""
        self._offered(document)
        if lang not in supported_languages():
            raise ValueError(f"no language {lang!r}; one of {supported_languages()}")
        self._languages[document] = lang
        self._refresh()
        self.save(announce=False)

    def choose_paper(self, paper: str) -> None:
        """US Letter or A4."""
        if paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}")
        self._paper = paper
        self._refresh()
        self.save(announce=False)

    def make(self) -> None:
        """Write the chosen documents (PDF and Word; the contact card also as a vCard) and offer
        each as a download; with nothing chosen, say so and change nothing."""
        chosen = [d.id for d in self.scenario.documents if self._included[d.id]]
        if not chosen:
            self.show_status(self.t("Choose at least one document."), alert=True)
            return
        self.show_status(self.t("Making your documents. This takes a few seconds."))
        made = self.files(chosen)
        self._files = {
            f"file-{n}": (f["filename"], f["mime"], data) for n, (f, data) in enumerate(made)
        }
        self._made = chosen
        files = [{**f, "id": f"file-{n}", "size": len(data)} for n, (f, data) in enumerate(made)]
        self.feedback = {"files": files}
        if self.save(announce=False):
            self.show_status(
                self.t("Your documents are ready: {count} files to download below.").format(
                    count=len(files)
                )
            )

    def send_file(self, file: str) -> None:
        """Send one made file to the page that asked (its bytes as the message's buffer)."""
        if file not in self._files:
            raise ValueError(f"no made file {file!r}; make the documents again")
        filename, mime, data = self._files[file]
        self.send({"file": file, "filename": filename, "mime": mime}, buffers=[data])

    def made_file(self, filename: str) -> bytes:
        """The bytes of one made file, by name (what the page downloads)."""
        return next(data for name, _, data in self._files.values() if name == filename)

    def files(self, chosen: list[str]) -> list[tuple[dict[str, str], bytes]]:
        """The chosen documents: for each, what the page's link shows (name, type, label) and
        the bytes the kernel keeps."""
        teacher = Teacher(**self._details)
        store = getattr(self.binding, "store", None)
        learner = getattr(self.binding, "learner", None)
        data = gather(teacher, learner, store) if store is not None else gather(teacher)
        languages = {doc: self.language_of(doc) for doc in chosen}
        formats = {".pdf": "PDF", ".docx": self.t("Word file"), ".vcf": self.t("vCard for phones")}
        files = []
        with TemporaryDirectory(prefix="toolkit-") as folder:
            for path in write_toolkit(
                Path(folder), data, languages, self.lang, self._paper, chosen
            ):
                doc, lang = path.stem.rsplit(".", 1)
                label = self.t("{title} ({format}, {language})").format(
                    title=self._title(doc),
                    format=formats[path.suffix],
                    language=language_name(lang),
                )
                file = {"filename": path.name, "mime": MIME[path.suffix], "label": label}
                files.append((file, path.read_bytes()))
        return files

    # -- saving ---------------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return {
            "details": dict(self._details),
            "documents": [d for d, chosen in self._included.items() if chosen],
            "languages": dict(self._languages),
            "paper": self._paper,
            "made": list(self._made),
        }

    def restore(self, value: dict[str, Any]) -> None:
        details = value.get("details")
        for field, text in dict(details if isinstance(details, dict) else {}).items():
            if field in self._details and isinstance(text, str):
                self._details[field] = text[:MAX_CHARS]
        documents = value.get("documents")
        if isinstance(documents, list):
            self._included = {d: d in documents for d in self._included}
        languages = value.get("languages")
        for doc, lang in dict(languages if isinstance(languages, dict) else {}).items():
            if doc in self._included and lang in supported_languages():
                self._languages[doc] = lang
        if value.get("paper") in PAPERS:
            self._paper = str(value["paper"])
        made = value.get("made")
        self._made = [d for d in made if d in self._included] if isinstance(made, list) else []
        self._refresh(replace=True)

    def language_of(self, document: str) -> str:
        """The language a document is made in: the one chosen for it, else the page's."""
        return self._languages.get(document, self.lang)

    def _title(self, document: str) -> str:
        return gettext(BY_ID[document].title, self.lang)

    def _offered(self, document: str) -> None:
        if document not in self._included:
            raise ValueError(f"{document!r} is not offered by {self.scenario.id}")

    def _refresh(self, replace: bool = False) -> None:
        """Send what the page shows (`replace`: redraw the boxes, as after a restore)."""
        languages = {d.id: self.language_of(d.id) for d in self.scenario.documents}
        self.response = {**self.state(), "languages": languages, "replace": replace}
