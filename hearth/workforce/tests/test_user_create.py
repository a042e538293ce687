"""A sign-in made with a password hashed beforehand (the generator hashes its demo password once for
hundreds of accounts) signs in as one made with the password itself; anything that is not a hash
Django can check is refused and nothing is written."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from hearth.core.roles import Role
from hearth.workforce import services

pytestmark = pytest.mark.django_db


def make(username, password, **options):
    return services.user_create(
        actor=None,
        username=username,
        first_name="Nell",
        last_name="Tester",
        email=f"{username}@example.org",
        password=password,
        role=Role.SOCIAL_WORKER,
        **options,
    )


def test_accounts_given_one_hash_each_sign_in_with_the_password():
    hashed = make_password("a-long-demo-password")
    for username in ("nell", "olu"):
        make(username, hashed, password_already_hashed=True)
        user = get_user_model().objects.get(username=username)  # as stored, read afresh
        assert user.check_password("a-long-demo-password") and user.groups.get().name == Role.SOCIAL_WORKER.value
        assert not user.check_password("another-password")


def test_a_password_that_is_not_a_hash_is_refused_when_said_to_be_one():
    with pytest.raises(ValueError):
        make("nell", "a-long-demo-password", password_already_hashed=True)
    assert not get_user_model().objects.filter(username="nell").exists()
