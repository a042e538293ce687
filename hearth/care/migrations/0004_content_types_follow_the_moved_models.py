"""The content types of the models that left care (0003) follow them to their new apps, so that
nothing pointing at a content type (Django's model permissions, their grants to groups and users,
the admin's log) is left pointing at a model that no longer exists. The rows are relabelled in
place, keeping their ids. On a new database there are none yet (Django creates content types after
migrating), so this does nothing there."""

from django.db import migrations

MOVED = {
    "iroappointment": "iro",
    "carereview": "duties",
    "healthcheck": "duties",
    "careleavercontact": "leavers",
    "pathwayplanreview": "leavers",
}


def _relabel(apps, schema_editor, *, forwards: bool) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    rows = content_type.objects.using(schema_editor.connection.alias)
    for model, new_label in MOVED.items():
        old, new = ("care", new_label) if forwards else (new_label, "care")
        # Were both there (Django created the new one before this ran), the old row and what points
        # at it are left as they are rather than merged: nothing of anyone's is deleted.
        if not rows.filter(app_label=new, model=model).exists():
            rows.filter(app_label=old, model=model).update(app_label=new)


def to_the_new_apps(apps, schema_editor):
    _relabel(apps, schema_editor, forwards=True)


def back_to_care(apps, schema_editor):
    _relabel(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):

    dependencies = [
        ("care", "0003_move_iro_duties_leavers"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(to_the_new_apps, back_to_care),
    ]
