import pytest

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
