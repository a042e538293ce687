"""903 rules about one fact are refused when the fact is recorded (hearth/care/services.py), with a
message naming the rule and nothing written: 392d (the placement at the home the child left, unless
with parents) and 217 (placed for adoption with the current foster carer, A3/A5, means the same carer)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.care.models import Placement
from hearth.testing.care_duty_journeys import move
from hearth.testing.journeys import looked_after_child, new_child

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Ezra", "Lindqvist"), D(2025, 1, 6))


def test_a_placement_at_the_childs_home_is_refused_unless_with_parents(staff, period):
    with pytest.raises(ValidationError) as refused:
        move(staff, period, D(2025, 3, 1), carer="Ms Okafor", postcode="kv3 9zz", home_postcode="KV3 9ZZ")
    assert "392d" in refused.value.message_dict["home_postcode"][0]
    assert Placement.objects.filter(period=period).count() == 1
    move(staff, period, D(2025, 3, 1), carer="Mum", postcode="KV3 9ZZ", placement_type="P1", provider="PR0")
    assert Placement.objects.filter(period=period).count() == 2


def test_a3_and_a5_must_be_with_the_current_foster_carer(staff, period):
    with pytest.raises(ValidationError) as refused:
        move(staff, period, D(2025, 3, 1), "CARPL", carer="Mr and Mrs Ashdown", placement_type="A5")
    message = refused.value.message_dict["carer"][0]
    assert "217" in message and "Mr and Mrs Fernhill" in message
    assert Placement.objects.filter(period=period).count() == 1
    # The same carers, however the name is typed: recorded, and the episode is T.
    move(staff, period, D(2025, 3, 1), "CARPL", carer="mr and mrs  fernhill", placement_type="A5")
    # New adopters are A4 or A6.
    move(staff, period, D(2025, 4, 1), "CARPL", carer="Mr and Mrs Ashdown", placement_type="A6")
    assert Placement.objects.filter(period=period).count() == 3


def test_section_20_and_placed_with_parents_are_refused_together(staff):
    """Rule 378: a child accommodated under section 20 (V2) is not placed with parents (P1)."""
    from hearth.care.services import legal_status_change

    child = new_child(staff, "Mo", "Achebe")
    with pytest.raises(ValidationError) as refused:
        looked_after_child(
            staff, child, D(2025, 1, 6), legal_status="V2", placement=_with_parents(carer="Mum", postcode="KV1 1AA")
        )
    assert "378" in refused.value.message_dict["placement_type"][0]
    period = looked_after_child(staff, new_child(staff, "Zed", "Achebe"), D(2025, 1, 6), legal_status="V2")
    with pytest.raises(ValidationError) as refused:
        move(staff, period, D(2025, 2, 1), carer="Mum", postcode="KV1 1AA", placement_type="P1", provider="PR0")
    assert "378" in refused.value.message_dict["placement_type"][0]
    period.refresh_from_db()
    legal_status_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=D(2025, 2, 1),
        legal_status="C2",
    )
    move(staff, period, D(2025, 3, 1), carer="Mum", postcode="KV1 1AA", placement_type="P1", provider="PR0")
    period.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        legal_status_change(
            actor=staff.social_worker.user,
            period_id=period.pk,
            version=period.version,
            changed_on=D(2025, 4, 1),
            legal_status="V2",
        )
    assert "378" in refused.value.message_dict["legal_status"][0]


def _with_parents(**fields):
    from hearth.testing.journeys import foster_placement

    return foster_placement(placement_type="P1", provider="PR0", **fields)
