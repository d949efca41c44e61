"""Log-in: who may enter the hub, and under which name (the name is the learner id).

One function per way of logging in, in `AUTHENTICATORS`; another log-in (for example an LMS
launch) is one more function and one more line in the table.

- `native`: NativeAuthenticator. Staff sign up at `/hub/signup`; an admin approves each account
  at `/hub/authorize`. Nothing to set up outside the hub: the one-server district.
- `google`: Google Workspace through oauthenticator, limited to the district's domain.
- `entra`: Microsoft Entra ID (Azure AD) through oauthenticator, limited to the district's
  tenant, named by the user principal name (never the display name, which is not unique).

The OAuth client id and secret are read by oauthenticator from `OAUTH_CLIENT_ID` and
`OAUTH_CLIENT_SECRET` in the hub's environment, so no secret is written to a file by us.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .settings import HubSettings


def _require(settings: HubSettings, *names: str) -> None:
    missing = [name for name in names if not getattr(settings, name)]
    if missing:
        flags = ", ".join("--" + name.replace("_", "-") for name in missing)
        raise ValueError(f"log-in {settings.authenticator!r} needs {flags}")


def native(c: Any, settings: HubSettings) -> None:
    """Sign-up with admin approval; passwords hashed with bcrypt in the hub's database."""
    c.JupyterHub.authenticator_class = "native"
    c.NativeAuthenticator.open_signup = False  # every account is approved by an admin
    c.NativeAuthenticator.minimum_password_length = 10
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.allowed_failed_logins = 5
    c.NativeAuthenticator.seconds_before_next_try = 300
    # approval is NativeAuthenticator's own check; everyone it lets in is allowed
    c.Authenticator.allow_all = True


def google(c: Any, settings: HubSettings) -> None:
    """Google Workspace accounts of one domain; the user name is the address before the @."""
    _require(settings, "oauth_callback_url", "google_domain")
    c.JupyterHub.authenticator_class = "google"
    c.GoogleOAuthenticator.oauth_callback_url = settings.oauth_callback_url
    c.GoogleOAuthenticator.hosted_domain = [settings.google_domain]
    c.GoogleOAuthenticator.login_service = "your district Google account"
    c.GoogleOAuthenticator.allow_all = True  # everyone in the domain (hosted_domain limits it)


def entra(c: Any, settings: HubSettings) -> None:
    """Microsoft Entra ID accounts of one tenant, named by their user principal name."""
    _require(settings, "oauth_callback_url", "entra_tenant")
    c.JupyterHub.authenticator_class = "azuread"
    c.AzureAdOAuthenticator.tenant_id = settings.entra_tenant
    c.AzureAdOAuthenticator.oauth_callback_url = settings.oauth_callback_url
    c.AzureAdOAuthenticator.username_claim = "preferred_username"
    c.AzureAdOAuthenticator.login_service = "your district Microsoft account"
    c.AzureAdOAuthenticator.allow_all = True  # a single-tenant app admits only that tenant


def lti(c: Any, settings: HubSettings) -> None:
    """Launch from the district's LMS (LTI 1.3); see lti/ and docs/lms.md."""
    from ..lti.hubconfig import configure_lti
    from .spawner import START_PAGE

    _require(settings, "lti_config")
    configure_lti(c, settings.lti_config, settings.store)
    c.CourseLTIAuthenticator.start_page = START_PAGE


AUTHENTICATORS: dict[str, Callable[[Any, HubSettings], None]] = {
    "native": native,
    "google": google,
    "entra": entra,
    "lti": lti,
}


def configure_login(c: Any, settings: HubSettings) -> None:
    """Apply the chosen log-in, and the admins every log-in shares."""
    try:
        chosen = AUTHENTICATORS[settings.authenticator]
    except KeyError:
        known = ", ".join(AUTHENTICATORS)
        raise ValueError(
            f"unknown log-in {settings.authenticator!r}; choose one of {known}"
        ) from None
    chosen(c, settings)
    c.Authenticator.admin_users = set(settings.admins)
