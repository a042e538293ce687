"""Today's placements' free-text carer, provider code and URN move into the register without loss:
placements with the same carer's name (as typed, trimmed), the same URN and the same provider code
share one provider; each provider's kind is read from the placement type and code of the earliest
placement naming it. The provider is recorded as by whoever recorded that placement.

Backwards, each placement takes its provider's name, code and URN again (0007 reversed restores the
columns), so the round trip keeps every value."""

from django.db import migrations

FOSTER = {"U1", "U2", "U3", "U4", "U5", "U6"}
ADOPTION = {"A3", "A4", "A5", "A6"}


def _kind(placement_type: str, code: str) -> str:
    if code == "PR0":
        return "PARENTS"
    if code == "PR2":
        return "OTHER_COUNCIL"
    if placement_type in FOSTER:
        return "COUNCIL_FOSTER" if code == "PR1" else "AGENCY_FOSTER" if code in ("PR4", "PR5") else "OTHER_SETTING"
    if placement_type in ADOPTION:
        return "ADOPTERS"
    if placement_type in ("K1", "K2"):
        return "CHILDRENS_HOME"
    if placement_type in ("H5", "K3", "P2"):
        return "SUPPORTED"
    return "OTHER_SETTING"


def forwards(apps, schema_editor):
    db = schema_editor.connection.alias
    placement_model = apps.get_model("care", "Placement")
    provider_model = apps.get_model("care", "Provider")
    made = {}
    for placement in placement_model.objects.using(db).order_by("started_on", "id"):
        key = (placement.carer.strip(), placement.urn.strip(), placement.provider)
        if key not in made:
            made[key] = provider_model.objects.using(db).create(
                kind=_kind(placement.placement_type, placement.provider),
                name=key[0],
                urn=key[1],
                provider_code=key[2],
                recorded_by_id=placement.recorded_by_id,
            )
        placement.provider_record = made[key]
        placement.save(update_fields=["provider_record"])


def backwards(apps, schema_editor):
    db = schema_editor.connection.alias
    placement_model = apps.get_model("care", "Placement")
    for placement in placement_model.objects.using(db).select_related("provider_record"):
        provider = placement.provider_record
        placement.carer, placement.urn, placement.provider = provider.name, provider.urn, provider.provider_code
        placement.save(update_fields=["carer", "urn", "provider"])
    apps.get_model("care", "Provider").objects.using(db).all().delete()


class Migration(migrations.Migration):
    dependencies = [("care", "0005_provider_register")]

    operations = [migrations.RunPython(forwards, backwards)]
