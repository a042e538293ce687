"""Make the audit trail append-only on PostgreSQL: a trigger refuses every UPDATE and DELETE of a
row, whoever asks (the application's own role included). SQLite, for the demo, has no such guard.
"""

from django.db import migrations

from hearth.core.append_only import never_changed_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [
        never_changed_on_postgresql(
            table="audit_auditevent",
            function="hearth_audit_append_only",
            trigger="audit_append_only",
            message="The audit trail is append-only: %% of audit rows is not allowed",
        )
    ]
