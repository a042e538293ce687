"""The reasons a visit could not happen, as data (a council can add or disable them in the admin)."""

from django.db import migrations

REASONS = [
    ("NOT_HOME", "Child not at home", 1),
    ("REFUSED", "Family refused access", 2),
    ("ABROAD", "Child out of the country", 3),
    ("HOSPITAL", "Child in hospital", 4),
    ("OTHER", "Other", 9),
]


def load(apps, schema_editor):
    Reason = apps.get_model("visits", "VisitNotPossibleReason")
    for code, label, order in REASONS:
        Reason.objects.get_or_create(code=code, defaults={"label": label, "order": order})


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
