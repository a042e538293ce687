"""The placement's provider is now the register's entry: the free-text carer, code and URN go (0006
moved them into the register), and the link becomes `provider`, required."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("care", "0006_placements_name_their_provider")]

    operations = [
        migrations.RemoveConstraint(model_name="placement", name="placement_provider_in_code_list"),
        migrations.RemoveConstraint(model_name="placement", name="placement_has_carer"),
        migrations.RemoveField(model_name="placement", name="carer"),
        migrations.RemoveField(model_name="placement", name="urn"),
        migrations.RemoveField(model_name="placement", name="provider"),
        migrations.RenameField(model_name="placement", old_name="provider_record", new_name="provider"),
        migrations.AlterField(
            model_name="placement",
            name="provider",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="placements", to="care.provider"
            ),
        ),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.CheckConstraint(
                condition=models.Q(("postcode", ""), _negated=True), name="placement_has_postcode"
            ),
        ),
    ]
