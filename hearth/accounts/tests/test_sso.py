"""Sign-in through the council's directory (OpenID Connect), against a real OpenID provider: panva's
oidc-provider (OpenID Certified), run by node from tests/oidc-provider/ on 127.0.0.1 on a free port.
Each test signs in through the real redirect flow (Hearth -> the provider's sign-in page -> back to
Hearth's callback, which exchanges the code and checks the signed ID token) with `requests` against
Django's live server, as a browser would."""

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from hearth.accounts.sso_config import single_sign_on_settings
from hearth.audit.models import AuditEvent
from hearth.core.roles import Role, roles_of

PROVIDER_DIR = Path(__file__).resolve().parents[3] / "tests" / "oidc-provider"
CLIENT_ID = "hearth-test"
CLIENT_SECRET = "a-test-client-secret-for-the-local-provider-only"
# Directory groups as Entra ID names them in the groups claim: object IDs.
PERFORMANCE_GROUP = "7d0f6a44-1c2b-4e8e-9a51-3f4d2b6c8e01"
SOCIAL_WORK_GROUP = "b3c1e5d2-8f7a-4b6c-9d0e-1a2b3c4d5e6f"
UNMAPPED_GROUP = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
DIRECTORY_PASSWORD = "directory-password-1"
ACCOUNTS = {
    "kim.perf@council.example": {"given_name": "Kim", "family_name": "Okafor", "groups": [PERFORMANCE_GROUP]},
    "lee.nogroup@council.example": {"given_name": "Lee", "family_name": "Marsh", "groups": [UNMAPPED_GROUP]},
    "ash.moved@council.example": {"given_name": "Ash", "family_name": "Reid", "groups": [PERFORMANCE_GROUP]},
    "admin@council.example": {"given_name": "Ada", "family_name": "Min", "groups": [PERFORMANCE_GROUP]},
}

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.second_factor]


def npm_installed() -> None:
    """`make test` runs `npm ci` here; a bare pytest run does it too when the lock file is newer."""
    marker = PROVIDER_DIR / "node_modules" / ".package-lock.json"
    lock = PROVIDER_DIR / "package-lock.json"
    if not marker.exists() or marker.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run([shutil.which("npm") or "npm", "ci", "--no-audit", "--no-fund"], cwd=PROVIDER_DIR, check=True)


@pytest.fixture(scope="module")
def provider(live_server):
    """The provider, started once for these tests, with Hearth (the live server) as its client."""
    npm_installed()
    config = {
        "client": {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [live_server.url + reverse("oidc_authentication_callback")],
        },
        "accounts": {
            name: {"password": DIRECTORY_PASSWORD, "claims": {"preferred_username": name, "email": name, **claims}}
            for name, claims in ACCOUNTS.items()
        },
    }
    process = subprocess.Popen(
        [shutil.which("node") or "node", str(PROVIDER_DIR / "provider.mjs")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=sys.stderr,
        text=True,
    )
    try:
        process.stdin.write(json.dumps(config))
        process.stdin.close()
        ready = process.stdout.readline()
        assert ready, "the OpenID provider did not start (see its output above)"
        yield json.loads(ready)["issuer"]
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def directory(provider, settings):
    """Hearth's settings from the provider's own discovery document, as a council configures them."""
    issuer = provider
    discovery = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10).json()
    environment = {
        "HEARTH_SSO_CLIENT_ID": CLIENT_ID,
        "HEARTH_SSO_CLIENT_SECRET": CLIENT_SECRET,
        "HEARTH_SSO_ISSUER": discovery["issuer"],
        "HEARTH_SSO_AUTHORIZATION_ENDPOINT": discovery["authorization_endpoint"],
        "HEARTH_SSO_TOKEN_ENDPOINT": discovery["token_endpoint"],
        "HEARTH_SSO_USERINFO_ENDPOINT": discovery["userinfo_endpoint"],
        "HEARTH_SSO_JWKS_ENDPOINT": discovery["jwks_uri"],
        "HEARTH_SSO_ROLE_MAP": json.dumps(
            {PERFORMANCE_GROUP: Role.PERFORMANCE_OFFICER.value, SOCIAL_WORK_GROUP: Role.SOCIAL_WORKER.value}
        ),
    }
    for name, value in single_sign_on_settings(environment).items():
        setattr(settings, name, value)
    return issuer


def form_action(page: requests.Response) -> str:
    return requests.compat.urljoin(page.url, unescape(re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1)))


def sign_in_through_directory(live_server, username, password=DIRECTORY_PASSWORD):
    """Press "Sign in with your council account" on Hearth's sign-in page, sign in at the directory,
    follow the redirects back; the browser session and the page it ends on."""
    browser = requests.Session()
    sign_in_page = browser.get(live_server.url + reverse("login"), timeout=10)
    start = unescape(re.search(r'href="([^"]*)"[^>]*>Sign in with your council account', sign_in_page.text).group(1))
    directory_page = browser.get(requests.compat.urljoin(sign_in_page.url, start), timeout=10)
    assert "Council directory: sign in" in directory_page.text, directory_page.text
    landed = browser.post(form_action(directory_page), data={"username": username, "password": password}, timeout=20)
    return browser, landed


def test_a_person_in_a_mapped_group_signs_in_with_the_role_their_group_gives(directory, live_server):
    browser, landed = sign_in_through_directory(live_server, "kim.perf@council.example")
    # Back at Hearth's home page, signed in, with no authenticator code asked for: the directory's
    # sign-in is the second factor.
    assert landed.status_code == 200 and landed.url == live_server.url + reverse("home")
    assert "Performance and quality officer" in landed.text
    assert browser.get(live_server.url + reverse("performance:index"), timeout=10).status_code == 200
    user = get_user_model().objects.get(username="kim.perf@council.example")
    assert roles_of(user) == {Role.PERFORMANCE_OFFICER}
    assert (user.first_name, user.last_name) == ("Kim", "Okafor")
    assert not user.has_usable_password()  # no Hearth password to guess
    assert AuditEvent.objects.filter(action="sso.sign_in", actor=user).exists()


def test_a_person_in_no_mapped_group_is_refused_with_a_page_that_says_why(directory, live_server):
    # A wrong password at the directory first: the directory refuses it and nothing reaches Hearth.
    _, landed = sign_in_through_directory(live_server, "lee.nogroup@council.example", password="wrong")
    assert "Wrong username or password" in landed.text and landed.url.startswith(directory)
    browser, landed = sign_in_through_directory(live_server, "lee.nogroup@council.example")
    assert landed.status_code == 403 and landed.url == live_server.url + reverse("sso_refused")
    assert "You do not have a role in Hearth" in landed.text
    assert not get_user_model().objects.filter(username="lee.nogroup@council.example").exists()
    home = browser.get(live_server.url + reverse("home"), timeout=10, allow_redirects=False)
    assert home.status_code == 302 and home.headers["Location"].startswith(reverse("login"))
    assert AuditEvent.objects.filter(action="sso.refused", detail__reason="no_role").exists()


def test_roles_follow_the_directory_groups_at_each_sign_in(directory, live_server, django_user_model):
    user = django_user_model.objects.create_user(username="ash.moved@council.example", password="local-1")
    user.groups.add(Group.objects.get(name=Role.SOCIAL_WORKER.value))  # left social work in the directory
    _, landed = sign_in_through_directory(live_server, "ash.moved@council.example")
    assert landed.status_code == 200
    user = django_user_model.objects.get(pk=user.pk)
    assert roles_of(user) == {Role.PERFORMANCE_OFFICER}
    assert user.check_password("local-1")  # untouched: whether a local password stays is the council's choice


def test_an_administrators_account_never_signs_in_through_the_directory(directory, live_server, django_user_model):
    django_user_model.objects.create_superuser(username="admin@council.example", password="local-1")
    browser, landed = sign_in_through_directory(live_server, "admin@council.example")
    assert landed.status_code == 403 and "Sign in with your Hearth password" in landed.text
    home = browser.get(live_server.url + reverse("home"), timeout=10, allow_redirects=False)
    assert home.status_code == 302


def test_an_id_token_from_another_issuer_signs_nobody_in(directory, live_server, settings):
    settings.HEARTH_SSO_ISSUER = directory + "/another-tenant"
    browser, landed = sign_in_through_directory(live_server, "kim.perf@council.example")
    assert landed.status_code == 400  # Django's answer to a SuspiciousOperation
    assert not get_user_model().objects.filter(username="kim.perf@council.example").exists()
    home = browser.get(live_server.url + reverse("home"), timeout=10, allow_redirects=False)
    assert home.status_code == 302 and home.headers["Location"].startswith(reverse("login"))
