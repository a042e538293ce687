"""The second guard on PostgreSQL for the audit trail and for its companion, the openings of sealed
adoption records (each opening is written with its audit event; people/0009 made them append-only):
a trigger refuses TRUNCATE, and every role but the tables' owner loses TRUNCATE, UPDATE and DELETE
on them (hearth/core/append_only.py). New installations get the same from audit/0002 and
people/0009; this brings earlier ones up to it."""

from django.db import migrations

from hearth.core.append_only import never_truncated_on_postgresql


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_on_postgresql"),
        ("people", "0009_sealed_record_openings_are_never_changed"),
    ]
    operations = [
        never_truncated_on_postgresql(table="audit_auditevent", rows_never_changed=True),
        never_truncated_on_postgresql(table="people_sealedrecordopening", rows_never_changed=True),
    ]
