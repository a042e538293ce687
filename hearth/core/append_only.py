"""Migration operations for facts that must be kept exactly as written (the audit trail, the
openings of sealed adoption records, final case notes). On PostgreSQL two guards hold them:

1. **Privileges.** Hearth runs as an application role that owns no table (`manage.py
   database_roles`, docs/operations.md), so it cannot `ALTER TABLE ... DISABLE TRIGGER`, drop a
   trigger or roll a migration back; it holds no TRUNCATE anywhere; and on a table whose rows are
   never changed it holds no UPDATE or DELETE either. These operations withdraw those privileges
   from every role but the table's owner, so a table made append-only later is covered too.
2. **Triggers**, whoever asks (the owner included, short of disabling them, which only the owner
   may): one refuses every UPDATE and DELETE of a row; one refuses TRUNCATE.

SQLite, for the demo, has neither guard.
"""

import re

from django.db import migrations

# Set on an operation that makes a table's rows never changed; `manage.py database_roles` reads it
# (hearth/core/database_roles.py) so that its grants never give back UPDATE or DELETE on such a table.
ROWS_NEVER_CHANGED = "hearth_rows_never_changed_table"

# Every TRUNCATE guard is a trigger of this name running the function of this name.
TRUNCATE_GUARD = "hearth_never_truncated"


def never_changed_on_postgresql(*, table: str, function: str, trigger: str, message: str) -> migrations.RunPython:
    """Rows are only ever inserted. `message` is the error raised; a `%%` in it stands for the
    refused operation (UPDATE or DELETE)."""
    _check_names(table, function, trigger)
    create = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{message}', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {trigger} ON {table};
CREATE TRIGGER {trigger}
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
{_truncate_guard_sql(table)}
{_revoke_from_all_but_owner_sql(table, "UPDATE, DELETE, TRUNCATE")}
"""
    drop = f"""
DROP TRIGGER IF EXISTS {TRUNCATE_GUARD} ON {table};
DROP TRIGGER IF EXISTS {trigger} ON {table};
DROP FUNCTION IF EXISTS {function}();
"""
    operation = migrations.RunPython(_on_postgresql(create), _on_postgresql(drop))
    setattr(operation, ROWS_NEVER_CHANGED, table)
    return operation


def never_truncated_on_postgresql(*, table: str, rows_never_changed: bool = False) -> migrations.RunPython:
    """The TRUNCATE trigger, and TRUNCATE withdrawn from every role but the owner. With
    `rows_never_changed`, for a table already made append-only by `never_changed_on_postgresql`
    before it set these guards, UPDATE and DELETE are withdrawn as well."""
    _check_names(table)
    privileges = "UPDATE, DELETE, TRUNCATE" if rows_never_changed else "TRUNCATE"
    create = f"{_truncate_guard_sql(table)}\n{_revoke_from_all_but_owner_sql(table, privileges)}"
    drop = f"DROP TRIGGER IF EXISTS {TRUNCATE_GUARD} ON {table};"
    operation = migrations.RunPython(_on_postgresql(create), _on_postgresql(drop))
    if rows_never_changed:
        setattr(operation, ROWS_NEVER_CHANGED, table)
    return operation


def _check_names(*names: str) -> None:
    for name in names:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise ValueError(f"{name!r} is not a plain lower-case SQL name")


def _truncate_guard_sql(table: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {TRUNCATE_GUARD}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The rows of %% are kept as written: TRUNCATE is not allowed', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {TRUNCATE_GUARD} ON {table};
CREATE TRIGGER {TRUNCATE_GUARD}
    BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION {TRUNCATE_GUARD}();
"""


def _revoke_from_all_but_owner_sql(table: str, privileges: str) -> str:
    """Withdraw `privileges` on `table` from PUBLIC and every role granted any, except the owner
    (who keeps them: it runs the migrations)."""
    # `table` and `privileges` come from migrations, never from input (and `table` is checked).
    return f"""
DO $$
DECLARE
    grantee oid;
BEGIN
    FOR grantee IN
        SELECT DISTINCT acl.grantee FROM pg_class c, aclexplode(c.relacl) acl
        WHERE c.oid = '{table}'::regclass AND acl.grantee <> c.relowner
    LOOP
        EXECUTE format(
            'REVOKE {privileges} ON {table} FROM %%s',
            CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE grantee::regrole::text END
        );
    END LOOP;
END $$;
"""  # noqa: S608


def _on_postgresql(sql: str):
    """Django's schema editor reads `%` as a placeholder: the SQL above writes `%%` for one `%`."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run
