"""A final case note's content is never changed, whoever writes to the database: a trigger refuses
the update (the services already refuse it; this holds for any other code or a hand-typed UPDATE).
Sign-off may still be recorded on a final note; amendments are rows of their own."""

from django.db import migrations

PROTECTED = ["text", "childs_voice", "present", "event_date", "note_type_id", "status", "finalised_at", "finalised_by_id"]
MESSAGE = "A final case note is never edited: add an amendment"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in PROTECTED)
        schema_editor.execute(f"""
            CREATE FUNCTION records_final_note_unchanged() RETURNS trigger AS $$
            BEGIN
                IF OLD.status = 'FINAL' AND ({changed}) THEN
                    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
        """)
        schema_editor.execute("""
            CREATE TRIGGER records_final_note_unchanged BEFORE UPDATE ON records_casenote
            FOR EACH ROW EXECUTE FUNCTION records_final_note_unchanged();
        """)
    elif vendor == "sqlite":
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in PROTECTED)
        schema_editor.execute(f"""
            CREATE TRIGGER records_final_note_unchanged BEFORE UPDATE ON records_casenote
            FOR EACH ROW WHEN OLD.status = 'FINAL' AND ({changed})
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
        """)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS records_final_note_unchanged ON records_casenote")
        schema_editor.execute("DROP FUNCTION IF EXISTS records_final_note_unchanged()")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS records_final_note_unchanged")


class Migration(migrations.Migration):
    dependencies = [("records", "0002_code_lists")]
    operations = [migrations.RunPython(create, drop)]
