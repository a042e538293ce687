"""Openings of sealed adoption records are facts kept with the record: on PostgreSQL a trigger
refuses every UPDATE and DELETE of one, whoever asks (as for the audit trail). SQLite, for the
demo, has no such guard."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION hearth_sealed_opening_never_changed() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Openings of sealed records are never changed: %% is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER sealed_opening_never_changed
    BEFORE UPDATE OR DELETE ON people_sealedrecordopening
    FOR EACH ROW EXECUTE FUNCTION hearth_sealed_opening_never_changed();
"""
DROP = """
DROP TRIGGER IF EXISTS sealed_opening_never_changed ON people_sealedrecordopening;
DROP FUNCTION IF EXISTS hearth_sealed_opening_never_changed();
"""


def run_on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0008_sealed_record_opening_with_reason")]
    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
