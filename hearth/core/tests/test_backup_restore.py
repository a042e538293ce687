"""The backup and restore procedure in docs/operations.md, run for real: pg_dump the database,
restore it into a fresh one with pg_restore, and find the same records there; then give it back to
the owner and application roles (`manage.py database_roles`) and find the application's role as
powerless over the audit trail as before."""

import datetime
import os
import secrets
import shutil
import subprocess

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from hearth.core.database_roles import role_setup_sql
from hearth.testing.journeys import allocated_case, at, new_child

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not shutil.which("pg_dump"), reason="needs PostgreSQL and its client tools"
    ),
]


def tool(name: str) -> str:
    return shutil.which(name) or name


def libpq_arguments(settings_dict) -> list[str]:
    arguments = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            arguments += [flag, str(settings_dict[key])]
    return arguments


def test_a_dump_restores_into_a_fresh_database_with_the_same_records(staff, tmp_path):
    child = new_child(staff, "Rhiannon", "Backupcase")
    allocated_case(staff, child, at(datetime.date(2025, 5, 1), 9))
    settings_dict = connection.settings_dict
    server = libpq_arguments(settings_dict)
    dump = tmp_path / "hearth.dump"
    restored = f"{settings_dict['NAME']}_restored"
    suffix = secrets.token_hex(4)
    owner, app = f"hearth_test_owner_{suffix}", f"hearth_test_app_{suffix}"
    env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}

    subprocess.run(
        [tool("pg_dump"), *server, "--format=custom", f"--file={dump}", settings_dict["NAME"]], check=True, env=env
    )
    subprocess.run([tool("dropdb"), *server, "--if-exists", restored], check=True, env=env)
    subprocess.run([tool("createdb"), *server, restored], check=True, env=env)
    try:
        subprocess.run(
            [tool("pg_restore"), *server, "--no-owner", f"--dbname={restored}", str(dump)], check=True, env=env
        )
        with psycopg.connect(
            host=settings_dict.get("HOST") or None,
            port=settings_dict.get("PORT") or None,
            user=settings_dict.get("USER") or None,
            password=settings_dict.get("PASSWORD") or None,
            dbname=restored,
        ) as copy:
            names = copy.execute("SELECT first_name, last_name FROM people_child").fetchall()
            contacts = copy.execute("SELECT count(*) FROM frontdoor_contact").fetchone()[0]
            audit_rows = copy.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0]
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                copy.execute("DELETE FROM audit_auditevent")
            copy.rollback()
            copy.autocommit = True
            with pytest.raises(psycopg.errors.RaiseException, match="TRUNCATE is not allowed"):
                copy.execute("TRUNCATE audit_auditevent CASCADE")
            # The restore belongs to whoever ran pg_restore: give it back to the two roles.
            copy.execute(role_setup_sql(owner=owner, app=app))
            not_the_owners = copy.execute(
                "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
                " AND relowner <> %s::regrole",
                [owner],
            )
            assert not_the_owners.fetchone()[0] == 0
            copy.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(app)))
            for statement in (
                "TRUNCATE audit_auditevent",
                "DELETE FROM audit_auditevent",
                "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    copy.execute(statement)
            assert copy.execute("SELECT count(*) FROM people_child").fetchone()[0] == 1
        assert names == [("Rhiannon", "Backupcase")]
        assert contacts == 1
        from hearth.audit.models import AuditEvent

        assert audit_rows == AuditEvent.objects.count()
    finally:
        subprocess.run([tool("dropdb"), *server, "--if-exists", restored], check=True, env=env)
        for role in (app, owner):
            subprocess.run([tool("dropuser"), *server, "--if-exists", role], check=True, env=env)
