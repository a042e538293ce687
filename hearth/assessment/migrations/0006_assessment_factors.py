from django.db import migrations

from hearth.assessment.codes import ASSESSMENT_FACTORS, sort_key


def load(apps, schema_editor):
    AssessmentFactor = apps.get_model("assessment", "AssessmentFactor")
    ordered = sorted(ASSESSMENT_FACTORS, key=lambda item: sort_key(item[0]))
    for position, (code, label) in enumerate(ordered, start=1):
        AssessmentFactor.objects.update_or_create(
            code=code, defaults={"label": label, "position": position, "active": True}
        )


class Migration(migrations.Migration):
    dependencies = [("assessment", "0005_assessment_record_constraints")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
