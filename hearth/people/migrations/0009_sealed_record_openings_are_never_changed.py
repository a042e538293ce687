"""Openings of sealed adoption records are facts kept with the record: on PostgreSQL a trigger
refuses every UPDATE and DELETE of one, whoever asks (as for the audit trail). SQLite, for the
demo, has no such guard."""

from django.db import migrations

from hearth.core.append_only import never_changed_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("people", "0008_sealed_record_opening_with_reason")]
    operations = [
        never_changed_on_postgresql(
            table="people_sealedrecordopening",
            function="hearth_sealed_opening_never_changed",
            trigger="sealed_opening_never_changed",
            message="Openings of sealed records are never changed: %% is not allowed",
        )
    ]
