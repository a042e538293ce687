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


def test_a_lockout_holds_only_at_the_address_the_failures_came_from(staff, client):
    """Nobody elsewhere can lock a duty worker out of their own account by failing to sign in as them."""
    for _ in range(5):
        client.post(reverse("login"), {"username": "pat", "password": "wrong"}, REMOTE_ADDR="203.0.113.9")
    assert (
        client.post(reverse("login"), {"username": "pat", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9").status_code
        == 429
    )
    signed_in = client.post(reverse("login"), {"username": "pat", "password": PASSWORD}, REMOTE_ADDR="198.51.100.4")
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session


def test_password_spraying_from_one_address_locks_that_address(staff, client, settings):
    """One password tried against many accounts from one place: after the address's limit, nobody
    signs in from there for an hour, not even with the right password; other addresses are unaffected."""
    settings.HEARTH_SIGN_IN_FAILURES_PER_ADDRESS = 8
    for number in range(8):
        client.post(
            reverse("login"), {"username": f"guess{number}", "password": "Summer2025!"}, REMOTE_ADDR="203.0.113.7"
        )
    refused = client.post(reverse("login"), {"username": "pat", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    elsewhere = client.post(reverse("login"), {"username": "pat", "password": PASSWORD}, REMOTE_ADDR="198.51.100.4")
    assert elsewhere.status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(settings, rf):
    from hearth.accounts.throttling import client_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    settings.BEHIND_TLS_PROXY = False
    assert client_address(request) == "10.0.0.2"
    settings.BEHIND_TLS_PROXY = True
    assert client_address(request) == "203.0.113.5"  # the browser's own "1.2.3.4" is not trusted


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
