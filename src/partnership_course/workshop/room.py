"""Running the room: pacing the parts, the projector view, and where everyone is sent.

- `POST /workshop/facilitator/pacing`   open parts, or send everyone to one (facilitator only)
- `/workshop/present?step=N`            the projector: one activity of the open parts at a time,
                                        its results large, counts only (never a name, never a
                                        participant's words); `/workshop/present/live` is the
                                        part the page fetches again every 4 seconds
- `/workshop/now.json?p=...`            where the room is sent, for the start page's and every
                                        module page's notice (participant token required)
"""

from __future__ import annotations

import json
from typing import Any

from ..i18n import gettext
from . import pages
from .app import FacilitatorBase, WorkshopHandler, chosen_lang, lang_of, pacing_store, workshop_code
from .outline import outline
from .report import page_titles, room_summaries


class PacingHandler(FacilitatorBase):
    def post(self) -> None:
        code = workshop_code()
        lang, chosen = lang_of(self), chosen_lang(self)
        if code is None or not self.is_facilitator():
            self.set_status(403)
            self.finish(gettext("The facilitator key is required.", lang))
            return
        known = {pg.path for m in outline() for pg in m.pages}
        store = pacing_store(self.store.engine)
        if self.get_body_argument("action", "") == "send":
            page = self.get_body_argument("page", "") or None
            if page is not None and page not in known:
                self.set_status(400)
                self.finish(gettext("That part is not in this course.", lang))
                return
            store.send_everyone(code, page)
        else:
            chosen_pages = set(self.get_body_arguments("open")) & known
            store.set_open(code, chosen_pages)
        self.redirect(pages.here_in("/workshop/facilitator", chosen) + "#pacing", status=303)


def _steps(code: str, store: Any) -> list[tuple[str, str]]:
    """(page path, activity) for every activity of the open parts, in course order."""
    pacing = pacing_store(store.engine).state(code)
    return [
        (pg.path, activity)
        for m in outline()
        for pg in m.pages
        if pacing.is_open(pg.path)
        for activity in pg.activities
    ]


class PresentHandler(FacilitatorBase):
    def get(self, live: str | None = None) -> None:
        code = workshop_code()
        lang, chosen = lang_of(self), chosen_lang(self)
        if code is None or not self.is_facilitator():
            if live:
                self.set_status(403)
                self.finish(gettext("The facilitator key is required.", lang))
            else:
                self.redirect(pages.here_in("/workshop/facilitator", chosen))
            return
        steps = _steps(code, self.store)
        try:
            step = int(self.get_argument("step", "1"))
        except ValueError:
            step = 1
        step = min(max(step, 1), max(len(steps), 1))
        people = self.store.participants(code)
        summary, page_title = None, ""
        if steps:
            path, activity = steps[step - 1]
            answers = [a for a in self.store.workshop_answers(code) if a.activity == activity]
            (summary,) = room_summaries([activity], answers, people, lang)
            page = next(pg for m in outline() for pg in m.pages if pg.path == path)
            page_title = page_titles(outline(), lang).get(path, page.title)
        fragment = pages.present_fragment(summary, page_title, len(people), lang)
        if live:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(fragment)
            return
        self.finish(pages.present(code, fragment, step, len(steps), lang, chosen is not None))


class NowHandler(WorkshopHandler):
    def get(self) -> None:
        code = workshop_code()
        lang, chosen = lang_of(self), chosen_lang(self)
        participant = self.participant()
        self.set_header("Content-Type", "application/json; charset=utf-8")
        if code is None:  # one learner on their own computer: nobody sends them anywhere
            self.finish(json.dumps({"href": None}))
            return
        if participant is None:
            self.set_status(403)
            self.finish(json.dumps({"error": "participant link required"}))
            return
        pacing = pacing_store(self.store.engine).state(code)
        if pacing.send_to is None:
            self.finish(json.dumps({"href": None}))
            return
        modules = outline()
        page = next((pg for m in modules for pg in m.pages if pg.path == pacing.send_to), None)
        title = page_titles(modules, lang).get(pacing.send_to, page.title if page else "")
        token = self.get_argument("p", None)
        sentence = gettext("Your facilitator asks everyone to open: {link}", lang)
        self.finish(
            json.dumps(
                {
                    "href": f"/voila/render/{pacing.send_to}{pages.query(token, chosen)}",
                    "title": title,
                    "before": sentence.split("{link}", 1)[0],
                },
                ensure_ascii=False,
            )
        )


def room_routes() -> list[tuple[Any, ...]]:
    return [
        (r"/workshop/facilitator/pacing", PacingHandler),
        (r"/workshop/present(/live)?", PresentHandler),
        (r"/workshop/now\.json", NowHandler),
    ]
