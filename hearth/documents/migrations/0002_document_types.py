from django.db import migrations

DOCUMENT_TYPES = [
    ("LETTER", "Letter"),
    ("ASSESSMENT_REPORT", "Assessment report"),
    ("CONFERENCE_REPORT", "Child protection conference report or minutes"),
    ("PLAN", "Plan (child in need, child protection, care, pathway)"),
    ("COURT", "Court document"),
    ("HEALTH", "Health report"),
    ("EDUCATION", "Education report (school, EHCP, PEP)"),
    ("POLICE", "Police information"),
    ("CONSENT", "Consent form"),
    ("PHOTO", "Photograph or image"),
    ("CHILD_WORK", "The child's own work (direct work, drawings, letters)"),
    ("OTHER", "Other"),
]


def load(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, (code, label) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.update_or_create(code=code, defaults={"label": label, "order": order})


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_documents")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
