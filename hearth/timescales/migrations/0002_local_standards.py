"""The local standards in the seeds (assessments in 35 working days); a council changes them in admin."""

from django.db import migrations

DEFAULTS = [
    ("T03", 35, "Local standard: assessments within 35 working days (improvement plan target)"),
    ("T03C", 35, "Local standard: assessments within 35 working days (improvement plan target)"),
]


def load(apps, schema_editor):
    LocalStandard = apps.get_model("timescales", "LocalStandard")
    for rule_id, limit, source in DEFAULTS:
        LocalStandard.objects.get_or_create(rule_id=rule_id, defaults={"limit": limit, "source": source})


class Migration(migrations.Migration):
    dependencies = [("timescales", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
