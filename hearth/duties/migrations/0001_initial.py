"""The looked-after reviews and health checks, moved here from the care app (docs/decisions/0006-care-
apps.md), in Django's model state only. The tables already exist with every row (care_carereview and
care_healthcheck, renamed duties_carereview and duties_healthcheck by care's
0003_move_iro_duties_leavers), so this touches no table: the models are created with exactly the
fields, options and constraints they had in care."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('care', '0003_move_iro_duties_leavers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CareReview',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('held_on', models.DateField(db_index=True)),
                        ('participation', models.CharField(choices=[('PN0', 'PN0: child under 4 at the time of the review'), ('PN1', 'PN1: child attended and spoke for themselves'), ('PN2', 'PN2: child attended and an advocate spoke for them'), ('PN3', 'PN3: child attended and conveyed their views non-verbally'), ('PN4', 'PN4: child attended but did not convey their views'), ('PN5', 'PN5: child did not attend and briefed an advocate to speak for them'), ('PN6', 'PN6: child did not attend and conveyed their views by other means'), ('PN7', 'PN7: child did not attend and their views were not conveyed')], max_length=3)),
                        ('recommendations', models.TextField()),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('chair', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='care.periodofcare')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['-held_on', '-id'],
                        'constraints': [models.UniqueConstraint(fields=('period', 'held_on'), name='one_care_review_per_day'), models.CheckConstraint(condition=models.Q(('participation__in', ['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'])), name='care_review_participation_in_code_list'), models.CheckConstraint(condition=models.Q(('recommendations', ''), _negated=True), name='care_review_has_recommendations')],
                    },
                ),
                migrations.CreateModel(
                    name='HealthCheck',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('IHA', 'Initial health assessment (by a doctor)'), ('RHA', 'Review health assessment'), ('DENTAL', 'Dental check')], max_length=6)),
                        ('done_on', models.DateField(db_index=True)),
                        ('refused', models.BooleanField(default=False, help_text='The child (or, for a young child, the parent) refused')),
                        ('done_by', models.CharField(blank=True, help_text='Who carried it out', max_length=200)),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='health_checks', to='care.periodofcare')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['-done_on', '-id'],
                        'constraints': [models.UniqueConstraint(fields=('period', 'kind', 'done_on'), name='one_health_check_of_a_kind_per_day'), models.CheckConstraint(condition=models.Q(('kind__in', ['IHA', 'RHA', 'DENTAL'])), name='health_check_kind')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
