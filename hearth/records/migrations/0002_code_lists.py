from django.db import migrations

from hearth.records.codes import ALERT_TYPES, NOTE_TYPES


def load(apps, schema_editor):
    NoteType = apps.get_model("records", "NoteType")
    AlertType = apps.get_model("records", "AlertType")
    for order, (code, label, needs_sign_off, oversight) in enumerate(NOTE_TYPES):
        NoteType.objects.update_or_create(
            code=code,
            defaults={"label": label, "needs_sign_off": needs_sign_off, "is_management_oversight": oversight, "order": order},
        )
    for order, (code, label) in enumerate(ALERT_TYPES):
        AlertType.objects.update_or_create(code=code, defaults={"label": label, "order": order})


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
