"""The LMS launch into the hub: jupyterhub-ltiauthenticator's LTI13Authenticator, made strict.

LTI13Authenticator already runs the OIDC third-party login (state and nonce in encrypted
cookies), verifies the id_token's signature on the platform's JWKS, its issuer, audience, expiry
and age, and the LTI claims it requires. For the course it adds:

- a user name that is stable and unique per platform, made from the issuer and the subject
  (`user_name`), never from a display name or an e-mail address that can change or repeat;
- the deployment id must be one registered in `lti.yaml`, and the LMS course (context) must be
  registered there too: it decides our course (the hub group `course-<id>`, its folder and
  gradebook);
- a nonce is accepted once: it is recorded in the store's `lti_nonces` table, so replaying a
  captured launch with its cookies is refused;
- the Instructor and Teaching Assistant roles (and the LMS administrator) put the person in the
  coaches group; everyone else is a learner, and leaves the coaches group on their next launch;
- what passback needs (the AGS line-items address and scopes, the subject) is written to the
  `lti_launches` table at launch, and nothing is written for a refused launch;
- refusals are shown as a plain page from our own template (autoescaped), with the reason;
- the person lands on their course page, or on the one module a deep link placed.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import parse_qs, urlparse

from jupyterhub.handlers import BaseHandler
from jupyterhub.utils import url_path_join
from ltiauthenticator.lti13.auth import LTI13Authenticator
from ltiauthenticator.lti13.constants import LTI13_GENERAL_REQUIRED_CLAIMS
from ltiauthenticator.lti13.error import LoginError
from ltiauthenticator.lti13.handlers import LTI13CallbackHandler, LTI13LoginInitHandler
from ltiauthenticator.lti13.validator import LTI13LaunchValidator
from tornado.web import HTTPError
from traitlets import Unicode, default

from .records import Launch, Records, now
from .settings import Settings, load_settings

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
DL_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
COACH_ROLES = (
    "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
    "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
    "http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper",
    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
    "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
)


def user_name(issuer: str, subject: str) -> str:
    """`lti-` and 24 hex digits of SHA-256 over issuer and subject: a valid, stable hub name.

    Hashing keeps any subject (LMSs use numbers, UUIDs, or opaque strings of up to 255
    characters with any character) within JupyterHub's name rules and the store's key width;
    the issuer makes the same subject from two platforms two people.
    """
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()
    return f"lti-{digest[:24]}"


def is_coach(roles: list[str]) -> bool:
    """Instructor, Teaching Assistant (a sub-role of Instructor), content developer, admin."""
    return any(
        role in COACH_ROLES or role.startswith(COACH_ROLES[0] + "/") or role == "Instructor"
        for role in roles
    )


def course_group(course: str) -> str:
    return f"course-{course}"


def _language(header: str) -> str:
    """The page language for an Accept-Language header: the course's one rule (q-values
    honoured), as the workshop server reads it."""
    from ..i18n import browser_languages, choose_language

    return choose_language(*browser_languages(header))


class RefusalPage:
    """Mixin: every error of the LTI handlers as the course's plain refusal page."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        from ..rendering import render

        exc = kwargs.get("exc_info", (None, None, None))[1]
        reason = ""
        if isinstance(exc, HTTPError):
            reason = exc.log_message or exc.reason or ""
        handler: Any = self
        lang = _language(handler.request.headers.get("Accept-Language", ""))
        handler.set_header("Content-Type", "text/html; charset=utf-8")
        handler.set_header("Cache-Control", "no-store")
        handler.finish(render("lti/refused.html.j2", lang, status=status_code, reason=reason))


class CourseLoginInitHandler(RefusalPage, LTI13LoginInitHandler):
    """The login-initiation address: the platform starts every launch here."""

    def _set_oauth_cookie(self, key: str, value: Any) -> None:
        # The platform posts the id_token back from its own site; a browser sends a cookie on
        # such a cross-site POST only when it is SameSite=None (which also requires Secure).
        cross_site = {}
        if self.authenticator.get_uri_scheme(self.request) == "https":
            cross_site = {"samesite": "None", "secure": True}
        self._set_cookie(key, value, expires_days=1, httponly=True, encrypted=True, **cross_site)


class CourseLaunchValidator(LTI13LaunchValidator):
    """LTI13LaunchValidator, asking of a deep-linking request only what the specification
    requires (the library also requires `azp` and `launch_presentation` there, which Moodle and
    others do not send)."""

    def validate_id_token(self, id_token: dict[str, Any]) -> None:
        if id_token.get(LTI + "message_type") != "LtiDeepLinkingRequest":
            return super().validate_id_token(id_token)
        self._check_arg_not_missing(id_token, LTI13_GENERAL_REQUIRED_CLAIMS.keys())
        self._check_lti_version(id_token)
        self._check_if_iat_is_too_old(id_token)
        self._check_arg_not_missing(id_token, [DL_SETTINGS])
        return None


class CourseCallbackHandler(RefusalPage, LTI13CallbackHandler):
    """The redirect URI: the platform posts the id_token here."""

    def decode_and_validate_launch_request(self) -> dict[str, Any]:
        """The library's steps in its order (arguments, state, signature and claims, azp,
        nonce), with `CourseLaunchValidator`."""
        from ltiauthenticator.utils import convert_request_to_dict

        validator = CourseLaunchValidator(parent=self.app)
        args = convert_request_to_dict(self.request.arguments)
        validator.validate_auth_response(args)
        self.check_state()
        id_token = validator.verify_and_decode_jwt(
            encoded_jwt=args.get("id_token"),
            issuer=self.authenticator.issuer,
            audience=self.authenticator.client_id,
            jwks_endpoint=self.authenticator.jwks_endpoint,
            jwks_algorithms=self.authenticator.jwks_algorithms,
        )
        validator.validate_id_token(id_token)
        validator.validate_azp_claim(id_token, self.authenticator.client_id)
        self.check_nonce(id_token)
        return id_token

    def get_next_url(self, user: Any = None) -> str:
        landing = getattr(self, "_lti_landing", None)
        return landing or super().get_next_url(user)


class ToolJWKSHandler(BaseHandler):
    """Our public key set: the platform checks our AGS token requests (and deep links) on it."""

    async def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "public, max-age=300")
        self.write(self.authenticator.settings().jwks())


class CourseLTIAuthenticator(LTI13Authenticator):
    """LTI13Authenticator configured from `lti.yaml` (see module docstring)."""

    login_service = "your LMS"
    login_handler = CourseLoginInitHandler
    callback_handler = CourseCallbackHandler

    lti_config = Unicode(
        "", config=True, help="the registration file lti.yaml (default: $PARTNERSHIP_COURSE_LTI)"
    )
    store_url = Unicode(
        "", config=True, help="the response store, where launches and nonces are recorded"
    )
    coaches_group = Unicode("coaches", config=True, help="hub group of coaches")
    start_page = Unicode(
        "/voila/tree", config=True, help="the course page on a user server, where a launch lands"
    )
    module_page = Unicode(
        "/voila/render/{page}",
        config=True,
        help="a module's first page on a user server ({page} is its notebook path)",
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # coaches' deep-linking requests waiting for their choice of module, by hub user name
        # (kept in memory: a hub restart only means launching the content menu again)
        self.deep_links: dict[str, dict[str, Any]] = {}
        settings = self.settings()
        self.issuer = settings.issuer
        self.client_id = set(settings.client_ids)
        self.authorize_url = settings.authorize_url
        self.jwks_endpoint = settings.jwks_url

    @default("username_key")
    def _username_key(self) -> str:
        return "sub"

    @default("manage_groups")
    def _manage_groups(self) -> bool:
        return True

    @default("allow_all")
    def _allow_all(self) -> bool:
        # the LMS decides who may launch: everyone it sends with a valid id_token may enter
        return True

    def settings(self) -> Settings:
        if not hasattr(self, "_settings"):
            self._settings = load_settings(self.lti_config or None)
        return self._settings

    def records(self) -> Records:
        if not hasattr(self, "_records"):
            self._records = Records(self.store_url or None)
        return self._records

    def jwks_url(self, base_url: str) -> str:
        return url_path_join(base_url, "lti13", "jwks")

    def get_handlers(self, app: Any) -> list[Any]:
        from .deeplink import DeepLinkHandler

        return [
            *super().get_handlers(app),
            (self.jwks_url(""), ToolJWKSHandler),
            (url_path_join("lti13", "deep-link"), DeepLinkHandler),
        ]

    def get_username(self, token: dict[str, Any]) -> str:
        subject = token.get("sub")
        if not subject:
            raise LoginError("the launch names nobody (no subject in the id_token)")
        return user_name(str(token["iss"]), str(subject))

    def landing(self, handler: Any, token: dict[str, Any], coach: bool) -> str:
        """Where the launch lands: the module a deep link named, else the course page."""
        from ..workshop.outline import outline

        page = self.start_page
        target = str(token.get(LTI + "target_link_uri") or "")
        custom = token.get(LTI + "custom") or {}
        wanted = (
            str(custom.get("module") or "")
            or (parse_qs(urlparse(target).query).get("module") or [""])[0]
        )
        module = next((m for m in outline() if m.name == wanted and m.pages), None)
        if module is not None:
            page = self.module_page.format(page=module.pages[0].path)
        if token.get(LTI + "message_type") == "LtiDeepLinkingRequest" and coach:
            return url_path_join(handler.hub.base_url, "lti13", "deep-link")
        return url_path_join(handler.hub.base_url, "user-redirect", page.lstrip("/"))

    async def authenticate(  # type: ignore[override]
        self, handler: Any, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        token = data or {}
        settings = self.settings()
        deployment = str(token.get(LTI + "deployment_id") or "")
        if deployment not in settings.deployment_ids:
            raise LoginError(f"this LMS deployment ({deployment or 'none'}) is not registered")
        context = (token.get(LTI + "context") or {}).get("id")
        link = settings.course_for(str(context) if context is not None else None)
        if link is None:
            raise LoginError("this LMS course is not linked to a course here")
        roles = [str(r) for r in token.get(LTI + "roles") or []]
        coach = is_coach(roles)
        deep_linking = token.get(LTI + "message_type") == "LtiDeepLinkingRequest"
        if deep_linking and not coach:
            raise LoginError("only coaches (LMS instructors) can place modules in a course")
        name = self.get_username(token)
        nonce = str(token.get("nonce") or "")
        if not nonce or not self.records().use_nonce(str(token["iss"]), nonce):
            raise LoginError("this launch was already used; start again from the LMS")
        ags = token.get(AGS_CLAIM) or {}
        launch = Launch(
            user=self.normalize_username(name),
            course=link.course,
            issuer=str(token["iss"]),
            client_id=str(token.get("azp") or _audience(token)),
            deployment_id=deployment,
            subject=str(token["sub"]),
            context=str(context),
            lineitems_url=ags.get("lineitems"),
            scopes=tuple(ags.get("scope") or ()),
            coach=coach,
            launched_at=now(),
        )
        self.records().save_launch(launch)
        handler._lti_landing = self.landing(handler, token, coach)
        if deep_linking:
            self.deep_links[launch.user] = {
                "settings": token.get(DL_SETTINGS) or {},
                "deployment_id": deployment,
                "client_id": launch.client_id,
            }
        groups = [course_group(link.course)] + ([self.coaches_group] if coach else [])
        return {
            "name": name,
            "groups": groups,
            "auth_state": {
                "issuer": launch.issuer,
                "subject": launch.subject,
                "course": launch.course,
                "lineitems": launch.lineitems_url,
                "deployment_id": deployment,
            },
        }


def _audience(token: dict[str, Any]) -> str:
    aud = token.get("aud")
    return str(aud[0] if isinstance(aud, list) and aud else aud or "")
