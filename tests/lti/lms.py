"""A small LTI 1.3 platform (the LMS side) for the tests, served by Tornado on loopback.

It does what Canvas, Moodle, Schoology or Brightspace do for our tool, and records everything
the tool sends so a test can check it:

- `/jwks`: the platform's public keys (its own RSA key, made fresh for every platform);
- `/course/launch?user=learner|instructor`: the course link a person clicks; it starts the
  third-party initiated login at the tool (`iss`, `login_hint`, `target_link_uri`, ...);
- `/authorize`: the OIDC authorization endpoint; answers with a page that posts a signed
  `id_token` (form_post) to the tool's redirect URI, with the LTI 1.3 resource-link claims,
  roles, context, deployment id, the AGS endpoint claim, the tool's nonce and state;
- `/token`: the OAuth2 token endpoint for AGS (`client_credentials` with a JWT assertion that
  must be signed by the tool's key, checked against the tool's JWKS);
- `/lineitems` (GET lists, POST creates) and `/lineitems/<n>/scores` (POST records a score).

`Platform.tamper` changes the next id_token (a wrong key, audience, deployment id, an expiry in
the past) so that the refusal tests can be run through the real tool. Platform-side JWT work
uses PyJWT and cryptography: this is test code, the tool side uses pylti1p3.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import jwt
import tornado.web
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/"
SCOPES = (
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
)
ROLES = {
    "learner": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
    "instructor": [
        "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
        "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty",
    ],
    "assistant": ["http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"],
}


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def private_pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def public_jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


@dataclass
class Person:
    """Someone enrolled in the platform's course."""

    sub: str
    name: str
    role: str  # key of ROLES
    email: str = ""
    login: str = ""  # the login_hint the platform knows them by (set by new_platform)


@dataclass
class Platform:
    """State of the platform; the Tornado handlers read and change it."""

    client_id: str = "partnership-tool"
    deployment_id: str = "deployment-1"
    context_id: str = "course-pd-2026"
    context_label: str = "PD-FAM"
    tool_login_url: str = ""  # set by the test once the hub's address is known
    tool_redirect_uri: str = ""
    tool_jwks_url: str = ""  # the tool's JWKS address, or else:
    tool_jwks: dict[str, Any] = field(default_factory=dict)  # its keys pasted in (as Canvas allows)
    target_link_uri: str = ""
    people: dict[str, Person] = field(default_factory=dict)
    key: rsa.RSAPrivateKey = field(default_factory=new_key)
    kid: str = field(default_factory=lambda: "platform-" + secrets.token_hex(4))
    url: str = ""
    tamper: dict[str, Any] = field(default_factory=dict)
    lineitems: list[dict[str, Any]] = field(default_factory=list)
    scores: list[dict[str, Any]] = field(default_factory=list)
    tokens: dict[str, list[str]] = field(default_factory=dict)
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    fail_scores: int = 0  # answer the next N score posts with HTTP 503
    last_form: dict[str, str] = field(default_factory=dict)
    placed: list[dict[str, Any]] = field(default_factory=list)  # deep-linked content items
    link_targets: dict[str, str] = field(default_factory=dict)  # login_hint -> link clicked

    @property
    def issuer(self) -> str:
        return self.url

    def lineitems_url(self) -> str:
        return f"{self.url}/lineitems"

    def id_token(self, person: Person, nonce: str, message: str = "LtiResourceLinkRequest") -> str:
        """The signed id_token for `person`, changed as `tamper` says (then `tamper` is cleared)."""
        tamper, self.tamper = self.tamper, {}
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": tamper.get("aud", self.client_id),
            "sub": person.sub,
            "iat": now - 3600 if tamper.get("expired") else now,
            "exp": now - 1800 if tamper.get("expired") else now + 300,
            "nonce": nonce,
            "name": person.name,
            "email": person.email,
            LTI + "message_type": message,
            LTI + "version": "1.3.0",
            LTI + "deployment_id": tamper.get("deployment_id", self.deployment_id),
            LTI + "target_link_uri": self.link_targets.pop(person.login, self.target_link_uri),
            LTI + "roles": ROLES[person.role],
            LTI + "context": {
                "id": self.context_id,
                "label": self.context_label,
                "title": "Partnering with families",
                "type": ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"],
            },
            LTI + "tool_platform": {"guid": "test-platform", "name": "Test LMS"},
        }
        if message == "LtiResourceLinkRequest":
            claims[LTI + "resource_link"] = {"id": "link-course", "title": "Course"}
            claims[AGS_CLAIM] = {"scope": list(SCOPES), "lineitems": self.lineitems_url()}
        else:
            claims[DL_CLAIM + "deep_linking_settings"] = {
                "deep_link_return_url": f"{self.url}/deep-link-return",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["window", "iframe"],
                "accept_multiple": False,
                "data": "dl-" + secrets.token_hex(4),
            }
        key = new_key() if tamper.get("bad_signature") else self.key
        return jwt.encode(claims, private_pem(key), algorithm="RS256", headers={"kid": self.kid})

    def tool_key(self, token: str) -> Any:
        """The tool's public key that signed `token`, from its JWKS address or pasted keys."""
        if self.tool_jwks_url:
            return jwt.PyJWKClient(self.tool_jwks_url).get_signing_key_from_jwt(token).key
        kid = jwt.get_unverified_header(token).get("kid")
        for found in jwt.PyJWKSet.from_dict(self.tool_jwks).keys:
            if found.key_id == kid:
                return found.key
        raise jwt.InvalidKeyError(f"no tool key with kid {kid!r}")

    def scores_for(self, sub: str) -> list[dict[str, Any]]:
        return [s for s in self.scores if s["body"].get("userId") == sub]


class _Base(tornado.web.RequestHandler):
    @property
    def platform(self) -> Platform:
        return self.application.settings["platform"]

    def check_xsrf_cookie(self) -> None:
        return None

    def bearer_scopes(self) -> list[str]:
        header = self.request.headers.get("Authorization", "")
        token = header.removeprefix("Bearer ").strip()
        if token not in self.platform.tokens:
            raise tornado.web.HTTPError(401, "unknown access token")
        return self.platform.tokens[token]


class JWKSHandler(_Base):
    def get(self) -> None:
        self.write({"keys": [public_jwk(self.platform.key, self.platform.kid)]})


class CourseLinkHandler(_Base):
    """The link in the LMS course: third-party initiated login at the tool."""

    def get(self) -> None:
        p = self.platform
        who = self.get_argument("user", "learner")
        message = self.get_argument("message", "LtiResourceLinkRequest")
        target = self.get_argument("target", p.target_link_uri)
        p.link_targets[who] = target
        params = {
            "iss": p.issuer,
            "login_hint": who,
            "target_link_uri": target,
            "lti_message_hint": message,
            "client_id": p.client_id,
            "lti_deployment_id": p.deployment_id,
        }
        self.redirect(f"{p.tool_login_url}?{urlencode(params)}")


class AuthorizeHandler(_Base):
    """OIDC authorization: checks the request, then posts the id_token back (form_post)."""

    def get(self) -> None:
        p = self.platform
        args = {
            k: self.get_argument(k, "")
            for k in (
                "response_type",
                "scope",
                "response_mode",
                "prompt",
                "client_id",
                "redirect_uri",
                "login_hint",
                "nonce",
                "state",
                "lti_message_hint",
            )
        }
        problems = []
        if args["response_type"] != "id_token" or args["scope"] != "openid":
            problems.append("response_type must be id_token and scope openid")
        if args["response_mode"] != "form_post":
            problems.append("response_mode must be form_post")
        if args["client_id"] != p.client_id:
            problems.append("unknown client_id")
        if args["redirect_uri"] != p.tool_redirect_uri:
            problems.append(f"redirect_uri {args['redirect_uri']!r} is not registered")
        if not args["nonce"]:
            problems.append("nonce missing")
        person = p.people.get(args["login_hint"])
        if person is None:
            problems.append("unknown login_hint")
        if problems:
            raise tornado.web.HTTPError(400, "; ".join(problems))
        assert person is not None
        message = args["lti_message_hint"] or "LtiResourceLinkRequest"
        drop_state = p.tamper.pop("drop_state", False)
        form = {"id_token": p.id_token(person, args["nonce"], message), "state": args["state"]}
        if drop_state:
            form.pop("state")
        p.last_form = dict(form)
        self.render_form(args["redirect_uri"], form)

    post = get

    def render_form(self, action: str, fields: dict[str, str]) -> None:
        from html import escape

        inputs = "".join(
            f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">'
            for k, v in fields.items()
        )
        self.write(
            "<!doctype html><html lang='en'><head><title>Test LMS</title></head><body>"
            f"<form id='launch' method='post' action='{escape(action)}'>{inputs}"
            "<button type='submit'>Continue</button></form>"
            "<script>document.getElementById('launch').submit()</script></body></html>"
        )


class TokenHandler(_Base):
    """client_credentials with a JWT assertion signed by the tool (checked on its JWKS)."""

    def post(self) -> None:
        p = self.platform
        grant = self.get_argument("grant_type", "")
        assertion = self.get_argument("client_assertion", "")
        scopes = self.get_argument("scope", "").split()
        record: dict[str, Any] = {"grant_type": grant, "scopes": scopes, "ok": False}
        p.token_requests.append(record)
        if (
            grant != "client_credentials"
            or self.get_argument("client_assertion_type", "")
            != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        ):
            raise tornado.web.HTTPError(400, "unsupported grant")
        try:
            key = p.tool_key(assertion)
            claims = jwt.decode(
                assertion,
                key,
                algorithms=["RS256"],
                audience=f"{p.url}/token",
                issuer=p.client_id,
                options={"require": ["exp", "iat", "jti", "sub"]},
            )
        except jwt.PyJWTError as exc:
            record["error"] = str(exc)
            raise tornado.web.HTTPError(401, f"client assertion refused: {exc}") from exc
        if claims["sub"] != p.client_id:
            raise tornado.web.HTTPError(401, "sub must be the client id")
        unknown = [s for s in scopes if s not in SCOPES]
        if unknown:
            raise tornado.web.HTTPError(400, f"scopes not granted: {unknown}")
        token = secrets.token_urlsafe(24)
        p.tokens[token] = scopes
        record["ok"] = True
        self.write(
            {
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": 3600,
                "scope": " ".join(scopes),
            }
        )


class LineItemsHandler(_Base):
    def get(self) -> None:
        self.bearer_scopes()
        self.set_header("Content-Type", "application/vnd.ims.lis.v2.lineitemcontainer+json")
        self.write(json.dumps(self.platform.lineitems))

    def post(self) -> None:
        scopes = self.bearer_scopes()
        if SCOPES[0] not in scopes:
            raise tornado.web.HTTPError(403, "lineitem scope needed")
        body = json.loads(self.request.body)
        item = {**body, "id": f"{self.platform.url}/lineitems/{len(self.platform.lineitems) + 1}"}
        self.platform.lineitems.append(item)
        self.set_status(201)
        self.set_header("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
        self.write(json.dumps(item))


class ScoresHandler(_Base):
    def post(self, number: str) -> None:
        p = self.platform
        if SCOPES[2] not in self.bearer_scopes():
            raise tornado.web.HTTPError(403, "score scope needed")
        if self.request.headers.get("Content-Type") != "application/vnd.ims.lis.v1.score+json":
            raise tornado.web.HTTPError(415, "score media type expected")
        lineitem = f"{p.url}/lineitems/{number}"
        if not any(item["id"] == lineitem for item in p.lineitems):
            raise tornado.web.HTTPError(404, "no such line item")
        if p.fail_scores > 0:
            p.fail_scores -= 1
            raise tornado.web.HTTPError(503, "platform busy")
        p.scores.append({"lineitem": lineitem, "body": json.loads(self.request.body)})
        self.set_status(200)
        self.write({})


class DeepLinkReturnHandler(_Base):
    """Where a deep-linking response is posted: the platform records the items it placed."""

    def post(self) -> None:
        p = self.platform
        token = self.get_argument("JWT")
        key = p.tool_key(token)
        claims = jwt.decode(token, key, algorithms=["RS256"], audience=p.issuer, issuer=p.client_id)
        p.placed.extend(claims.get(DL_CLAIM + "content_items", []))
        self.write("<!doctype html><title>Placed</title><p>Placed in the course.</p>")


def application(platform: Platform) -> tornado.web.Application:
    return tornado.web.Application(
        [
            (r"/jwks", JWKSHandler),
            (r"/course/launch", CourseLinkHandler),
            (r"/authorize", AuthorizeHandler),
            (r"/token", TokenHandler),
            (r"/lineitems", LineItemsHandler),
            (r"/lineitems/(\d+)/scores", ScoresHandler),
            (r"/deep-link-return", DeepLinkReturnHandler),
        ],
        platform=platform,
    )


class RunningPlatform:
    """The platform served on a free loopback port from a thread of the test process."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        sockets = bind_sockets(0, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        self._sockets = sockets
        platform.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._run, daemon=True, name="test-lms")

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        server = HTTPServer(application(self.platform))
        server.add_sockets(self._sockets)
        self._ready.set()
        self._loop.run_forever()
        server.stop()
        self._loop.close()

    def __enter__(self) -> Platform:
        self._thread.start()
        self._ready.wait(10)
        return self.platform

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


def new_platform() -> Platform:
    """A platform with one learner, one instructor and one teaching assistant."""
    people = {
        "learner": Person(
            f"learner-{uuid.uuid4().hex[:8]}", "Ana <b>López</b>", "learner", "ana@example.org"
        ),
        "instructor": Person(
            f"coach-{uuid.uuid4().hex[:8]}", "Coach Rivera", "instructor", "rivera@example.org"
        ),
        "assistant": Person(f"ta-{uuid.uuid4().hex[:8]}", "TA Kim", "assistant"),
    }
    for key, person in people.items():
        person.login = key
    return Platform(people=people)
