"""Make the audit trail append-only on PostgreSQL: a trigger refuses every UPDATE and DELETE of a
row, whoever asks (the application's own role included). SQLite, for the demo, has no such guard.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION hearth_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: %% of audit rows is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION hearth_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS hearth_audit_append_only();
"""


def run_on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
