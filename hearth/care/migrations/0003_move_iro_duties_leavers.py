"""The IRO's appointments, the looked-after duties (reviews, health checks) and the care leavers'
facts (contacts, pathway plan reviews) move out of the care app into their own apps (iro, duties,
leavers; docs/decisions/0006-care-apps.md).

Their rows stay where they are: in the database each table is only renamed to its new app's name
(care_iroappointment -> iro_iroappointment, ...), so an existing database keeps every row, id,
constraint and foreign key. In Django's model state the models leave care here and are created again,
with the same fields, options and constraints, by each new app's 0001_initial, which depends on this
migration and touches no table."""

from django.db import migrations

MOVED = {
    "iroappointment": "iro_iroappointment",
    "carereview": "duties_carereview",
    "healthcheck": "duties_healthcheck",
    "careleavercontact": "leavers_careleavercontact",
    "pathwayplanreview": "leavers_pathwayplanreview",
}


class Migration(migrations.Migration):

    dependencies = [
        ("care", "0002_iro_appointment"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name=name) for name in MOVED],
            database_operations=[migrations.AlterModelTable(name=name, table=table) for name, table in MOVED.items()],
        ),
    ]
