"""Settings for sign-in through the council's directory: off unless configured, and a half or wrong
configuration stops Hearth starting (the sign-in itself: test_sso.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from hearth.accounts.sso_config import single_sign_on_settings


@pytest.mark.django_db
def test_off_unless_configured(client):
    assert "Sign in with your council account" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback") + "?code=x&state=y").status_code == 404


def test_a_half_configured_directory_stops_hearth_starting():
    with pytest.raises(ImproperlyConfigured, match="HEARTH_SSO_TOKEN_ENDPOINT"):
        single_sign_on_settings(
            {
                "HEARTH_SSO_CLIENT_ID": "x",
                "HEARTH_SSO_CLIENT_SECRET": "y",
                "HEARTH_SSO_ISSUER": "https://login.example/",
                "HEARTH_SSO_AUTHORIZATION_ENDPOINT": "https://login.example/authorize",
                "HEARTH_SSO_USERINFO_ENDPOINT": "https://login.example/userinfo",
                "HEARTH_SSO_JWKS_ENDPOINT": "https://login.example/keys",
                "HEARTH_SSO_ROLE_MAP": '{"g": "Social worker"}',
            }
        )
    with pytest.raises(ImproperlyConfigured, match="'Chief' .* is not a Hearth role"):
        single_sign_on_settings(
            {
                "HEARTH_SSO_CLIENT_ID": "x",
                "HEARTH_SSO_CLIENT_SECRET": "y",
                "HEARTH_SSO_ISSUER": "https://login.example/",
                "HEARTH_SSO_AUTHORIZATION_ENDPOINT": "https://login.example/authorize",
                "HEARTH_SSO_TOKEN_ENDPOINT": "https://login.example/token",
                "HEARTH_SSO_USERINFO_ENDPOINT": "https://login.example/userinfo",
                "HEARTH_SSO_JWKS_ENDPOINT": "https://login.example/keys",
                "HEARTH_SSO_ROLE_MAP": '{"g": "Chief"}',
            }
        )
    assert single_sign_on_settings({})["HEARTH_SSO_ENABLED"] is False
