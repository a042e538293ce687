"""The care leavers' contacts and pathway plan reviews, moved here from the care app
(docs/decisions/0006-care-apps.md), in Django's model state only. The tables already exist with
every row (care_careleavercontact and care_pathwayplanreview, renamed leavers_careleavercontact and
leavers_pathwayplanreview by care's 0003_move_iro_duties_leavers), so this touches no table: the
models are created with exactly the fields, options and constraints they had in care."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('care', '0003_move_iro_duties_leavers'),
        ('people', '0009_sealed_record_openings_are_never_changed'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CareLeaverContact',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('contacted_on', models.DateField(db_index=True)),
                        ('method', models.CharField(choices=[('IN_PERSON', 'Seen in person'), ('PHONE', 'Phone or video call'), ('MESSAGE', 'Text, email or letter')], max_length=10)),
                        ('in_touch', models.CharField(choices=[('YES', 'In touch'), ('NO', 'Not in touch'), ('DIED', 'Died'), ('REFU', 'Refuses contact'), ('NREQ', 'No longer requires services'), ('RHOM', 'Returned home to parents for six months or more')], max_length=4)),
                        ('activity', models.CharField(choices=[('F1', 'F1: full-time higher education'), ('P1', 'P1: part-time higher education'), ('F2', 'F2: full-time other education'), ('P2', 'P2: part-time other education'), ('F4', 'F4: full-time employment'), ('P4', 'P4: part-time employment'), ('F5', 'F5: full-time training'), ('P5', 'P5: part-time training'), ('G4', 'G4: not in education, employment or training: illness or disability'), ('G5', 'G5: not in education, employment or training: other reasons'), ('G6', 'G6: not in education, employment or training: pregnancy or parenting'), ('0', '0: no information')], max_length=2)),
                        ('accommodation', models.CharField(choices=[('B', 'B: with parents or relatives'), ('C', 'C: community home or other residential care'), ('D', 'D: semi-independent, transitional accommodation'), ('E', 'E: supported lodgings'), ('G', 'G: gone abroad'), ('H', 'H: deported'), ('K', 'K: ordinary lodgings, without formal support'), ('R', 'R: residence not known'), ('S', 'S: no fixed abode or homeless'), ('T', 'T: foyers and similar supported accommodation'), ('U', 'U: independent living'), ('V', 'V: emergency accommodation'), ('W', 'W: bed and breakfast'), ('X', 'X: in custody'), ('Y', 'Y: other accommodation'), ('Z', 'Z: with former foster carers'), ('0', '0: no information')], max_length=1)),
                        ('accommodation_suitable', models.BooleanField(help_text='Empty when there is no information', null=True)),
                        ('note', models.TextField(blank=True)),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='care_leaver_contacts', to='people.child')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['-contacted_on', '-id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('in_touch__in', ['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM'])), name='care_leaver_in_touch_code'), models.CheckConstraint(condition=models.Q(('activity__in', ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6', '0'])), name='care_leaver_activity_code'), models.CheckConstraint(condition=models.Q(('accommodation__in', ['B', 'C', 'D', 'E', 'G', 'H', 'K', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', '0'])), name='care_leaver_accommodation_code'), models.CheckConstraint(condition=models.Q(models.Q(('accommodation', '0'), ('accommodation_suitable__isnull', True)), models.Q(models.Q(('accommodation', '0'), _negated=True), ('accommodation_suitable__isnull', False)), _connector='OR'), name='care_leaver_suitability_with_accommodation')],
                    },
                ),
                migrations.CreateModel(
                    name='PathwayPlanReview',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reviewed_on', models.DateField(db_index=True)),
                        ('personal_adviser', models.CharField(help_text="The young person's personal adviser", max_length=200)),
                        ('summary', models.TextField(help_text='What the plan says and what changed')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pathway_plan_reviews', to='people.child')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['-reviewed_on', '-id'],
                        'constraints': [models.UniqueConstraint(fields=('child', 'reviewed_on'), name='one_pathway_review_per_day'), models.CheckConstraint(condition=models.Q(models.Q(('personal_adviser', ''), _negated=True), models.Q(('summary', ''), _negated=True)), name='pathway_review_has_content')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
