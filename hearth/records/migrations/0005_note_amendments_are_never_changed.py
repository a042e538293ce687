"""An amendment to a final case note is a fact kept beside the note, like the note itself: on
PostgreSQL a trigger refuses every UPDATE and DELETE of one, whoever asks, and TRUNCATE (a trigger,
and UPDATE, DELETE and TRUNCATE withdrawn from every role but the table's owner:
hearth/core/append_only.py). A later correction is another amendment, never an edit of one. SQLite,
for the demo, has no such guard."""

from django.db import migrations

from hearth.core.append_only import never_changed_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("records", "0004_final_notes_are_never_deleted_or_truncated")]
    operations = [
        never_changed_on_postgresql(
            table="records_noteamendment",
            function="records_note_amendment_never_changed",
            trigger="records_note_amendment_never_changed",
            message="An amendment to a case note is never changed: %% is not allowed (add another amendment)",
        )
    ]
