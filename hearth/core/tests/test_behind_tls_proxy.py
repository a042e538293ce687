"""Hearth with its production settings behind a council's TLS proxy, run for real: a server process
configured by the environment alone (HEARTH_PRODUCTION=1), asked what the proxy passes on (plain
HTTP with X-Forwarded-Proto: https, and the browser's https:// Origin). A person signs in with
password and authenticator code, every answer carries HSTS, and nothing redirects to itself."""

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.db import connection
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.testing.journeys import PASSWORD
from hearth.testing.processes import database_url, server_environment, wsgi_server

pytestmark = [
    # The server process reads what this test writes, so it is committed (and flushed afterwards).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the server process shares the test's PostgreSQL"),
]

PUBLIC_HOST = "hearth.example.gov.uk"
INTERNAL_HOST = "hearth.internal"  # a proxy that passes requests on with its own Host header
PUBLIC_ORIGIN = f"https://{PUBLIC_HOST}"
HSTS = "max-age=31536000; includeSubDomains"


class ThroughTheProxy:
    """Requests as the council's proxy passes them to Hearth: plain HTTP to the server, with the
    scheme the browser used in X-Forwarded-Proto and the browser's own Origin and Referer."""

    def __init__(self, port: int, *, host: str = PUBLIC_HOST, forwarded_proto: str | None = "https"):
        self.port, self.host, self.forwarded_proto = port, host, forwarded_proto
        self.cookies: dict[str, str] = {}
        self.secure_cookies: set[str] = set()

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[http.client.HTTPResponse, str]:
        headers = {"Host": self.host}
        if self.forwarded_proto:
            headers["X-Forwarded-Proto"] = self.forwarded_proto
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": PUBLIC_ORIGIN,
                "Referer": f"{PUBLIC_ORIGIN}{path}",
            }
        server = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            server.request(method, path, body=body, headers=headers)
            response = server.getresponse()
            text = response.read().decode()
        finally:
            server.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
                if morsel["secure"]:
                    self.secure_cookies.add(name)
        return response, text

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, fields: dict):
        """Post a form the way a browser does: with the CSRF token from the page's form."""
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **fields})


def code_for(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def production_environment(**variables):
    return server_environment(
        DATABASE_URL=database_url(connection.settings_dict),
        HEARTH_PRODUCTION="1",
        # The test run's database is owned by the role it connects as; test_database_roles.py runs
        # production as the application's role.
        HEARTH_SERVE_AS_TABLE_OWNER="1",
        HEARTH_ALLOWED_HOSTS=f"{PUBLIC_HOST},{INTERNAL_HOST}",
        **variables,
    )


@pytest.fixture
def person(staff):
    """A performance officer with an authenticator app, their password hashed as in production."""
    user = staff.performance_officer
    user.password = make_password(PASSWORD, hasher=PBKDF2PasswordHasher())
    user.save(update_fields=["password"])
    return user, TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def test_behind_the_proxy_a_person_signs_in_with_hsts_on_every_answer_and_no_redirect_loop(person, tmp_path):
    user, device = person
    env = production_environment(
        HEARTH_BEHIND_TLS_PROXY="1",
        HEARTH_CSRF_TRUSTED_ORIGINS=PUBLIC_ORIGIN,
        HEARTH_DOCUMENTS_ROOT=str(tmp_path),
    )
    with wsgi_server(env) as port:
        browser = ThroughTheProxy(port)
        home, _ = browser.get("/")
        assert home.status == 302 and home.headers["Location"] == "/sign-in/?next=/"  # not https://.../ again
        assert home.headers["Strict-Transport-Security"] == HSTS

        signed_in, _ = browser.post_form("/sign-in/?next=/", {"username": user.username, "password": PASSWORD})
        assert signed_in.status == 302, "the sign-in form was refused"
        assert signed_in.headers["Strict-Transport-Security"] == HSTS
        asked, _ = browser.get(signed_in.headers["Location"])
        assert asked.status == 302 and asked.headers["Location"].startswith("/sign-in/second-factor/")
        verified, _ = browser.post_form(asked.headers["Location"], {"code": code_for(device)})
        assert verified.status == 302 and verified.headers["Location"] == "/"
        page, text = browser.get("/")
        assert page.status == 200 and "Sign out" in text and user.first_name in text
        assert page.headers["Strict-Transport-Security"] == HSTS
        assert {"sessionid", "csrftoken"} <= browser.secure_cookies

        # A proxy that passes requests on with its own Host: the browser's origin is trusted by
        # HEARTH_CSRF_TRUSTED_ORIGINS, so the form is answered (a wrong password), not refused.
        internal = ThroughTheProxy(port, host=INTERNAL_HOST)
        wrong, text = internal.post_form("/sign-in/", {"username": "nobody", "password": "not-the-password"})
        assert wrong.status == 200 and "Enter a correct username and password" in text

        # Straight to the server over plain HTTP (no proxy): redirected to https once; the load
        # balancer's health check is answered as it is.
        direct, _ = ThroughTheProxy(port, forwarded_proto=None).get("/sign-in/")
        assert direct.status == 301 and direct.headers["Location"] == f"{PUBLIC_ORIGIN}/sign-in/"
        health, text = ThroughTheProxy(port, forwarded_proto=None).get("/health")
        assert health.status == 200 and text == "ok"


def test_without_the_proxy_setting_the_https_redirect_loops_no_hsts_is_sent_and_forms_are_refused(person, tmp_path):
    user, _ = person
    with wsgi_server(production_environment(HEARTH_DOCUMENTS_ROOT=str(tmp_path))) as port:
        again, _ = ThroughTheProxy(port).get("/sign-in/")
        # The browser already asked for https://hearth.example.gov.uk/sign-in/: sent there again, forever.
        assert again.status == 301 and again.headers["Location"] == f"{PUBLIC_ORIGIN}/sign-in/"
        assert "Strict-Transport-Security" not in again.headers
    with wsgi_server(production_environment(HEARTH_SSL_REDIRECT="0", HEARTH_DOCUMENTS_ROOT=str(tmp_path))) as port:
        refused, _ = ThroughTheProxy(port).post_form("/sign-in/", {"username": user.username, "password": PASSWORD})
        assert refused.status == 403
