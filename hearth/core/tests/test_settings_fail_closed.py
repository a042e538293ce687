"""Settings fail closed: outside the demo's embedded SQLite database and the test run, Hearth never
signs anything with a key published in its source, and refuses to start, saying why, instead.
Each case loads the settings in a process of its own, with only the environment given."""

import os

import pytest
from django.conf import settings

from hearth.testing.processes import manage, python, server_environment

POSTGRES = "postgres://hearth_app@db.example.internal:5432/hearth"
A_GOOD_KEY = "k" * 20 + "an-example-key-of-fifty-or-more-characters"
LOAD = "import hearth.settings as s; print(s.SECRET_KEY == s.BUILT_IN_SECRET_KEY, s.SECRET_KEY[:4])"


def load_settings(tmp_path, **variables):
    env = server_environment(HEARTH_SQLITE_PATH=str(tmp_path / "demo.sqlite3"), **variables)
    if "HEARTH_SECRET_KEY" not in variables:
        del env["HEARTH_SECRET_KEY"]
    return python(LOAD, env=env)


def test_the_demo_on_its_embedded_database_uses_the_built_in_key(tmp_path):
    loaded = load_settings(tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split()[0] == "True"


@pytest.mark.parametrize(
    ("variables", "why"),
    [
        ({"DATABASE_URL": POSTGRES}, "HEARTH_SECRET_KEY is not set"),
        ({"HEARTH_PRODUCTION": "1"}, "HEARTH_SECRET_KEY is not set"),
        ({"DATABASE_URL": POSTGRES, "HEARTH_PRODUCTION": "1"}, "HEARTH_SECRET_KEY is not set"),
        ({"DATABASE_URL": POSTGRES, "HEARTH_SECRET_KEY": " "}, "HEARTH_SECRET_KEY is not set"),
        ({"DATABASE_URL": POSTGRES, "HEARTH_SECRET_KEY": settings.BUILT_IN_SECRET_KEY}, "the demo's key"),
        ({"HEARTH_PRODUCTION": "1", "HEARTH_SECRET_KEY": settings.BUILT_IN_SECRET_KEY}, "the demo's key"),
        ({"DATABASE_URL": POSTGRES, "HEARTH_SECRET_KEY": "too-short"}, "at least 50 random characters"),
    ],
)
def test_outside_the_demo_a_missing_or_published_key_refuses_to_start(tmp_path, variables, why):
    loaded = load_settings(tmp_path, **variables)
    assert loaded.returncode != 0
    assert why in loaded.stderr


def test_a_key_from_the_environment_is_used(tmp_path):
    loaded = load_settings(tmp_path, DATABASE_URL=POSTGRES, HEARTH_PRODUCTION="1", HEARTH_SECRET_KEY=A_GOOD_KEY)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split() == ["False", A_GOOD_KEY[:4]]


def test_manage_py_says_why_it_refuses_without_a_traceback(tmp_path):
    env = server_environment(DATABASE_URL=POSTGRES, HEARTH_SQLITE_PATH=str(tmp_path / "demo.sqlite3"))
    del env["HEARTH_SECRET_KEY"]
    refused = manage("check", env=env)
    assert refused.returncode == 1
    assert refused.stderr.startswith("Hearth cannot start: HEARTH_SECRET_KEY is not set.")
    assert "secrets.token_urlsafe(50)" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.parametrize("origin", ["hearth.example.gov.uk", "http://hearth.example.gov.uk", "https://h.example/a"])
def test_in_production_a_trusted_origin_is_an_https_origin(tmp_path, origin):
    loaded = load_settings(
        tmp_path, HEARTH_PRODUCTION="1", HEARTH_SECRET_KEY=A_GOOD_KEY, HEARTH_CSRF_TRUSTED_ORIGINS=origin
    )
    assert loaded.returncode != 0
    assert "HEARTH_CSRF_TRUSTED_ORIGINS" in loaded.stderr and "is not an origin" in loaded.stderr


def test_the_test_run_itself_is_the_one_other_user_of_the_built_in_key():
    # `make test` names a PostgreSQL server in DATABASE_URL and no key: allowed because pytest runs it.
    assert settings.RUNNING_TESTS
    assert settings.SECRET_KEY == (os.environ.get("HEARTH_SECRET_KEY", "").strip() or settings.BUILT_IN_SECRET_KEY)
