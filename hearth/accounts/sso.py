"""Sign-in through the council's directory (OpenID Connect, mozilla-django-oidc), beside local accounts.

- The person signs in at the directory (Entra ID), which checks their password and its own second
  factor; Hearth receives a signed ID token, checks its signature against the directory's published
  keys, its issuer, its audience (Hearth's client id) and its nonce, and reads the person's claims.
- Their Hearth roles come from their directory groups (HEARTH_SSO_ROLE_MAP), set afresh at every
  sign-in: a group taken away in the directory takes the role away at the next sign-in. A person in
  no mapped group is refused, with a page that says why, and keeps no role.
- A directory sign-in satisfies Hearth's second factor (the directory does MFA: docs/security.md).
- Administrators' accounts (staff, superusers) never sign in this way: they keep a local password
  and their authenticator app.
"""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from hearth.accounts import services
from hearth.core.roles import Role

BACKEND_PATH = "hearth.accounts.sso.CouncilDirectoryBackend"
# Why the last directory sign-in in this session was refused, for the page that says so.
REFUSAL_SESSION_KEY = "hearth_sso_refusal"


def signed_in_through_directory(request) -> bool:
    """True when this session's sign-in was made through the council's directory."""
    return request.session.get(BACKEND_SESSION_KEY) == BACKEND_PATH


def roles_for_groups(groups) -> set[Role]:
    if isinstance(groups, str):
        groups = [groups]
    mapping = settings.HEARTH_SSO_ROLE_MAP
    return {Role(mapping[group]) for group in groups or [] if isinstance(group, str) and group in mapping}


class CouncilDirectoryBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, with Hearth's rules for who may come in and with what role."""

    def __init__(self, *args, **kwargs):
        # Listed in AUTHENTICATION_BACKENDS always; it reads its settings only when sign-in through
        # the directory is on, so a local sign-in never needs them.
        if settings.HEARTH_SSO_ENABLED:
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not settings.HEARTH_SSO_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The library checks the signature and the nonce; Hearth checks too that the token was
        issued by the council's directory, to Hearth."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != settings.HEARTH_SSO_ISSUER:
            raise SuspiciousOperation("The ID token was not issued by the configured directory")
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was not issued to Hearth")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims with the userinfo endpoint's: Entra ID puts the groups claim in the
        ID token only; other directories give it from userinfo."""
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def verify_claims(self, claims):
        return bool(str(claims.get(settings.HEARTH_SSO_USERNAME_CLAIM) or "").strip())

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation(f"The directory gave no {settings.HEARTH_SSO_USERNAME_CLAIM} claim")
        try:
            return services.directory_sign_in(
                username=str(claims[settings.HEARTH_SSO_USERNAME_CLAIM]).strip(),
                first_name=str(claims.get("given_name") or "")[:150],
                last_name=str(claims.get("family_name") or "")[:150],
                email=str(claims.get("email") or ""),
                roles=roles_for_groups(claims.get(settings.HEARTH_SSO_GROUPS_CLAIM)),
            )
        except services.DirectorySignInRefused as refusal:
            self.request.session[REFUSAL_SESSION_KEY] = refusal.reason
            return None


def _only_when_enabled(view_class):
    view = view_class.as_view()

    @login_not_required
    def guarded(request, *args, **kwargs):
        if not settings.HEARTH_SSO_ENABLED:
            raise Http404("Sign-in through the council's directory is not set up")
        return view(request, *args, **kwargs)

    return guarded


class DirectoryCallbackView(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self):
        return reverse("sso_refused")


sign_in_start = _only_when_enabled(OIDCAuthenticationRequestView)
sign_in_callback = _only_when_enabled(DirectoryCallbackView)


@login_not_required
def sign_in_refused(request):
    """Where a directory sign-in that let nobody in ends, saying why."""
    reason = request.session.pop(REFUSAL_SESSION_KEY, None)
    return render(request, "accounts/sso_refused.html", {"reason": reason}, status=403)
