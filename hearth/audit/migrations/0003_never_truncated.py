"""The audit trail's second guard on PostgreSQL: a trigger refuses TRUNCATE, and every role but the
tables' owner loses TRUNCATE, UPDATE and DELETE on it (hearth/core/append_only.py). New
installations get the same from 0002; this brings earlier ones up to it."""

from django.db import migrations

from hearth.core.append_only import never_truncated_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_on_postgresql")]
    operations = [never_truncated_on_postgresql(table="audit_auditevent", rows_never_changed=True)]
