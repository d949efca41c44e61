"""The workshop's "My toolkit" page: a participant fills in their own details once and downloads
the family toolkit filled in with them and with their planner answers (the form, the choices and
the ZIP are `documents.toolkit.download`, shared with JupyterLab's page in `lab_server`)."""

from __future__ import annotations

from functools import partial

from ..documents.toolkit.download import form_page, send_toolkit
from . import pages
from .app import WorkshopHandler, chosen_lang, lang_of, workshop_code


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

        return current_learner(), ""

    async def get(self, download: str | None = None) -> None:
        lang = lang_of(self)
        who = self._learner()
        if who is None:
            return
        learner, suggested = who
        token = self.get_argument("p", None)
        other = pages.other_language(lang)
        form = partial(
            form_page,
            lang,
            action="/workshop/toolkit.zip",
            back="/" + pages.query(token, chosen_lang(self)),
            hidden={**({"p": token} if token else {}), "lang": lang},
            suggested=suggested,
            switch={other: pages.here_in("/workshop/toolkit", other, token)},
        )
        if not download:
            self.finish(form())
            return
        await send_toolkit(self, lang, learner, self.store.responses, form)
