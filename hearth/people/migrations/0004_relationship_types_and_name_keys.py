"""The relationship code list, and search keys for the children already recorded."""

from django.db import migrations

from hearth.people.names import name_words, sound_key

# (code, label, kind, links children)
RELATIONSHIP_TYPES = [
    ("MOTHER", "Mother", "PARENT", False),
    ("FATHER", "Father", "PARENT", False),
    ("STEP_PARENT", "Step-parent", "PARENT", False),
    ("PARENT_OTHER", "Other parent (e.g. adoptive, second female parent)", "PARENT", False),
    ("GRANDPARENT", "Grandparent", "FAMILY", False),
    ("AUNT_UNCLE", "Aunt or uncle", "FAMILY", False),
    ("FAMILY_OTHER", "Other relative", "FAMILY", False),
    ("SIBLING", "Sibling", "SIBLING", True),
    ("HALF_SIBLING", "Half-sibling", "SIBLING", True),
    ("STEP_SIBLING", "Step-sibling", "SIBLING", True),
    ("CARER", "Carer (family friend, kinship or foster carer)", "CARER", False),
    ("GP", "GP", "PROFESSIONAL", False),
    ("HEALTH_VISITOR", "Health visitor", "PROFESSIONAL", False),
    ("SCHOOL_NURSE", "School nurse", "PROFESSIONAL", False),
    ("TEACHER", "Teacher or designated safeguarding lead", "PROFESSIONAL", False),
    ("PROFESSIONAL_OTHER", "Other professional", "PROFESSIONAL", False),
]


def load(apps, schema_editor):
    RelationshipType = apps.get_model("people", "RelationshipType")
    for order, (code, label, kind, links_children) in enumerate(RELATIONSHIP_TYPES, start=1):
        RelationshipType.objects.update_or_create(
            code=code, defaults={"label": label, "kind": kind, "links_children": links_children, "order": order}
        )
    Child = apps.get_model("people", "Child")
    NameKey = apps.get_model("people", "NameKey")
    keys = []
    for child in Child.objects.all().iterator():
        words = set(name_words(child.first_name) + name_words(child.last_name))
        keys += [NameKey(child_id=child.pk, word=word, sound=sound_key(word)) for word in words]
    NameKey.objects.bulk_create(keys, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_identifiers_family_search")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
