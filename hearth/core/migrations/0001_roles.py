from django.db import migrations

ROLE_NAMES = [
    "Social worker",
    "Team manager",
    "Service manager",
    "MASH screener",
    "Independent reviewing officer",
    "Performance and quality officer",
    "Director",
    "Councillor",
]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
