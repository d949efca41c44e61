"""`partnership-course grade review`: the coaches' grading page, served by Tornado.

Two ways to be let in, one page:

- locally (no hub): the command prints an address with a one-time token; opening it sets a
  signed cookie. Anyone without it gets 403.
- as a JupyterHub service (JUPYTERHUB_SERVICE_PREFIX is set; `hub_service` registers it with
  `partnership_course.hub.services`): the hub's OAuth (`HubOAuthenticated`) names the user and
  checks the `access:services!service=grading` scope, which the hub grants to the coaches group
  only, so a teacher signed in to the hub gets 403.

Forms carry Tornado's XSRF token. Saving redirects to the next reflection (post, redirect, get),
so reloading never saves twice.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import tornado.web
from markupsafe import Markup

from .review import Filters, QueueItem, Review

COOKIE = "pc-review"
SERVICE = "grading"


class _Base(tornado.web.RequestHandler):
    """Shared by the page and the save handler: who may come in, and the review object."""

    @property
    def review(self) -> Review:
        return self.settings["review"]

    def prefix(self) -> str:
        return self.settings["prefix"]

    def coach(self) -> str | None:
        """The signed-in coach, or None."""
        if self.settings.get("hub_auth") is not None:
            # None when not signed in; a signed-in user without the service's access scope
            # makes the login redirect below raise 403 (HubOAuthenticated's own rule)
            user = self.get_current_user()
            return user.get("name") if user else None
        value = self.get_signed_cookie(COOKIE)
        return "coach" if value == b"coach" else None

    def prepare(self) -> None:
        token = self.settings.get("token")
        if token and self.get_query_argument("token", "") == token:
            self.set_signed_cookie(COOKIE, "coach", httponly=True, samesite="Strict")
            self.redirect(self.prefix())
            return
        who = self.coach()
        if who is None and self.settings.get("hub_auth") is not None:
            # not signed in to the hub yet: HubOAuthenticated's login redirect
            self.redirect(self.get_login_url())
            return
        if not who:
            raise tornado.web.HTTPError(403)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        from ..rendering import render

        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render("grading/refused.html.j2", self.review.lang, status=status_code))


def _filters(handler: tornado.web.RequestHandler) -> Filters:
    arg = handler.get_argument
    return Filters(
        module=arg("module", ""),
        activity=arg("activity", ""),
        learner=arg("learner", ""),
        include_graded=arg("all", "") == "1",
    )


def _query(
    filters: Filters, hide: bool, at: tuple[str, str, str] | None = None, **more: str
) -> str:
    values = {
        "module": filters.module,
        "activity": filters.activity,
        "learner": filters.learner,
        "all": "1" if filters.include_graded else "",
        "hide": "1" if hide else "",
        "at": "/".join(at) if at else "",
        **more,
    }
    return urlencode({k: v for k, v in values.items() if v})


class PageHandler(_Base):
    """The grading page: one reflection, the queue around it, the filters."""

    def get(self) -> None:
        from ..i18n import gettext
        from ..rendering import render

        filters = _filters(self)
        hide = self.get_argument("hide", "") == "1"
        queue = self.review.queue(filters)
        wanted = tuple(self.get_argument("at", "").split("/"))
        index = next((i for i, it in enumerate(queue) if it.key == wanted), 0)
        item = queue[index] if queue else None
        detail = self.review.detail(item) if item else None
        choices = self.review.choices()
        names = {learner: n for n, learner in enumerate(choices["learner"], 1)}

        def shown(learner: str) -> str:
            if not hide:
                return learner
            return gettext("Learner {n}", self.review.lang).format(n=names.get(learner, 0))

        def link(target: QueueItem | None) -> str:
            if target is None:
                return ""
            return f"{self.prefix()}?{_query(filters, hide, target.key)}"

        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(
            render(
                "grading/review.html.j2",
                self.review.lang,
                detail=detail,
                position=index + 1,
                total=len(queue),
                previous=link(queue[index - 1]) if queue and index > 0 else "",
                next=link(queue[index + 1]) if index + 1 < len(queue) else "",
                filters=filters,
                hide=hide,
                choices=choices,
                titles=self.review.titles(),
                shown=shown,
                action=f"{self.prefix()}save",
                here=self.prefix(),
                xsrf=Markup(self.xsrf_form_html()),
                saved=self.get_argument("saved", ""),
                error=self.get_argument("error", ""),
            )
        )


class SaveHandler(_Base):
    """Save the chosen levels and the comment, then show the next reflection."""

    def post(self) -> None:
        from ..i18n import gettext
        from .gradebook import ScoreError

        filters = _filters(self)
        hide = self.get_argument("hide", "") == "1"
        key = tuple(self.get_argument("item").split("/"))
        every = self.review.queue(Filters(include_graded=True))
        item = next((it for it in every if it.key == key), None)
        if item is None:
            raise tornado.web.HTTPError(404)
        scores: dict[str, float] = {}
        for gid in item.layout.manual:
            value = self.get_argument(f"c:{gid}", "")
            if value:
                try:
                    scores[gid] = float(value)
                except ValueError as exc:
                    raise tornado.web.HTTPError(400) from exc
        comment = self.get_argument("comment", "", strip=False)
        try:
            self.review.save(item, scores, comment)
        except ScoreError:
            message = gettext(
                "That level is not one of the rubric's; nothing was saved.", self.review.lang
            )
            self.redirect(f"{self.prefix()}?{_query(filters, hide, key, error=message)}")
            return
        # the next reflection after this one, in the queue as it is after saving
        queue = self.review.queue(filters)
        order = [it.key for it in every]
        after = [it for it in queue if order.index(it.key) > order.index(key)]
        target = after[0] if after else (queue[0] if queue else None)
        saved = gettext("Saved.", self.review.lang)
        at = target.key if target else None
        self.redirect(f"{self.prefix()}?{_query(filters, hide, at, saved=saved)}")


def make_app(
    course_dir: Path,
    lang: str = "en",
    token: str | None = None,
    prefix: str = "/",
    hub: bool = False,
) -> tornado.web.Application:
    """The Tornado application (hub: authenticate through JupyterHub's OAuth)."""
    review = Review(course_dir, lang)
    settings: dict[str, Any] = dict(
        review=review,
        prefix=prefix,
        token=token,
        xsrf_cookies=True,
        cookie_secret=secrets.token_bytes(32),
        hub_auth=None,
    )
    handlers: list[Any] = []
    page: type = PageHandler
    save: type = SaveHandler
    if hub:
        from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler, HubOAuthenticated

        auth = HubOAuth(cache_max_age=60)
        settings["hub_auth"] = auth
        # HubOAuth signs its login-state cookie with the application's secret; one made from the
        # service's own token stays the same when the hub restarts the service mid-login
        settings["cookie_secret"] = hashlib.sha256(
            b"grade-review-cookie:" + auth.api_token.encode()
        ).digest()
        page = type("HubPageHandler", (HubOAuthenticated, PageHandler), {"hub_auth": auth})
        save = type("HubSaveHandler", (HubOAuthenticated, SaveHandler), {"hub_auth": auth})
        handlers.append((f"{prefix}oauth_callback", HubOAuthCallbackHandler))
    handlers += [(prefix, page), (f"{prefix}save", save)]
    return tornado.web.Application(handlers, **settings)


def serve(course_dir: Path, lang: str = "en", port: int = 0, host: str = "127.0.0.1") -> None:
    """Run the grading page until interrupted (a hub service when the hub started us)."""
    import tornado.ioloop

    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "")
    hub = bool(prefix)
    token = None if hub else secrets.token_urlsafe(24)
    app = make_app(course_dir, lang, token, prefix or "/", hub)
    server = app.listen(port, host)
    bound = next(iter(server._sockets.values())).getsockname()[1]
    if token:
        print(f"Grading page: http://{host}:{bound}/?token={token}", flush=True)
    else:
        print(f"Grading page served for the hub at {prefix} (port {bound})", flush=True)
    tornado.ioloop.IOLoop.current().start()


def hub_service(settings: Any) -> Any:
    """The grading page as a coach-only hub service (see `partnership_course.hub.services`)."""
    import sys as _sys

    from ..hub.services import ServiceSpec, python_tool

    environment = {"PATH": f"{Path(_sys.executable).parent}:/usr/local/bin:/usr/bin:/bin"}
    if settings.gradebook:
        environment["PARTNERSHIP_COURSE_GRADEBOOK"] = settings.gradebook
    for name in ("PARTNERSHIP_COURSE_SCENARIOS", "PARTNERSHIP_COURSE_TRANSLATIONS"):
        if os.environ.get(name):
            environment[name] = os.environ[name]
    return ServiceSpec(
        name=SERVICE,
        description="Grade reflections: rubric levels, anchors, comments",
        command=[
            *python_tool("partnership_course.cli"),
            "grade",
            "review",
            f"--course-dir={settings.course_path}",
            "--port={port}",
        ],
        environment=environment,
        cwd=str(settings.course_path),
    )
