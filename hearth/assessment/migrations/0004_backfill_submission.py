from django.db import migrations


def submitted_when_authorised(apps, schema_editor):
    # Assessments authorised before submission existed were, in effect, submitted the day the
    # manager authorised them, by the worker who held them.
    Assessment = apps.get_model("assessment", "Assessment")
    for assessment in Assessment.objects.filter(authorised_on__isnull=False, submitted_on__isnull=True).select_related(
        "worker"
    ):
        assessment.submitted_on = assessment.authorised_on
        assessment.submitted_by_id = assessment.worker.user_id
        assessment.save(update_fields=["submitted_on", "submitted_by"])


class Migration(migrations.Migration):
    # Its own migration (its own transaction on PostgreSQL), between adding the columns and the
    # constraints that need them filled.
    dependencies = [("assessment", "0003_assessment_record")]
    operations = [migrations.RunPython(submitted_when_authorised, migrations.RunPython.noop)]
