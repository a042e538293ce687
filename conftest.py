import pytest

from hearth.testing.journeys import make_staff


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Test accounts need no slow hashing; production keeps Django's default (PBKDF2).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
