from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("assessment", "0004_backfill_submission")]
    operations = [
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('submitted_by__isnull', True), ('submitted_on__isnull', True)), models.Q(('submitted_by__isnull', False), ('submitted_on__gte', models.F('started_on')), ('submitted_on__isnull', False)), _connector='OR'), name='assessment_submission_complete_and_after_start'),
        ),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.CheckConstraint(condition=models.Q(('authorised_on__isnull', True), models.Q(('authorised_on__gte', models.F('submitted_on')), ('submitted_on__isnull', False)), _connector='OR'), name='assessment_authorised_after_submission'),
        ),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.CheckConstraint(condition=models.Q(('child_seen_alone', False), ('child_seen_on__isnull', False), _connector='OR'), name='assessment_seen_alone_needs_seen'),
        ),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.CheckConstraint(condition=models.Q(('child_seen_on__isnull', True), ('child_seen_on__gte', models.F('started_on')), _connector='OR'), name='assessment_child_seen_after_start'),
        ),
    ]
