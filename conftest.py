import pytest
from django.db import connections
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import sync_playwright

from hearth.testing.browser import CHROMIUM, CHROMIUM_ARGS
from hearth.testing.journeys import make_staff


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Test accounts need no slow hashing; production keeps Django's default (PBKDF2).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def second_factor_off_unless_asked(settings, request):
    # Page tests sign in with force_login; the second factor has tests of its own (marked
    # `second_factor`), and the browser journey signs in with it.
    settings.HEARTH_REQUIRE_SECOND_FACTOR = bool(request.node.get_closest_marker("second_factor"))


@pytest.fixture(autouse=True)
def documents_in_a_temporary_directory(settings, tmp_path):
    # Uploaded documents are written to disk: each test gets its own private directory.
    settings.HEARTH_DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def staff(db):
    return make_staff()


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def authenticators(staff):
    """Each person's authenticator app, set up before the journey; codes used so far per person."""
    users = [
        staff.screener,
        staff.team_manager.user,
        staff.social_worker.user,
        staff.performance_officer,
        staff.service_manager,
        staff.councillor,
    ]
    return {u.username: [TOTPDevice.objects.create(user=u, name="Authenticator app", confirmed=True), 0] for u in users}


@pytest.fixture
def browser(staff, authenticators):
    """Chromium through Playwright.

    While Playwright's event loop runs in this thread, Django keeps database connections per
    context rather than per thread (asgiref's Local), so a query the test makes then opens a
    connection of its own. They are closed before the loop stops, or the test database could not
    be dropped at the end of the run."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()
