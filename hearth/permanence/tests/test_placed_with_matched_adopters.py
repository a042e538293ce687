"""A placement for adoption (A3-A6) is with the adopters the match names, each way round: a
placement recorded after the match is with the matched adopters (care's PLACEMENT_CHECKS), and a
match recorded after the placement names the household the child was placed with. Worked by hand
on the adoption journey's dates: in care 8 January 2024, decision 1 March, placement order 1 May,
match 15 August, placed 2 September 2024."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.care.models import Placement
from hearth.permanence.models import AdoptionMatch
from hearth.permanence.services import adoption_decision_reverse, adoption_match_record
from hearth.testing.adoption_journeys import (
    ADOPTERS,
    FOSTER_CARERS,
    child_in_care,
    decide,
    match,
    place_for_adoption,
    placement_order,
)
from hearth.testing.journeys import provider_in_register

D = datetime.date
OTHER_ADOPTERS = "Ms Other-Adopter"


@pytest.fixture
def period(staff):
    period = child_in_care(staff)
    placement_order(staff, period)
    return period


def _refused(call, field: str) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    (message,) = refused.value.message_dict[field]
    return message


# A placement recorded after the match ---------------------------------------------------------


def test_placing_for_adoption_with_other_adopters_than_the_matched_is_refused(staff, period):
    match(staff, decide(staff, period))  # with Mr and Mrs Adoptive, 15 August 2024
    provider_in_register(OTHER_ADOPTERS, "A6")
    placements = Placement.objects.count()

    message = _refused(lambda: place_for_adoption(staff, period, carer=OTHER_ADOPTERS), "provider")

    assert message == (
        "Ada Pimpernel is matched with Mr and Mrs Adoptive (the match of 15 August 2024): a placement for adoption "
        "(A6) is with the matched adopters. Choose Mr and Mrs Adoptive, or record the new match first"
    )
    assert Placement.objects.count() == placements  # nothing written


def test_placing_for_adoption_with_the_matched_adopters_goes_ahead(staff, period):
    match(staff, decide(staff, period))
    place_for_adoption(staff, period)  # with Mr and Mrs Adoptive
    assert period.placements.get(ended_on__isnull=True).provider.name == ADOPTERS


def test_foster_carers_matched_to_adopt_are_the_household_for_a5(staff, period):
    match(staff, decide(staff, period), adopters=FOSTER_CARERS)
    place_for_adoption(staff, period, placement_type="A5")  # with the current foster carers
    assert period.placements.get(ended_on__isnull=True).placement_type == "A5"


def test_a_placement_that_is_not_for_adoption_is_not_checked_against_the_match(staff, period):
    match(staff, decide(staff, period))
    place_for_adoption(staff, period, carer="Ms Interim-Carer", placement_type="U4")  # a move before the adopters
    assert period.placements.get(ended_on__isnull=True).placement_type == "U4"


def test_a_match_made_after_the_day_of_the_placement_does_not_bind_it(staff, period):
    # The placement from 2 September 2024 is recorded after a match dated 3 September (refused as rule
    # 331 only when recorded the other way round): the match in force on 2 September is none.
    decision = decide(staff, period)
    match(staff, decision, on=D(2024, 9, 3))
    provider_in_register(OTHER_ADOPTERS, "A6")
    place_for_adoption(staff, period, carer=OTHER_ADOPTERS)
    assert period.placements.get(ended_on__isnull=True).provider.name == OTHER_ADOPTERS


def test_a_match_under_a_reversed_decision_does_not_bind_a_later_placement(staff, period):
    decision = decide(staff, period)
    match(staff, decision)
    decision.refresh_from_db()
    adoption_decision_reverse(
        actor=staff.social_worker.user, decision_id=decision.pk, version=decision.version,
        reversed_on=D(2024, 8, 20), reason="RD1",
    )  # fmt: skip
    provider_in_register(OTHER_ADOPTERS, "A6")
    place_for_adoption(staff, period, carer=OTHER_ADOPTERS)  # no decision in force: rule 551 is the validator's
    assert period.placements.get(ended_on__isnull=True).provider.name == OTHER_ADOPTERS


def test_a_match_imported_without_its_adopters_does_not_bind_the_placement(staff, period):
    decision = decide(staff, period)
    adoption_match_record(
        actor=staff.social_worker.user, decision_id=decision.pk, matched_on=D(2024, 8, 15),
        adopters_number=2, adopters_sex="MF", adopters_legal_status="L11", adopters_id=None,
    )  # fmt: skip
    provider_in_register(OTHER_ADOPTERS, "A6")
    place_for_adoption(staff, period, carer=OTHER_ADOPTERS)
    assert period.placements.get(ended_on__isnull=True).provider.name == OTHER_ADOPTERS


# A match recorded after the placement ---------------------------------------------------------


def test_a_match_naming_another_household_than_the_placement_is_refused(staff, period):
    decision = decide(staff, period)
    place_for_adoption(staff, period)  # with Mr and Mrs Adoptive, 2 September 2024
    provider_in_register(OTHER_ADOPTERS, "A6")

    message = _refused(lambda: match(staff, decision, adopters=OTHER_ADOPTERS), "adopters")

    assert message == (
        "Ada Pimpernel was placed for adoption (A6) with Mr and Mrs Adoptive on 2 September 2024: the match names "
        "the household the child was placed with. Choose Mr and Mrs Adoptive"
    )
    assert not AdoptionMatch.objects.exists()


def test_a_match_naming_the_household_the_child_was_placed_with_is_recorded(staff, period):
    decision = decide(staff, period)
    place_for_adoption(staff, period)
    assert match(staff, decision).adopters.name == ADOPTERS
