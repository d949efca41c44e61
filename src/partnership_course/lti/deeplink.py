"""Deep linking: a coach places one module of the course in an LMS course.

The LMS sends a coach here with an `LtiDeepLinkingRequest` launch (Canvas "Link Selection",
Moodle "Select content", Schoology and Brightspace "deep linking"). After the launch the coach
sees the modules as one radio group, picks one, and the tool answers the LMS with a signed
`LtiDeepLinkingResponse` (pylti1p3's `DeepLink`): one LTI resource link whose target names the
module, with the module's line item (its tag, label and points) so the LMS gradebook column and
our passback meet on the same line item. A learner launched from that link lands on the module.
"""

from __future__ import annotations

from typing import Any

from jupyterhub.handlers import BaseHandler
from tornado.web import HTTPError

from .authenticator import RefusalPage, _language

TARGET_PARAM = "module"


def module_url(tool_url: str, module: str) -> str:
    """The target link of a placed module: the hub, told which module to open."""
    return f"{tool_url.rstrip('/')}/hub/?{TARGET_PARAM}={module}"


def _modules() -> list[tuple[str, str, float]]:
    """(id, title, points) of every module, in course order."""
    from ..workshop.outline import outline
    from .scores import graded_module

    found = []
    for module in outline():
        if module.pages:
            graded = graded_module(module.name)
            found.append((module.name, graded.title, graded.max_points))
    return found


class DeepLinkHandler(RefusalPage, BaseHandler):
    """GET: the coach's choice of module. POST: the signed answer to the LMS."""

    def _pending(self) -> tuple[Any, dict[str, Any]]:
        user = self.current_user
        if user is None:
            raise HTTPError(403, "open this page from your LMS's deep-linking (content) menu")
        pending = self.authenticator.deep_links.get(user.name)
        if pending is None:
            raise HTTPError(400, "no deep-linking request from the LMS is waiting; start again")
        return user, pending

    def _lang(self) -> str:
        return _language(self.request.headers.get("Accept-Language", ""))

    async def get(self) -> None:
        from ..rendering import render

        self._pending()
        self.set_header("Cache-Control", "no-store")
        self.finish(
            render(
                "lti/deep_link.html.j2",
                self._lang(),
                modules=_modules(),
                xsrf=self.xsrf_token.decode("ascii"),
                action=self.request.path,
            )
        )

    async def post(self) -> None:
        from pylti1p3.deep_link import DeepLink
        from pylti1p3.deep_link_resource import DeepLinkResource
        from pylti1p3.lineitem import LineItem

        from ..rendering import render
        from .passback import TAG_PREFIX

        user, pending = self._pending()
        wanted = self.get_body_argument("module", "")
        chosen = next((m for m in _modules() if m[0] == wanted), None)
        if chosen is None:
            raise HTTPError(400, "choose one of the modules listed")
        module, title, points = chosen
        settings = self.authenticator.settings()
        lineitem = (
            LineItem()
            .set_tag(TAG_PREFIX + module)
            .set_resource_id(module)
            .set_label(title)
            .set_score_maximum(points)
        )
        resource = (
            DeepLinkResource()
            .set_url(module_url(settings.tool_url, module))
            .set_title(title)
            .set_custom_params({TARGET_PARAM: module})
            .set_lineitem(lineitem)
        )
        link = DeepLink(
            settings.registration(pending["client_id"]),
            pending["deployment_id"],
            pending["settings"],
        )
        token = link.get_response_jwt([resource])
        del self.authenticator.deep_links[user.name]
        self.set_header("Cache-Control", "no-store")
        self.finish(
            render(
                "lti/deep_link_return.html.j2",
                self._lang(),
                title_text=title,
                return_url=pending["settings"]["deep_link_return_url"],
                token=token,
            )
        )
