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
