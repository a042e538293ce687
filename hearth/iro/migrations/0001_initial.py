"""The IRO appointments, moved here from the care app (docs/decisions/0006-care-apps.md), in Django's
model state only. The table already exists with every row (care_iroappointment, renamed
iro_iroappointment by care's 0003_move_iro_duties_leavers), so this touches no table: the model is
created with exactly the fields, options and constraints it had in care."""

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
                    name='IROAppointment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('started_on', models.DateField(db_index=True)),
                        ('ended_on', models.DateField(blank=True, null=True)),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('iro', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='iro_appointments', to=settings.AUTH_USER_MODEL)),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='iro_appointments', to='care.periodofcare')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'IRO appointment',
                        'ordering': ['-started_on', '-id'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True)), fields=('period',), name='one_current_iro_appointment'), models.UniqueConstraint(fields=('period', 'started_on'), name='one_iro_appointment_per_day'), models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('started_on')), _connector='OR'), name='iro_appointment_ends_on_or_after_start')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
