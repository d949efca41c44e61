"""The tool's registration with one LMS platform, read from `lti.yaml`.

One file holds what the district's LMS administrator and the hub administrator exchange when
the tool is registered: the platform's issuer, client id(s), deployment id(s) and addresses; our
tool's private key; and which LMS course (its context id) is which course of ours (a course id,
the nbgrader course folder and gradebook that belong to it). Kept as data, not hub code, so that
the hub, `partnership-course grade passback` and the coach's audit all read the same registration.

```yaml
tool:
  url: https://pd.district.org          # the hub's public address
  private_key: /srv/lti/tool-key.pem    # `partnership-course lti keys` makes it
platform:
  issuer: https://canvas.instructure.com
  client_id: ["10000000000042"]
  deployment_ids: ["7:abc123"]
  authorize_url: https://sso.canvaslms.com/api/lti/authorize_redirect
  token_url: https://sso.canvaslms.com/login/oauth2/token
  jwks_url: https://sso.canvaslms.com/api/lti/security/jwks
  # token_audience: https://api.brightspace.com/auth/token   (Brightspace only)
courses:
  - context: "4321"                     # the LMS course's context id
    course: pd-2026                     # our course id (the nbgrader course id)
    folder: /srv/courses/pd-2026        # its nbgrader course folder
```
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ENV = "PARTNERSHIP_COURSE_LTI"
AGS_SCOPES = (
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
)


class SettingsError(ValueError):
    """lti.yaml is missing, unreadable or incomplete; the message says which key."""


@dataclass(frozen=True)
class CourseLink:
    """One LMS course (context) and the course of ours it opens."""

    context: str
    course: str
    folder: Path | None = None


@dataclass(frozen=True)
class Settings:
    """Everything the launch and passback need to know about the registration."""

    tool_url: str
    private_key_path: Path
    issuer: str
    client_ids: tuple[str, ...]
    deployment_ids: tuple[str, ...]
    authorize_url: str
    token_url: str
    jwks_url: str
    courses: tuple[CourseLink, ...]
    token_audience: str = ""  # the `aud` of our token request, where it is not token_url
    source: Path | None = None

    @property
    def private_key(self) -> str:
        try:
            return self.private_key_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SettingsError(
                f"the tool's private key {self.private_key_path} cannot be read ({exc}); "
                "make one with `partnership-course lti keys`"
            ) from exc

    def public_key(self) -> str:
        from cryptography.hazmat.primitives import serialization

        key = serialization.load_pem_private_key(self.private_key.encode(), password=None)
        return (
            key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )

    def jwks(self) -> dict[str, Any]:
        """The tool's public key set, as the platform fetches it from our JWKS address."""
        from pylti1p3.registration import Registration

        return {"keys": [dict(Registration.get_jwk(self.public_key()))]}

    def registration(self, client_id: str) -> Any:
        """pylti1p3's Registration of our tool for one client id (signs our JWTs)."""
        from pylti1p3.registration import Registration

        registration = (
            Registration()
            .set_issuer(self.issuer)
            .set_client_id(client_id)
            .set_auth_token_url(self.token_url)
            .set_key_set_url(self.jwks_url)
            .set_tool_private_key(self.private_key)
            .set_tool_public_key(self.public_key())
        )
        if self.token_audience:
            registration.set_auth_audience(self.token_audience)
        return registration

    def course_for(self, context: str | None) -> CourseLink | None:
        """Our course for an LMS context id (None: the context is not registered)."""
        return next((c for c in self.courses if c.context == context), None)

    def course_by_id(self, course: str) -> CourseLink | None:
        return next((c for c in self.courses if c.course == course), None)

    def addresses(self) -> dict[str, str]:
        """Our tool's addresses, as an LMS administrator types them into the registration."""
        base = self.tool_url.rstrip("/")
        return {
            "target_link_uri": f"{base}/hub/",
            "login_initiation_url": f"{base}/hub/lti13/oauth_login",
            "redirect_uri": f"{base}/hub/lti13/oauth_callback",
            "jwks_url": f"{base}/hub/lti13/jwks",
            "deep_linking_url": f"{base}/hub/",
        }


def _text(data: dict[str, Any], section: str, key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"lti settings: `{section}.{key}` is required (a text value)")
    return value.strip()


def _texts(data: dict[str, Any], section: str, key: str) -> tuple[str, ...]:
    value = data.get(key)
    values = [value] if isinstance(value, str) else value
    if (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, str | int) and str(v).strip() for v in values)
    ):
        raise SettingsError(f"lti settings: `{section}.{key}` needs one or more values")
    return tuple(str(v).strip() for v in values)


def parse_settings(data: Any, source: Path | None = None) -> Settings:
    """Settings from the parsed YAML; relative key paths are relative to the file."""
    if not isinstance(data, dict):
        raise SettingsError("lti settings: the file must hold a mapping with tool and platform")
    tool, platform = data.get("tool"), data.get("platform")
    if not isinstance(tool, dict) or not isinstance(platform, dict):
        raise SettingsError("lti settings: `tool` and `platform` sections are required")
    key_path = Path(_text(tool, "tool", "private_key")).expanduser()
    if not key_path.is_absolute() and source is not None:
        key_path = source.parent / key_path
    courses = []
    for i, entry in enumerate(data.get("courses") or []):
        if not isinstance(entry, dict):
            raise SettingsError(f"lti settings: courses[{i}] must be a mapping")
        where = f"courses[{i}]"
        folder = entry.get("folder")
        courses.append(
            CourseLink(
                context=str(entry.get("context") or "").strip() or _text({}, where, "context"),
                course=_text(entry, where, "course"),
                folder=Path(folder).expanduser() if folder else None,
            )
        )
    if not courses:
        raise SettingsError(
            "lti settings: `courses` must name at least one LMS context and its course"
        )
    return Settings(
        tool_url=_text(tool, "tool", "url"),
        private_key_path=key_path,
        issuer=_text(platform, "platform", "issuer"),
        client_ids=_texts(platform, "platform", "client_id"),
        deployment_ids=_texts(platform, "platform", "deployment_ids"),
        authorize_url=_text(platform, "platform", "authorize_url"),
        token_url=_text(platform, "platform", "token_url"),
        jwks_url=_text(platform, "platform", "jwks_url"),
        courses=tuple(courses),
        token_audience=str(platform.get("token_audience") or "").strip(),
        source=source,
    )


def load_settings(path: str | Path | None = None) -> Settings:
    """Settings from `path`, else from the file named by $PARTNERSHIP_COURSE_LTI."""
    chosen = path or os.environ.get(ENV)
    if not chosen:
        raise SettingsError(
            f"no LTI settings: pass --lti-config FILE or set {ENV} to the lti.yaml file"
        )
    file = Path(chosen).expanduser()
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"lti settings: cannot read {file} ({exc})") from exc
    except yaml.YAMLError as exc:
        raise SettingsError(f"lti settings: {file} is not valid YAML ({exc})") from exc
    return parse_settings(data, file.resolve())


def write_key(path: Path) -> Path:
    """Make the tool's RSA key (2048 bits, PEM, readable by its owner only); never overwrite."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    if path.exists():
        raise SettingsError(f"{path} exists; the tool's key is kept (remove it to make a new one)")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return path
