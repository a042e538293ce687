"""The council's local frequency for core groups after the first (rule T06L): every 4 weeks, the
common choice in safeguarding partnership procedures. A council changes it in admin."""

from django.db import migrations


def load(apps, schema_editor):
    LocalStandard = apps.get_model("timescales", "LocalStandard")
    LocalStandard.objects.get_or_create(
        rule_id="T06L",
        defaults={
            "limit": 28,
            "source": "Local standard: core groups every 4 weeks after the first (safeguarding partnership procedures)",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("protection", "0001_initial"), ("timescales", "0003_local_standard_choices_from_the_rules_table")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
