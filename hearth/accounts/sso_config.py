"""Sign-in through the council's own directory (OpenID Connect, mozilla-django-oidc): its settings,
read from the environment by hearth/settings.py. Off unless HEARTH_SSO_CLIENT_ID is set; once it
is, every other setting it needs must be there too, or Hearth refuses to start and says which
(docs/operations.md, "Sign-in through the council's directory").

HEARTH_SSO_CLIENT_ID, HEARTH_SSO_CLIENT_SECRET   Hearth's registration with the directory
HEARTH_SSO_ISSUER               the directory's issuer (the `iss` of its tokens); checked on every ID token
HEARTH_SSO_AUTHORIZATION_ENDPOINT, HEARTH_SSO_TOKEN_ENDPOINT, HEARTH_SSO_USERINFO_ENDPOINT,
HEARTH_SSO_JWKS_ENDPOINT        the directory's endpoints, from its /.well-known/openid-configuration
HEARTH_SSO_ROLE_MAP             JSON: each directory group (as the groups claim names it; Entra ID
                                gives object IDs) to the Hearth role it gives, {"<group>": "Social worker"}
HEARTH_SSO_GROUPS_CLAIM         the claim that lists a person's groups (default `groups`)
HEARTH_SSO_USERNAME_CLAIM       the claim that is the Hearth username (default `preferred_username`)
"""

import json
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

from hearth.core.roles import Role

ENDPOINTS = {
    "HEARTH_SSO_AUTHORIZATION_ENDPOINT": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "HEARTH_SSO_TOKEN_ENDPOINT": "OIDC_OP_TOKEN_ENDPOINT",
    "HEARTH_SSO_USERINFO_ENDPOINT": "OIDC_OP_USER_ENDPOINT",
    "HEARTH_SSO_JWKS_ENDPOINT": "OIDC_OP_JWKS_ENDPOINT",
}
REQUIRED = ["HEARTH_SSO_CLIENT_SECRET", "HEARTH_SSO_ISSUER", *ENDPOINTS, "HEARTH_SSO_ROLE_MAP"]


def role_map_from_text(text: str) -> dict[str, str]:
    """{"<group>": "<role>"}, every role one of Hearth's own (hearth/core/roles.py)."""
    roles = {role.value for role in Role}
    try:
        mapping = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(
            f'HEARTH_SSO_ROLE_MAP is not JSON ({error}): give {{"<directory group>": "<Hearth role>", ...}}'
        ) from None
    if not isinstance(mapping, dict) or not mapping:
        raise ImproperlyConfigured('HEARTH_SSO_ROLE_MAP: give {"<directory group>": "<Hearth role>", ...}')
    for group, role in mapping.items():
        if role not in roles:
            raise ImproperlyConfigured(
                f"HEARTH_SSO_ROLE_MAP: {role!r} (for group {group!r}) is not a Hearth role. The roles are: "
                + ", ".join(sorted(roles))
            )
    return mapping


def single_sign_on_settings(environ: Mapping[str, str]) -> dict:
    """The settings (Hearth's and mozilla-django-oidc's) for sign-in through the council's directory."""
    value = {name: environ.get(name, "").strip() for name in ["HEARTH_SSO_CLIENT_ID", *REQUIRED]}
    enabled = bool(value["HEARTH_SSO_CLIENT_ID"])
    if enabled:
        missing = [name for name in REQUIRED if not value[name]]
        if missing:
            raise ImproperlyConfigured(
                "HEARTH_SSO_CLIENT_ID is set, so sign-in through the council's directory is on, but "
                + ", ".join(missing)
                + (" are" if len(missing) > 1 else " is")
                + ' not set (docs/operations.md, "Sign-in through the council\'s directory")'
            )
    return {
        "HEARTH_SSO_ENABLED": enabled,
        "HEARTH_SSO_ISSUER": value["HEARTH_SSO_ISSUER"],
        "HEARTH_SSO_ROLE_MAP": role_map_from_text(value["HEARTH_SSO_ROLE_MAP"]) if enabled else {},
        "HEARTH_SSO_GROUPS_CLAIM": environ.get("HEARTH_SSO_GROUPS_CLAIM", "").strip() or "groups",
        "HEARTH_SSO_USERNAME_CLAIM": environ.get("HEARTH_SSO_USERNAME_CLAIM", "").strip() or "preferred_username",
        # mozilla-django-oidc's own settings
        "OIDC_RP_CLIENT_ID": value["HEARTH_SSO_CLIENT_ID"],
        "OIDC_RP_CLIENT_SECRET": value["HEARTH_SSO_CLIENT_SECRET"],
        **{oidc: value[hearth] for hearth, oidc in ENDPOINTS.items()},
        "OIDC_RP_SIGN_ALGO": "RS256",  # ID tokens signed with the directory's published keys
        "OIDC_RP_SCOPES": "openid profile email",
        "OIDC_USE_PKCE": True,
        "OIDC_TOKEN_USE_BASIC_AUTH": True,
        "OIDC_TIMEOUT": 10,  # seconds for each call to the directory
    }
