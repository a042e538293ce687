"""The two PostgreSQL roles a council runs Hearth with (docs/operations.md, "Deploying safely"):

- the **owner** role owns every table, sequence and function in Hearth's schema and is the only
  one that changes them: `manage.py migrate` connects as it (HEARTH_MIGRATION_DATABASE_URL);
- the **application** role, the one in DATABASE_URL, owns nothing, so it cannot alter, disable the
  triggers of, or drop any table; it may SELECT, INSERT, UPDATE and DELETE, never TRUNCATE; and on
  the tables whose rows are never changed (hearth/core/append_only.py) only SELECT and INSERT.

`role_setup_sql` is what `manage.py database_roles` prints, for a superuser to run connected to
Hearth's database. It can be run again at any time (after a restore, say) and changes nothing that
is already right.
"""

import re

from django.db.migrations.loader import MigrationLoader

from hearth.core.append_only import ROWS_NEVER_CHANGED

ROLE_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
SCHEMA = "public"


def rows_never_changed_tables() -> list[str]:
    """Every table a migration makes append-only, read from the migrations themselves, so that a
    table made append-only later needs no list kept by hand."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(
        {
            table
            for migration in loader.disk_migrations.values()
            for operation in migration.operations
            if (table := getattr(operation, ROWS_NEVER_CHANGED, None))
        }
    )


def check_role_names(owner: str, app: str) -> None:
    for what, name in (("owner", owner), ("application", app)):
        if not ROLE_NAME.fullmatch(name):
            raise ValueError(
                f"The {what} role's name {name!r} is not a plain PostgreSQL name: use lower-case letters, "
                "digits and underscores, starting with a letter (for example hearth_owner and hearth_app)."
            )
    if owner == app:
        raise ValueError("The owner role and the application role must be two different roles.")


def role_setup_sql(*, owner: str = "hearth_owner", app: str = "hearth_app") -> str:
    check_role_names(owner, app)
    never_changed = "\n".join(
        f"    IF to_regclass('{SCHEMA}.{table}') IS NOT NULL THEN\n"
        f"        REVOKE UPDATE, DELETE ON {SCHEMA}.{table} FROM {app};\n"
        f"    END IF;"
        for table in rows_never_changed_tables()
    )
    # Role names are checked above; table names come from the migrations.
    return f"""-- Hearth's two database roles (docs/operations.md, "Deploying safely"), printed by
--     manage.py database_roles --owner {owner} --app {app}
-- Run it as a superuser connected to Hearth's database, before the first migrate, after restoring a
-- backup, and whenever in doubt: running it again changes nothing that is already right.
BEGIN;

-- 1. The roles, if they are not there yet. Give each a password afterwards (psql: \\password {app}).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{owner}') THEN
        CREATE ROLE {owner} LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{app}') THEN
        CREATE ROLE {app} LOGIN;
    END IF;
END $$;

-- 2. The application role is an ordinary login and nothing more: no special attributes, and a
--    member of no role (not of the owner, nor of pg_write_all_data, which would undo step 6).
ALTER ROLE {app} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
DO $$
DECLARE
    granted name;
BEGIN
    FOR granted IN
        SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
        WHERE m.member = '{app}'::regrole
    LOOP
        EXECUTE format('REVOKE %I FROM {app}', granted);
    END LOOP;
END $$;

-- 3. The owner role owns everything in the schema; the application role owns nothing (whoever
--    owns a table may truncate it, disable or drop its triggers, or drop it).
REASSIGN OWNED BY {app} TO {owner};
DO $$
DECLARE
    item record;
BEGIN
    FOR item IN
        SELECT c.oid::regclass AS name,
               CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                              WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind
        FROM pg_class c
        WHERE c.relnamespace = '{SCHEMA}'::regnamespace
          AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND c.relowner <> '{owner}'::regrole
          -- sequences of serial and identity columns follow their table; extensions keep theirs
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                          AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO {owner}', item.kind, item.name);
    END LOOP;
    FOR item IN
        SELECT p.oid::regprocedure AS name, CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS kind
        FROM pg_proc p
        WHERE p.pronamespace = '{SCHEMA}'::regnamespace
          AND p.prokind IN ('f', 'p')
          AND p.proowner <> '{owner}'::regrole
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                          AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO {owner}', item.kind, item.name);
    END LOOP;
END $$;

-- 4. Both connect; only the owner creates anything in the schema.
DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO {owner}, {app}', current_database());
END $$;
REVOKE CREATE ON SCHEMA {SCHEMA} FROM PUBLIC;
REVOKE ALL ON SCHEMA {SCHEMA} FROM {app};
GRANT USAGE ON SCHEMA {SCHEMA} TO {app};
GRANT USAGE, CREATE ON SCHEMA {SCHEMA} TO {owner};

-- 5. The application role reads and writes rows, on today's tables and (default privileges) on
--    every table and sequence the owner creates from now on; never TRUNCATE.
REVOKE ALL ON ALL TABLES IN SCHEMA {SCHEMA} FROM {app};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {SCHEMA} TO {app};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA {SCHEMA} FROM {app};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {SCHEMA} TO {app};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {SCHEMA}
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {SCHEMA}
    GRANT USAGE, SELECT ON SEQUENCES TO {app};

-- 6. Tables whose rows are never changed (hearth/core/append_only.py): read and insert only. A
--    table made so by a later migration loses UPDATE and DELETE in that migration.
DO $$
BEGIN
{never_changed}
END $$;

COMMIT;
"""  # noqa: S608


def tables_owned_by_the_connected_role(connection) -> list[str]:
    """The tables, sequences and functions in Hearth's schema that the role Hearth is connected as
    owns. For the application's role this must be none (it could otherwise alter, disable the guards
    of, or truncate the audit trail)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.relname FROM pg_class c WHERE c.relnamespace = %(schema)s::regnamespace
                   AND c.relowner = current_user::regrole
               UNION ALL
               SELECT p.proname FROM pg_proc p WHERE p.pronamespace = %(schema)s::regnamespace
                   AND p.proowner = current_user::regrole""",
            {"schema": SCHEMA},
        )
        return sorted(name for (name,) in cursor.fetchall())


def refuse_to_serve_as_the_owner(connection) -> None:
    """Called as a production server starts (hearth/wsgi.py): Hearth will not serve requests connected
    as a role that owns its tables, since then nothing guards the audit trail but Hearth's own code."""
    if connection.vendor != "postgresql":
        return
    owned = tables_owned_by_the_connected_role(connection)
    if owned:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"DATABASE_URL connects as a role that owns {len(owned)} of Hearth's tables and functions "
            f"(for example {owned[0]}). Serve Hearth as the application's role, which owns nothing, and "
            'migrate as the owner: manage.py database_roles (docs/operations.md, "Deploying safely").'
        )
