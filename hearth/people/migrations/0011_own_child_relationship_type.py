"""The "own child" relationship type: a young person's son or daughter, from which the SSDA903's
MOTHER and MC_DOB are read (docs/returns-903.md). Listed with the family, after "Other relative"."""

from django.db import migrations

ORDER = [
    "MOTHER",
    "FATHER",
    "STEP_PARENT",
    "PARENT_OTHER",
    "GRANDPARENT",
    "AUNT_UNCLE",
    "FAMILY_OTHER",
    "OWN_CHILD",
    "SIBLING",
    "HALF_SIBLING",
    "STEP_SIBLING",
    "CARER",
    "GP",
    "HEALTH_VISITOR",
    "SCHOOL_NURSE",
    "TEACHER",
    "PROFESSIONAL_OTHER",
]


def load(apps, schema_editor):
    RelationshipType = apps.get_model("people", "RelationshipType")
    RelationshipType.objects.get_or_create(
        code="OWN_CHILD",
        defaults={"label": "Their own child (son or daughter)", "kind": "FAMILY", "links_children": False},
    )
    # Only the order of the types Hearth ships is set; a council's own types and labels are kept.
    for order, code in enumerate(ORDER, start=1):
        RelationshipType.objects.filter(code=code).update(order=order)


class Migration(migrations.Migration):
    dependencies = [("people", "0010_characteristics")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
