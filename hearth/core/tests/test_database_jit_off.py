"""PostgreSQL compiles a query just in time when the planner prices it above jit_above_cost: the
indicators' nested aggregates were, and each spent about 12 s compiling to run in 0.2 s (issue 22,
docs/performance.md "Pages and reports at the large size"). Hearth's connections turn it off."""

import pytest
from django.db import connection

from hearth.settings import database_from_url


def test_a_postgresql_url_turns_just_in_time_compilation_off():
    config = database_from_url("postgres://hearth@db.example.org:5432/hearth")
    assert config["OPTIONS"]["options"] == "-c jit=off"


@pytest.mark.django_db
def test_hearths_postgresql_connection_runs_without_just_in_time_compilation():
    if connection.vendor != "postgresql":
        pytest.skip("just-in-time compilation is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
