"""The audit trail nobody can wipe, proven on PostgreSQL with the two roles a council runs Hearth
with (docs/operations.md, "Deploying safely"). In a database of its own, this module:

1. creates an owner role and an application role (unique names, dropped at the end) by running the
   SQL `manage.py database_roles` prints, as a superuser;
2. runs `manage.py migrate` with DATABASE_URL naming the application's role and
   HEARTH_MIGRATION_DATABASE_URL the owner, as a council would;
3. has Hearth's own services write as the application's role (people, cases, notes, a restriction
   made and lifted: inserts, updates and deletes);

then, connected as the application's role, shows that every way of wiping or rewriting the
append-only tables is refused by PostgreSQL's privileges, with the triggers as a second guard."""

import contextlib
import json
import secrets
from io import StringIO

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import errors, sql

from hearth.core.append_only import never_changed_on_postgresql
from hearth.testing.processes import database_url, manage, python, server_environment

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the roles are PostgreSQL's")

APPEND_ONLY = ["audit_auditevent", "people_sealedrecordopening"]
NEVER_TRUNCATED = [*APPEND_ONLY, "records_casenote"]
# Hearth's services, run as the application's role: every kind of write it makes in a day's work.
HEARTH_WRITES = """
import datetime, json
import django
django.setup()
from django.utils import timezone
from hearth.audit.models import AuditEvent
from hearth.people.services import child_restrict, child_restriction_lift
from hearth.records.services import note_draft_save, note_finalise
from hearth.testing.journeys import allocated_case, at, make_staff, new_child

today = timezone.localdate()
staff = make_staff()
child = new_child(staff, "Wren", "Rolecheck")
allocated_case(staff, child, at(today - datetime.timedelta(days=30), 9))
worker = staff.social_worker.user
fields = dict(child_ids=[child.pk], note_type_code="PHONE_CALL", event_date=today - datetime.timedelta(days=1))
note = note_draft_save(actor=worker, text="Rang the school", **fields)
note = note_draft_save(actor=worker, note_id=note.pk, version=note.version, text="Rang the school: all well", **fields)
note_finalise(actor=worker, note_id=note.pk, version=note.version)
child_restrict(actor=staff.service_manager, child_id=child.pk, reason="Synthetic", allowed_user_ids=[worker.pk])
child_restriction_lift(actor=staff.service_manager, child_id=child.pk)
print(json.dumps({"audit_rows": AuditEvent.objects.count(), "note": note.pk}))
"""


class Deployment:
    def __init__(self, settings_dict: dict):
        suffix = secrets.token_hex(4)
        self.server = {k: v for k, v in settings_dict.items() if k in ("HOST", "PORT", "USER", "PASSWORD")}
        self.name = f"hearth_roles_{suffix}"
        self.owner, self.app = f"hearth_test_owner_{suffix}", f"hearth_test_app_{suffix}"
        self.passwords = {self.owner: secrets.token_urlsafe(16), self.app: secrets.token_urlsafe(16)}

    def url(self, role: str | None = None) -> str:
        return database_url(
            {**self.server, "NAME": self.name}, user=role, password=self.passwords[role] if role else None
        )

    def connect(self, role: str | None = None, dbname: str | None = None) -> psycopg.Connection:
        """As `role` (with its password), or as the test run's own superuser."""
        return psycopg.connect(
            host=self.server.get("HOST") or None,
            port=self.server.get("PORT") or None,
            user=role or self.server.get("USER") or None,
            password=self.passwords[role] if role else (self.server.get("PASSWORD") or None),
            dbname=dbname or self.name,
            autocommit=True,
        )

    def roles_sql(self) -> str:
        out = StringIO()
        call_command("database_roles", owner=self.owner, app=self.app, stdout=out)
        return out.getvalue()

    def set_up_roles(self) -> None:
        with self.connect() as admin:
            admin.execute(self.roles_sql())
            for role, password in self.passwords.items():
                admin.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(role), sql.Literal(password)))

    def drop(self) -> None:
        with self.connect(dbname="postgres") as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name)))
            for role in (self.app, self.owner):
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture(scope="module")
def deployment():
    deployment = Deployment(connection.settings_dict)
    with deployment.connect(dbname="postgres") as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(deployment.name)))
    try:
        deployment.set_up_roles()
        migrated = manage(
            "migrate",
            "--verbosity=0",
            env=server_environment(
                DATABASE_URL=deployment.url(deployment.app),
                HEARTH_MIGRATION_DATABASE_URL=deployment.url(deployment.owner),
            ),
        )
        assert migrated.returncode == 0, migrated.stderr
        wrote = python(HEARTH_WRITES, env=server_environment(DATABASE_URL=deployment.url(deployment.app)))
        assert wrote.returncode == 0, wrote.stderr
        deployment.written = json.loads(wrote.stdout.strip().splitlines()[-1])
        yield deployment
    finally:
        deployment.drop()


@contextlib.contextmanager
def refused(error=errors.InsufficientPrivilege, match: str = "permission denied|must be owner"):
    with pytest.raises(error, match=match):
        yield


def owned_by(db: psycopg.Connection, role: str) -> list[str]:
    return [
        name
        for (name,) in db.execute(
            """SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
                   AND c.relowner = %(role)s::regrole
               UNION ALL
               SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
                   AND p.proowner = %(role)s::regrole""",
            {"role": role},
        ).fetchall()
    ]


def test_migrations_ran_as_the_owner_and_hearth_writes_as_the_application_role(deployment):
    with deployment.connect(deployment.app) as app:
        assert app.execute("SELECT current_user").fetchone()[0] == deployment.app
        assert app.execute("SELECT count(*) FROM django_migrations").fetchone()[0] > 50
        audit_rows = app.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0]
        note_status = app.execute("SELECT status FROM records_casenote WHERE id = %s", [deployment.written["note"]])
        assert note_status.fetchone()[0] == "FINAL"
        assert app.execute("SELECT count(*) FROM people_recordrestriction").fetchone()[0] == 0  # made, then lifted
    assert audit_rows == deployment.written["audit_rows"] > 0
    with deployment.connect(deployment.owner) as owner:
        assert "audit_auditevent" in owned_by(owner, deployment.owner)
        assert "hearth_never_truncated" in owned_by(owner, deployment.owner)


PRODUCTION_SERVER_STARTS = """
import hearth.wsgi
print("serving")
"""


def test_a_production_server_refuses_to_start_as_the_owner_and_starts_as_the_application_role(deployment):
    production = {"HEARTH_PRODUCTION": "1", "HEARTH_ALLOWED_HOSTS": "hearth.example.invalid"}
    as_owner = python(
        PRODUCTION_SERVER_STARTS, env=server_environment(DATABASE_URL=deployment.url(deployment.owner), **production)
    )
    assert as_owner.returncode != 0
    assert "owns" in as_owner.stderr and "manage.py database_roles" in as_owner.stderr
    as_app = python(
        PRODUCTION_SERVER_STARTS, env=server_environment(DATABASE_URL=deployment.url(deployment.app), **production)
    )
    assert as_app.returncode == 0, as_app.stderr
    assert as_app.stdout.strip() == "serving"


def test_the_application_role_owns_nothing(deployment):
    with deployment.connect(deployment.app) as app:
        assert owned_by(app, deployment.app) == []
        assert not app.execute("SELECT has_schema_privilege('public', 'CREATE')").fetchone()[0]
        with refused():
            app.execute("CREATE TABLE hearth_scratch (id int)")


@pytest.mark.parametrize("table", [*NEVER_TRUNCATED, "people_child", "django_migrations"])
def test_the_application_role_cannot_truncate_any_table(deployment, table):
    with deployment.connect(deployment.app) as app, refused():
        app.execute(sql.SQL("TRUNCATE {} CASCADE").format(sql.Identifier(table)))


@pytest.mark.parametrize(
    ("table", "trigger"),
    [
        ("audit_auditevent", "audit_append_only"),
        ("audit_auditevent", "hearth_never_truncated"),
        ("people_sealedrecordopening", "sealed_opening_never_changed"),
        ("records_casenote", "records_final_note_unchanged"),
        ("records_casenote", "records_final_note_never_deleted"),
    ],
)
def test_the_application_role_cannot_disable_or_drop_a_guard(deployment, table, trigger):
    with deployment.connect(deployment.app) as app:
        for statement in (
            "ALTER TABLE {} DISABLE TRIGGER {}",
            "ALTER TABLE {} DISABLE TRIGGER ALL",
            "DROP TRIGGER {1} ON {0}",
        ):
            with refused():
                app.execute(sql.SQL(statement).format(sql.Identifier(table), sql.Identifier(trigger)))
        with refused():
            app.execute(sql.SQL("DROP TABLE {} CASCADE").format(sql.Identifier(table)))


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_the_application_role_cannot_update_or_delete_append_only_rows(deployment, table):
    with deployment.connect(deployment.app) as app:
        for privilege in ("SELECT", "INSERT"):
            assert app.execute("SELECT has_table_privilege(%s, %s)", [table, privilege]).fetchone()[0]
        with refused():
            app.execute(f"UPDATE {table} SET id = id")  # noqa: S608 (the tables above)
        with refused():
            app.execute(f"DELETE FROM {table}")  # noqa: S608
        # True if any one of them were held.
        assert not app.execute("SELECT has_table_privilege(%s, 'UPDATE, DELETE, TRUNCATE')", [table]).fetchone()[0]


def test_audit_rows_written_by_hearth_stay_as_they_were(deployment):
    with deployment.connect(deployment.app) as app:
        before = app.execute("SELECT id, action, at FROM audit_auditevent ORDER BY id").fetchall()
        with refused():
            app.execute("UPDATE audit_auditevent SET action = 'nothing to see' WHERE id = %s", [before[0][0]])
        with refused():
            app.execute("DELETE FROM audit_auditevent WHERE id = %s", [before[-1][0]])
        with refused(errors.IntegrityError, match="final case note is never deleted"):
            app.execute("DELETE FROM records_casenote WHERE id = %s", [deployment.written["note"]])
        with refused(errors.IntegrityError, match="never edited"):
            app.execute("UPDATE records_casenote SET text = 'rewritten' WHERE id = %s", [deployment.written["note"]])
        assert app.execute("SELECT id, action, at FROM audit_auditevent ORDER BY id").fetchall() == before


def test_the_triggers_are_a_second_guard_even_for_the_owner(deployment):
    with deployment.connect(deployment.owner) as owner:
        for table in NEVER_TRUNCATED:
            with refused(errors.RaiseException, match="kept as written: TRUNCATE is not allowed"):
                owner.execute(sql.SQL("TRUNCATE {} CASCADE").format(sql.Identifier(table)))
        with refused(errors.RaiseException, match="append-only"):
            owner.execute("DELETE FROM audit_auditevent")


def test_the_application_role_cannot_roll_a_migration_back(deployment):
    rollback = manage("migrate", "audit", "0002", env=server_environment(DATABASE_URL=deployment.url(deployment.app)))
    assert rollback.returncode == 1
    assert "may not change Hearth's tables" in rollback.stderr and "HEARTH_MIGRATION_DATABASE_URL" in rollback.stderr
    assert "Traceback" not in rollback.stderr
    with deployment.connect(deployment.app) as app:
        triggers = app.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditevent'::regclass AND NOT tgisinternal"
        ).fetchall()
        applied = app.execute("SELECT count(*) FROM django_migrations WHERE app = 'audit' AND name LIKE '0003%'")
        assert applied.fetchone()[0] == 1
    assert sorted(triggers) == [("audit_append_only",), ("hearth_never_truncated",)]


class OwnerSchemaEditor:
    """What a migration's RunPython is given, run as the owner (Django reads `%%` as `%`)."""

    def __init__(self, db):
        self.db = db
        self.connection = type("Connection", (), {"vendor": "postgresql"})()

    def execute(self, statement):
        self.db.execute(statement % ())


def test_a_table_a_later_migration_adds_gets_the_grants_and_an_append_only_one_loses_them(deployment):
    with deployment.connect(deployment.owner) as owner, deployment.connect(deployment.app) as app:
        owner.execute("CREATE TABLE hearth_later (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, what text)")
        owner.execute(
            "CREATE TABLE hearth_later_facts (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, what text)"
        )
        app.execute("INSERT INTO hearth_later (what) VALUES ('a row'), ('another')")
        app.execute("UPDATE hearth_later SET what = 'changed' WHERE what = 'a row'")
        app.execute("DELETE FROM hearth_later WHERE what = 'another'")
        assert app.execute("SELECT what FROM hearth_later").fetchall() == [("changed",)]
        with refused():
            app.execute("TRUNCATE hearth_later")

        operation = never_changed_on_postgresql(
            table="hearth_later_facts",
            function="hearth_later_facts_kept",
            trigger="hearth_later_facts_kept",
            message="Later facts are kept: %% is not allowed",
        )
        operation.code(None, OwnerSchemaEditor(owner))
        app.execute("INSERT INTO hearth_later_facts (what) VALUES ('a fact')")
        with refused():
            app.execute("UPDATE hearth_later_facts SET what = 'rewritten'")
        with refused():
            app.execute("DELETE FROM hearth_later_facts")
        with refused():
            app.execute("TRUNCATE hearth_later_facts")
        with refused():
            app.execute("ALTER TABLE hearth_later_facts DISABLE TRIGGER ALL")


def test_running_the_roles_sql_again_takes_back_what_the_application_role_was_given(deployment):
    """As on an installation from before the roles: the application's account owned a table and
    held a role that writes everywhere. Running the SQL again puts it right and changes nothing else."""
    with deployment.connect() as admin:
        admin.execute(sql.SQL("ALTER TABLE people_child OWNER TO {}").format(sql.Identifier(deployment.app)))
        admin.execute(sql.SQL("GRANT pg_write_all_data TO {}").format(sql.Identifier(deployment.app)))
        admin.execute(sql.SQL("GRANT TRUNCATE ON audit_auditevent TO {}").format(sql.Identifier(deployment.app)))
        admin.execute(deployment.roles_sql())
    with deployment.connect(deployment.app) as app:
        assert owned_by(app, deployment.app) == []
        assert not app.execute("SELECT pg_has_role('pg_write_all_data', 'USAGE')").fetchone()[0]
        with refused():
            app.execute("UPDATE audit_auditevent SET action = action")
        with refused():
            app.execute("TRUNCATE audit_auditevent")
        assert app.execute("SELECT count(*) FROM people_child").fetchone()[0] == 1
        assert app.execute("UPDATE people_child SET first_name = first_name").rowcount == 1


def test_migrate_refuses_an_owner_url_naming_another_database(settings):
    settings.HEARTH_MIGRATION_DATABASE = {**connection.settings_dict, "NAME": "not_hearths_database"}
    with pytest.raises(CommandError, match="both must name Hearth's database"):
        call_command("migrate", verbosity=0)
