import pytest
from django.db import connections
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresqlOperations
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import sync_playwright
from pytest_django.plugin import blocking_manager_key

from hearth.core.append_only import TRUNCATE_GUARD
from hearth.testing.browser import CHROMIUM, CHROMIUM_ARGS
from hearth.testing.journeys import make_staff

_sql_flush = PostgresqlOperations.sql_flush


def _sql_flush_past_the_truncate_guards(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    """After each transactional test Django empties every table with one TRUNCATE, which the guards
    on append-only tables refuse (hearth/core/append_only.py). The test run owns its database, so it
    lifts those triggers for that statement only, inside the flush's own transaction."""
    statements = _sql_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    if not statements:
        return statements
    with self.connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s", [TRUNCATE_GUARD])
        guarded = sorted({table for (table,) in cursor.fetchall()} & set(tables))
    return [
        *(f"ALTER TABLE {table} DISABLE TRIGGER {TRUNCATE_GUARD}" for table in guarded),
        *statements,
        *(f"ALTER TABLE {table} ENABLE TRIGGER {TRUNCATE_GUARD}" for table in guarded),
    ]


PostgresqlOperations.sql_flush = _sql_flush_past_the_truncate_guards


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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying every table (Django's flush), reference data from the
    migrations included (the role groups, the code lists). pytest-xdist does not keep pytest-django's
    order (transactional tests last), so a test that uses the ordinary `db` may run next on the same
    worker: put the migrations' data back after every transactional test, as `serialized_rollback`
    does before one."""
    yield
    if nextitem is None:
        return  # the last test: the test database has just been destroyed with the session
    marker = item.get_closest_marker("django_db")
    if marker is None or not (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return
    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with item.config.stash[blocking_manager_key].unblock():
            connection.creation.deserialize_db_from_string(contents)
