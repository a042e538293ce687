from django.db import migrations

from hearth.frontdoor.codes import REFERRAL_SOURCES


def load(apps, schema_editor):
    ReferralSource = apps.get_model("frontdoor", "ReferralSource")
    for code, label in REFERRAL_SOURCES:
        ReferralSource.objects.update_or_create(code=code, defaults={"label": label, "active": True})


class Migration(migrations.Migration):
    dependencies = [("frontdoor", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
