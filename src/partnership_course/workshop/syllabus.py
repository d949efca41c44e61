"""`/workshop/syllabus`: the course syllabus (`documents.syllabus`), linked from the start page.

It holds nothing personal, so it needs no participant link; the participant's token (and the
chosen language) are only carried into the links back to the start page and to the other
language, so a participant who reads it returns to their own answers.
"""

from __future__ import annotations

from ..documents.syllabus import syllabus_html
from . import pages
from .app import WorkshopHandler, chosen_lang, lang_of


class SyllabusHandler(WorkshopHandler):
    def get(self) -> None:
        lang = lang_of(self)
        token = self.get_argument("p", None)
        other = pages.other_language(lang)
        self.finish(
            syllabus_html(
                lang,
                back="/" + pages.query(token, chosen_lang(self)),
                switch={other: pages.here_in("/workshop/syllabus", other, token)},
            )
        )
