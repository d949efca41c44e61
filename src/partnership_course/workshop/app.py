"""The standalone Voila app with the workshop's own pages added as thin Tornado handlers.

Why handlers and not more Voila notebooks: the start, join and facilitator pages need no kernel,
so serving them from the same Tornado application (one process, one port) costs a few kilobytes
per request instead of a ~100 MB kernel per person per page; they can set cookies, redirect and
send real file downloads (CSV/JSON) with plain HTTP; and they can refuse a missing or forged
participant token *before* Voila starts a kernel for it.

Routes added in front of Voila's own:
- `/`                               start page: modules, the participant's progress, downloads
- `/workshop/join`                  join with workshop code + display name -> `/?p=<token>`
- `/workshop/answers.csv|json`      the participant's own answers (token required)
- `/workshop/certificate.html|pdf`  the participant's certificate, once every activity of every
                                    module has an answer (token required)
- `/workshop/facilitator[/...]`     facilitator view, live fragment and CSV exports (key login)
- `/workshop/facilitator/guide.*`   the facilitator guide, printable page or PDF (`guide.py`)
- `/voila/render/...`               Voila's page, but only with a valid token in a workshop
- `/voila/tree...`                  redirected to `/`
- `/voila/query/<kernel>`           Voila's preheat request-info socket, loopback only

Everything else (kernels' websockets, static files, themes) is Voila's, unchanged; in particular
the kernel manager still only accepts comm and info messages from browsers, never code.
"""

from __future__ import annotations

import ipaddress
import math
import os
from typing import Any
from urllib.parse import urlencode

import tornado.web
from tornado.escape import url_escape
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.handler import TornadoVoilaHandler

from ..i18n import (
    DEFAULT,
    N_,
    browser_languages,
    choose_language,
    gettext,
    supported_languages,
)
from . import pages
from .admission import admission
from .exports import participants_csv, room_csv, room_xlsx
from .kernel import TOKEN_PARAM, WORKSHOP_ENV
from .logins import LoginLog
from .outline import all_activities, outline
from .pacing import PacingStore
from .report import (
    answered_activities,
    answers_csv,
    answers_json,
    completed,
    page_titles,
    progress,
    room_summaries,
)
from .sessions import Participant, WorkshopError, workshop_store
from .site import is_hidden, path_in, split_language
from .warmup import status as warm_up_status

PARTICIPANT_COOKIE = "pc_participant"
FACILITATOR_COOKIE = "pc_facilitator"
CSP = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self' data:;"
    " frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


_per_store: dict[tuple[str, str], Any] = {}


def per_store(kind: Any, engine: Any) -> Any:
    """One `kind(engine)` (a log-in log, a pacing store) per store engine: their tables are
    created once, on first use."""
    key = (kind.__name__, str(engine.url))
    found = _per_store.get(key)
    if found is None:
        found = _per_store[key] = kind(engine)
    return found


def login_log(engine: Any) -> LoginLog:
    return per_store(LoginLog, engine)


def pacing_store(engine: Any) -> PacingStore:
    return per_store(PacingStore, engine)


def workshop_code() -> str | None:
    return os.environ.get(WORKSHOP_ENV, "").strip() or None


def lang_of(handler: tornado.web.RequestHandler) -> str:
    """`?lang=` if given, else the browser's preferred course language, else English."""
    header = handler.request.headers.get("Accept-Language", "")
    return choose_language(handler.get_argument("lang", None), *browser_languages(header))


def browser_language(header: str) -> str:
    """The first supported language in an Accept-Language header (by q-value), or English."""
    return choose_language(*browser_languages(header))


def chosen_lang(handler: tornado.web.RequestHandler) -> str | None:
    """The language asked for with `?lang=` (or a form's `lang` field), which links and forms
    then carry; None when the browser's language decides (links then leave it to the browser).
    """
    asked = handler.get_argument("lang", None)
    return asked if asked in supported_languages() else None


class WorkshopHandler(tornado.web.RequestHandler):
    """Base: security headers, the store, and who the request is from."""

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("Referrer-Policy", "same-origin")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Cache-Control", "no-store")

    @property
    def store(self) -> Any:
        return workshop_store()

    def participant(self) -> Participant | None:
        code = workshop_code()
        if code is None:
            return None
        return self.store.participant(code, self.get_argument(TOKEN_PARAM, None))

    def refuse(self, status: int = 403) -> None:
        lang = lang_of(self)
        self.set_status(status)
        self.finish(
            pages.refused(
                N_(
                    "This participant link is not valid for this workshop. Please join again "
                    "with the workshop code; if you had answers, use the link you bookmarked."
                ),
                lang,
                switch=self.same_page_in(pages.other_language(lang)),
                chosen=chosen_lang(self) is not None,
            )
        )

    def same_page_in(self, lang: str) -> str:
        """This address (path and participant token only) in `lang`."""
        return pages.here_in(self.request.path, lang, self.get_argument(TOKEN_PARAM, None))

    def write_error(self, status_code: int, **kwargs: Any) -> None:  # never a traceback
        lang = lang_of(self)
        self.finish(
            pages.message_page(
                gettext("Something went wrong", lang),
                gettext("Please reload the page.", lang),
                lang,
            )
        )


class LandingHandler(WorkshopHandler):
    def get(self) -> None:
        code = workshop_code()
        lang, chosen = lang_of(self), chosen_lang(self)
        token = self.get_argument(TOKEN_PARAM, None)
        participant: Participant | None = None
        if code is not None:
            if token is None:
                remembered = self.get_signed_cookie(PARTICIPANT_COOKIE, max_age_days=7)
                if remembered and self.store.participant(code, remembered.decode()):
                    self.redirect("/" + pages.query(remembered.decode(), chosen))
                else:
                    self.redirect(pages.here_in("/workshop/join", chosen))
                return
            participant = self.participant()
            if participant is None:
                self.refuse()
                return
            learner = participant.learner
        else:
            from ..context import current_learner

            learner = current_learner()
        modules = outline()
        answers = self.store.answers_of(learner)
        done = dict.fromkeys(answered_activities(answers), 1)
        certificate = None
        if participant is not None:  # certificates are for workshop participants
            certificate = (completed(all_activities(), answers), True)  # (complete, PDF offered)
        titles = page_titles(modules, lang)
        pacing = pacing_store(self.store.engine).state(code) if code else None
        self.finish(
            pages.landing(
                modules,
                token,
                lang,
                participant,
                done,
                code,
                titles,
                certificate,
                chosen=chosen is not None,
                pacing=pacing,
            )
        )


class JoinHandler(WorkshopHandler):
    def get(self) -> None:
        if workshop_code() is None:
            self.redirect("/")
            return
        if self.get_argument("new", None):
            self.clear_cookie(PARTICIPANT_COOKIE)
        self.finish(pages.join(lang=lang_of(self), chosen=chosen_lang(self) is not None))

    def post(self) -> None:
        code = workshop_code()
        if code is None:
            self.redirect("/")
            return
        lang, chosen = lang_of(self), chosen_lang(self)  # the form's `lang`, else the browser's
        typed = self.get_body_argument("code", "").strip()
        name = self.get_body_argument("name", "")
        try:
            if typed.lower() != code.lower():
                raise WorkshopError(
                    "That workshop code was not found. Please check it and try again."
                )
            token, _participant = self.store.join(code, name)
        except WorkshopError as problem:
            self.set_status(400)
            # the message is one of the English texts pages.SHOWN_ELSEWHERE marks; shown in `lang`
            self.finish(
                pages.join(
                    str(problem),
                    name=name[:60],
                    code=typed[:40],
                    lang=lang,
                    chosen=chosen is not None,
                )
            )
            return
        self.set_signed_cookie(
            PARTICIPANT_COOKIE, token, expires_days=7, httponly=True, samesite="Lax"
        )
        self.redirect("/" + pages.query(token, chosen), status=303)


class MyAnswersHandler(WorkshopHandler):
    def get(self, fmt: str) -> None:
        if workshop_code() is not None:
            participant = self.participant()
            if participant is None:
                self.refuse()
                return
            learner, names = participant.learner, {participant.learner: participant.display_name}
        else:
            from ..context import current_learner

            learner = current_learner()
            names = {learner: learner}
        answers = self.store.answers_of(learner)
        if fmt == "csv":
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            body = answers_csv(answers, names)
        else:
            self.set_header("Content-Type", "application/json; charset=utf-8")
            body = answers_json(answers, names)
        self.set_header("Content-Disposition", f'attachment; filename="my-answers.{fmt}"')
        self.finish(body)


class CertificateHandler(WorkshopHandler):
    """The participant's completion certificate, in the page's language: the printable page of
    `documents.certificate`, or the PDF made from that same page.

    Only for a workshop participant, by their own token, once `report.completed` holds: every
    activity of every module has an answer and no reflection is empty. The name printed is the
    participant's display name, exactly as they typed it (escaped by the certificate page).
    """

    def get(self, fmt: str) -> None:
        from datetime import date

        from ..documents.certificate import certificate_html, certificate_pdf, load_course_info

        lang = lang_of(self)
        if workshop_code() is None:
            self.set_status(404)
            self.finish(
                pages.message_page(
                    gettext("No certificate here", lang),
                    gettext("Certificates are given to participants of a workshop.", lang),
                    lang,
                )
            )
            return
        participant = self.participant()
        if participant is None:
            self.refuse()
            return
        if not completed(all_activities(), self.store.answers_of(participant.learner)):
            self.set_status(403)
            self.finish(
                pages.message_page(
                    gettext("Not finished yet", lang),
                    gettext(
                        "Your certificate is ready when every activity of every module has an "
                        "answer and no reflection is left empty. The start page shows what is "
                        "left.",
                        lang,
                    ),
                    lang,
                    switch=self.same_page_in(pages.other_language(lang)),
                )
            )
            return
        info = load_course_info(modules=[m.name for m in outline()], lang=lang)
        today = date.today()
        if fmt == "html":
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Content-Disposition", 'attachment; filename="certificate.html"')
            self.finish(certificate_html(participant.display_name, info, today, lang))
            return
        body = certificate_pdf(participant.display_name, info, today, lang)
        self.set_header("Content-Type", "application/pdf")
        self.set_header("Content-Disposition", 'attachment; filename="certificate.pdf"')
        self.finish(body)


class FacilitatorBase(WorkshopHandler):
    def expected_cookie(self, code: str) -> str:
        digest = self.store.facilitator_key_hash(code)
        return f"{code}:{(digest or '')[:24]}"

    def is_facilitator(self) -> bool:
        code = workshop_code()
        if code is None:
            return False
        found = self.get_signed_cookie(FACILITATOR_COOKIE, max_age_days=1)
        return found is not None and found.decode() == self.expected_cookie(code)

    def room(self) -> tuple[str, list[Participant], list[Any], list[str]]:
        code = workshop_code() or ""
        return (
            code,
            self.store.participants(code),
            self.store.workshop_answers(code),
            all_activities(),
        )

    def fragment(self) -> str:
        from ..knowledge_view import responses_context

        _code, people, answers, activities = self.room()
        lang = lang_of(self)
        modules = outline()
        return pages.dashboard_fragment(
            modules,
            people,
            progress(activities, answers, people),
            room_summaries(activities, answers, people, lang),
            lang,
            page_titles(modules, lang),
            warm_up_status(),
            responses_context(answers, lang),
        )


class FacilitatorHandler(FacilitatorBase):
    def get(self) -> None:
        code = workshop_code()
        lang = lang_of(self)
        if code is None:
            self.set_status(404)
            self.finish(
                pages.message_page(
                    gettext("No workshop", lang),
                    gettext("This server is not running a workshop.", lang),
                    lang,
                )
            )
            return
        chosen = chosen_lang(self) is not None
        if not self.is_facilitator():
            self.finish(pages.facilitator_login(lang=lang, chosen=chosen))
            return
        modules = outline()
        self.finish(
            pages.dashboard(
                code,
                self.fragment(),
                lang,
                chosen,
                modules,
                pacing_store(self.store.engine).state(code),
                page_titles(modules, lang),
            )
        )

    def post(self) -> None:
        code = workshop_code()
        lang, chosen = lang_of(self), chosen_lang(self)  # the form's `lang`, else the browser's
        key = self.get_body_argument("key", "")
        address = self.request.remote_ip or "unknown"
        log = login_log(self.store.engine)
        wait = log.wait_seconds(address)
        if code is not None and wait:
            log.record(code, address, ok=False, refused=True)
            self.set_status(429)
            self.set_header("Retry-After", str(wait))
            self.finish(
                pages.facilitator_login(
                    gettext(
                        "Too many wrong keys from this computer. Please wait {seconds} "
                        "seconds and try again.",
                        lang,
                    ).format(seconds=wait),
                    lang,
                    chosen=chosen is not None,
                )
            )
            return
        allowed = code is not None and self.store.is_facilitator(code, key)
        if code is not None:
            log.record(code, address, ok=allowed)
        if not allowed:
            self.set_status(403)
            self.finish(
                pages.facilitator_login(
                    gettext("That key does not open this workshop.", lang),
                    lang,
                    chosen=chosen is not None,
                )
            )
            return
        self.set_signed_cookie(
            FACILITATOR_COOKIE,
            self.expected_cookie(code),
            expires_days=1,
            httponly=True,
            samesite="Strict",
        )
        self.redirect(pages.here_in("/workshop/facilitator", chosen), status=303)


class FacilitatorDataHandler(FacilitatorBase):
    def get(self, what: str) -> None:
        if not self.is_facilitator():
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(gettext("The facilitator key is required.", lang_of(self)))
            return
        if what == "live":
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(self.fragment())
            return
        code, people, answers, _ = self.room()
        lang = lang_of(self)
        modules = outline()
        titles = page_titles(modules, lang)
        if what == "answers.xlsx":
            self.set_header(
                "Content-Type",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            body: str | bytes = room_xlsx(modules, people, answers, lang, titles)
        elif what == "export.csv":
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            body = room_csv(modules, people, answers, lang, titles)
        else:
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            body = participants_csv(people)
        name = {"export.csv": "answers.csv"}.get(what, what)
        self.set_header("Content-Disposition", f'attachment; filename="{code}-{name}"')
        self.finish(body)


class WorkshopStaticHandler(tornado.web.StaticFileHandler):
    """The workshop pages' few scripts (`workshop/static/`), cached for ten minutes."""

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "max-age=600")
        self.set_header("X-Content-Type-Options", "nosniff")


class TreeRedirectHandler(tornado.web.RequestHandler):
    def get(self, *_args: Any) -> None:
        self.redirect("/" + pages.query(self.get_argument(TOKEN_PARAM, None), lang_of(self)))


class GuardedVoilaHandler(TornadoVoilaHandler):
    """Voila's render handler, but a workshop page needs a valid participant token first."""

    async def get(self, path: str | None = None) -> None:
        if is_hidden(path or ""):  # `.ipynb_checkpoints` and the like are never course pages
            raise tornado.web.HTTPError(404)
        code = workshop_code()
        if code is not None:
            token = self.get_argument(TOKEN_PARAM, None)
            if not token:
                self.redirect("/")
                return
            if workshop_store().participant(code, token) is None:
                lang = lang_of(self)
                self.set_status(403)
                self.finish(
                    pages.refused(
                        N_(
                            "This participant link is not valid for this workshop. Please join "
                            "again with the workshop code."
                        ),
                        lang,
                        switch=pages.here_in(self.request.path, pages.other_language(lang), token),
                    )
                )
                return
        served, page = split_language(path or "")
        if code is not None and not pacing_store(workshop_store().engine).state(code).is_open(page):
            self.closed(page, served)
            return
        wanted = lang_of(self) if self.get_argument("lang", None) or served == DEFAULT else served
        if wanted != served:
            # one address per page and language; `?lang=` (or the browser) picks the copy
            query = {k: self.get_argument(k) for k in self.request.arguments}
            query["lang"] = wanted
            target = url_escape(path_in(wanted, page), plus=False).replace("%2F", "/")
            self.redirect(
                f"{self.request.path.rsplit(path or '', 1)[0]}{target}?{urlencode(query)}"
            )
            return
        self.set_header("Referrer-Policy", "same-origin")
        # sets the `_xsrf` cookie, so the page's "shut my kernel down" call on reload or close
        # is accepted (stock Voila answers it 403 and leaves the kernel to the culler)
        _ = self.xsrf_token
        if await self.served_warm(path or ""):
            return
        line = admission()
        turn = line.enter(self.get_argument("wait", None))
        if not turn.admitted:
            self.wait_in_line(turn.ticket, turn.position, served, turn.retry)
            return
        try:
            await super().get(path)
        finally:
            line.leave()

    async def served_warm(self, path: str) -> bool:
        """Serve the page from a warm kernel without waiting at the door, if one is free: it
        has run all but the page's last cell (`warmup`), so it costs the server a token lookup
        and the participant's answers, and a room arriving at once is not lined up behind the
        pages being prepared."""
        claim_warm = getattr(self.kernel_manager, "claim_warm", None)
        if claim_warm is None or {"template", "theme"} & set(self.request.arguments):
            return False  # Voila would not use a warm kernel for another template or theme
        claim = claim_warm(path)
        if claim is None:
            return False
        from .warmup import release_warm

        try:
            await super().get(path)
        finally:
            release_warm(claim)  # no-op once the kernel was taken
        return True

    def wait_in_line(self, ticket: str, position: int, served: str, retry: float) -> None:
        """More pages are being prepared than the machine can take: a page that says so and
        asks again by itself after `retry` seconds (wait.js; the door's schedule by place in
        the line, `admission.retry_delay`), keeping this person's place in the line."""
        lang = lang_of(self) if self.get_argument("lang", None) else served
        query = {k: self.get_argument(k) for k in self.request.arguments}
        query["wait"] = ticket
        retry_href = f"{self.request.path}?{urlencode(query)}"
        self.set_status(503)
        self.set_header("Retry-After", str(max(1, math.ceil(retry))))
        self.set_header("Cache-Control", "no-store")
        token = self.get_argument(TOKEN_PARAM, None)
        self.finish(
            pages.waiting(
                position,
                retry_href,
                lang,
                retry_ms=round(retry * 1000),
                switch=pages.here_in(self.request.path, pages.other_language(lang), token),
            )
        )

    def closed(self, page: str, served: str) -> None:
        """A part the facilitator has not opened yet: say so politely, start no kernel."""
        lang = lang_of(self) if self.get_argument("lang", None) else served
        token = self.get_argument(TOKEN_PARAM, None)
        keep = chosen_lang(self)
        title = page_titles(outline(), lang).get(page) or next(
            (pg.title for m in outline() for pg in m.pages if pg.path == page), page
        )
        self.finish(
            pages.message_page(
                gettext("This part opens later", lang),
                gettext(
                    "“{title}” is not open yet: your facilitator opens each part when "
                    "the room gets there. The start page shows the parts that are open now.",
                    lang,
                ).format(title=title),
                lang,
                switch=pages.here_in(self.request.path, pages.other_language(lang), token),
                link=("/" + pages.query(token, keep), gettext("Back to the start page", lang)),
            )
        )


class LoopbackRequestInfoSocketHandler(RequestInfoSocketHandler):
    """Voila's preheat socket hands a kernel its request (with the token); only the kernels on
    this machine may connect, never a browser."""

    def open(self, kernel_id: str) -> None:  # type: ignore[override]
        try:
            local = ipaddress.ip_address(self.request.remote_ip or "").is_loopback
        except ValueError:
            local = False
        if not local:
            self.close(code=1008)
            return
        from .warmup import kernel_waiting

        kernel_waiting(kernel_id)
        super().open(kernel_id)


KERNEL_REGEX = r"(?P<kernel_id>\w+-\w+-\w+-\w+-\w+)"


def workshop_routes() -> list[tuple[Any, ...]]:
    """The routes the workshop adds in front of Voila's (see the module docstring)."""
    from ..activities.served import activity_routes
    from .guide import FacilitatorGuideHandler
    from .room import room_routes
    from .syllabus import SyllabusHandler
    from .toolkit import ToolkitHandler

    return [
        (r"/", LandingHandler),
        (r"/workshop/join", JoinHandler),
        (r"/workshop/answers\.(csv|json)", MyAnswersHandler),
        (r"/workshop/certificate\.(html|pdf)", CertificateHandler),
        (r"/workshop/toolkit(\.zip)?", ToolkitHandler),
        (r"/workshop/syllabus", SyllabusHandler),
        (r"/workshop/facilitator", FacilitatorHandler),
        (r"/workshop/facilitator/guide\.(html|pdf)", FacilitatorGuideHandler),
        (
            r"/workshop/facilitator/(live|export\.csv|answers\.xlsx|participants\.csv)",
            FacilitatorDataHandler,
        ),
        (r"/workshop/static/([a-z]+\.js)", WorkshopStaticHandler, {"path": str(pages.STATIC)}),
        *room_routes(),
        *activity_routes(),  # the activities' code, cached by the browser (gzip: compressed())
        (r"/voila/tree(.*)", TreeRedirectHandler),
        (rf"/voila/query/{KERNEL_REGEX}", LoopbackRequestInfoSocketHandler),
    ]


EXPECT_ENV = "PARTNERSHIP_COURSE_EXPECT"


def expected_arrivals() -> tuple[int, str | None]:
    """(`--expect N`, the room's first page): the first open part, else the course's first."""
    try:
        expect = max(0, int(os.environ.get(EXPECT_ENV, "0")))
    except ValueError:
        expect = 0
    if not expect:
        return 0, None
    paths = [pg.path for m in outline() for pg in m.pages]
    code = workshop_code()
    if code is not None:
        state = pacing_store(workshop_store().engine).state(code)
        paths = [p for p in paths if state.is_open(p)] or paths
    return expect, paths[0] if paths else None


def raise_socket_limit(context: Any) -> int:
    """Let the server hold sockets for a room of 200 pages, not 1,023.

    All kernels share the server's one ZeroMQ context, whose default limit is 1,023 sockets;
    every open page takes about six (the kernel's channels, and the channels of Voila's
    renderer and of the page's websocket), so about the 170th page of a room failed with
    "500 Internal Server Error" on its page or its websocket (`bench_room.py --participants
    200`). Each socket is also a file, and Debian (like most Linux systems) starts a process
    with a soft limit of 1,024 open files under a much higher hard limit. So the process first
    raises its own soft limit as far as the hard limit allows (capped at 65,536, as any
    unprivileged process may), then lets ZeroMQ use that many sockets.
    """
    import resource

    import zmq

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    cap = SOCKETS_CAP if hard == resource.RLIM_INFINITY else min(hard, SOCKETS_CAP)
    if soft != resource.RLIM_INFINITY and soft < cap:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (cap, hard))
            soft = cap
        except (ValueError, OSError):
            pass  # keep the limit we were given
    wanted = max(1023, min(soft if soft > 0 else 1023, SOCKETS_CAP))
    context.set(zmq.MAX_SOCKETS, wanted)
    return int(context.get(zmq.MAX_SOCKETS))


SOCKETS_CAP = 65536


class WorkshopVoila(Voila):
    """`voila` with the workshop's routes in front (see the module docstring)."""

    def init_settings(self) -> dict[str, Any]:
        import voila.app as voila_app

        from .compiled_templates import install as compile_templates_once
        from .statics import compressed, page_config_hook
        from .warmup import first_pages, pools_config, room_kernel_manager

        compile_templates_once()  # Voila compiled its page templates again for every page

        self.voila_configuration.page_config_hook = page_config_hook(self.static_paths)
        expect, first = expected_arrivals()
        warm_first = first_pages(first) if expect else frozenset()
        base_pool = self.voila_configuration.default_pool_size
        if self.voila_configuration.preheat_kernel:
            self.config["VoilaKernelManager"]["kernel_pools_config"] = pools_config(
                expect, first, base_pool
            )
        stock = voila_app.voila_kernel_manager_factory

        def factory(base: Any, preheat: bool, pool_size: int, **kw: Any) -> Any:
            made = stock(base, preheat, pool_size, **kw)
            return room_kernel_manager(made, pool_size, warm_first) if preheat else made

        voila_app.voila_kernel_manager_factory = factory
        try:
            settings = compressed(super().init_settings())
        finally:
            voila_app.voila_kernel_manager_factory = stock
        raise_socket_limit(self.kernel_manager.context)
        return settings

    def listen(self) -> None:
        expect, first = expected_arrivals()
        if expect and first and self.voila_configuration.preheat_kernel:
            import tornado.ioloop

            from .warmup import announce_ready, first_pages

            tornado.ioloop.IOLoop.current().add_callback(
                announce_ready, self.kernel_manager, [first], expect, self.log, first_pages(first)
            )
        super().listen()

    def init_handlers(self) -> list:
        from .statics import versioned_routes

        ours = workshop_routes()
        theirs = versioned_routes(super().init_handlers(), self.static_paths)
        for index, entry in enumerate(theirs):
            pattern, handler = entry[0], entry[1]
            if handler is TornadoVoilaHandler and str(pattern).endswith("/voila/render/(.*)"):
                theirs[index] = (pattern, GuardedVoilaHandler, *entry[2:])
        return ours + theirs


main = launch_new_instance = WorkshopVoila.launch_instance

if __name__ == "__main__":
    main()
