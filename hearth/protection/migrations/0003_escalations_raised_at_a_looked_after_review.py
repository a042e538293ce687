"""Escalations become the one mechanism for an IRO's concerns, whether raised at a child protection
conference or at a looked-after review: the conference becomes optional, `raised_at` says which
meeting, and `referral` (the case) is held on the escalation itself, taken from the conference for
every escalation already recorded."""

import django.db.models.deletion
from django.db import migrations, models


def case_from_the_conference(apps, schema_editor):
    Escalation = apps.get_model("protection", "Escalation")
    for escalation in Escalation.objects.select_related("conference").iterator():
        escalation.referral_id = escalation.conference.referral_id
        escalation.save(update_fields=["referral"])


class Migration(migrations.Migration):
    dependencies = [("protection", "0002_core_group_local_standard"), ("frontdoor", "0006_contact_report")]

    operations = [
        migrations.AddField(
            model_name="escalation",
            name="raised_at",
            field=models.CharField(
                choices=[("CONFERENCE", "Child protection conference"), ("LAC_REVIEW", "Looked-after review")],
                default="CONFERENCE",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="escalation",
            name="conference",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="escalations",
                to="protection.conference",
            ),
        ),
        migrations.AddField(
            model_name="escalation",
            name="referral",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="escalations",
                to="frontdoor.referral",
            ),
        ),
        migrations.RunPython(case_from_the_conference, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="escalation",
            name="referral",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="escalations", to="frontdoor.referral"
            ),
        ),
        migrations.AddConstraint(
            model_name="escalation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("conference__isnull", False), ("raised_at", "CONFERENCE")),
                    models.Q(("conference__isnull", True), ("raised_at", "LAC_REVIEW")),
                    _connector="OR",
                ),
                name="escalation_conference_exactly_when_raised_at_one",
            ),
        ),
    ]
