"""A migration operation that makes a table's rows unchangeable on PostgreSQL: a trigger refuses
every UPDATE and DELETE, whoever asks (the application's own database role included). Used for
facts that must be kept exactly as written: the audit trail, and the openings of sealed adoption
records. SQLite, for the demo, has no such guard."""

from django.db import migrations


def never_changed_on_postgresql(*, table: str, function: str, trigger: str, message: str) -> migrations.RunPython:
    """`message` is the error raised; a `%%` in it stands for the refused operation (UPDATE or DELETE)."""
    create = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{message}', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {trigger}
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    drop = f"""
DROP TRIGGER IF EXISTS {trigger} ON {table};
DROP FUNCTION IF EXISTS {function}();
"""
    return migrations.RunPython(_on_postgresql(create), _on_postgresql(drop))


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run
