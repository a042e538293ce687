"""Final case notes on PostgreSQL, beyond 0003 (never edited): a trigger refuses to delete one
(corrections are amendments, never deletions), and the table is never truncated (a trigger, and
TRUNCATE withdrawn from every role but its owner: hearth/core/append_only.py). The application's
role owns no table, so it cannot disable these triggers (manage.py database_roles). Drafts may
still be deleted; nothing in Hearth deletes a note today."""

from django.db import migrations

from hearth.core.append_only import never_truncated_on_postgresql

MESSAGE = "A final case note is never deleted: add an amendment"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"""
            CREATE OR REPLACE FUNCTION records_final_note_never_deleted() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
            END $$ LANGUAGE plpgsql;
        """)
        schema_editor.execute("""
            DROP TRIGGER IF EXISTS records_final_note_never_deleted ON records_casenote;
            CREATE TRIGGER records_final_note_never_deleted BEFORE DELETE ON records_casenote
            FOR EACH ROW WHEN (OLD.status = 'FINAL') EXECUTE FUNCTION records_final_note_never_deleted();
        """)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS records_final_note_never_deleted ON records_casenote")
        schema_editor.execute("DROP FUNCTION IF EXISTS records_final_note_never_deleted()")


class Migration(migrations.Migration):
    dependencies = [("records", "0003_final_notes_are_never_edited")]
    operations = [
        migrations.RunPython(create, drop),
        never_truncated_on_postgresql(table="records_casenote"),
    ]
