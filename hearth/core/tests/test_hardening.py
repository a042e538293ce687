"""Sign-in lockout, the Content Security Policy and session timeout."""

import re

from django.conf import settings
from django.urls import reverse

from hearth.testing.journeys import PASSWORD


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(staff, client):
    for _ in range(5):
        response = sign_in(client, "pat", "not-the-password")
    assert response.status_code in (200, 429)
    refused = sign_in(client, "pat", PASSWORD)
    assert refused.status_code == 429
    assert "This account is locked for an hour" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_says_so_without_saying_which_part_was_wrong(staff, client):
    page = sign_in(client, "pat", "not-the-password").content.decode()
    assert "Enter a correct username and password" in page


def test_pages_carry_a_content_security_policy_without_inline_script(staff, client_for):
    client = client_for(staff.service_manager)
    for name in ("home", "performance:index", "people:child_search", "frontdoor:contact_record"):
        response = client.get(reverse(name))
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.content.decode())
        assert inline_scripts == [], name


def test_sessions_end_after_thirty_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
