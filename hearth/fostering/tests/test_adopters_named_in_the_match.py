"""The match names the adopters' household: approved adopters are then matched (no longer waiting)
from the match's day, and their days from approval to match (AS04, AS05) are read from it. Adopters
whose approval is recorded must be approved and active that day; foster carers adopting must be the
child's own. Dates worked by hand; a refused match writes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.care import services as care
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import figure_from_rows, indicator_result
from hearth.permanence.models import AdoptionMatch
from hearth.testing.adoption_journeys import child_in_care, decide, match, placement_order
from hearth.testing.fostering_journeys import approved_household, change_status
from hearth.testing.journeys import foster_placement, provider_in_register

D = datetime.date
ROWAN = "Ms and Ms Rowan"
LARCH = "Mr and Mr Larch"


def _figure(indicator_id, as_of):
    indicator = CATALOGUE_BY_ID[indicator_id]
    assert indicator.figure(as_of) == figure_from_rows(indicator, as_of)  # the SQL and the rows agree
    return indicator_result(indicator, as_of)


def _adopters(staff, name, approved_on):
    return approved_household(staff, name, approved_on, places=1, ages=(0, 6), placement_type="A6")


@pytest.fixture
def ada_matched_with_rowan(staff):
    """The Rowans approved as adopters on 1 March 2024; Ada (in care 8 Jan 2024, decision 1 Mar
    2024, placement order 1 May 2024) matched with them on 15 Aug 2024: 167 days after approval
    (1 March to 1 August is 31 + 30 + 31 + 30 + 31 = 153 days, and 14 more). Not placed yet."""
    rowan = _adopters(staff, ROWAN, D(2024, 3, 1))
    period = child_in_care(staff)
    decision = decide(staff, period)
    placement_order(staff, period)
    match(staff, decision, on=D(2024, 8, 15), sex="FF", legal_status="L12", adopters=ROWAN)
    return rowan, decision


def test_the_named_adopters_are_matched_from_the_day_of_the_match(staff, ada_matched_with_rowan):
    rowan, _ = ada_matched_with_rowan
    assert AdoptionMatch.objects.get().adopters_id == rowan.provider_id
    waiting = _figure("AS04", D(2024, 8, 14))
    assert (waiting.value, [r.child_name for r in waiting.rows]) == (1, [ROWAN])
    assert _figure("AS04", D(2024, 8, 15)).value == 0  # matched: no longer waiting
    # Matched in the year from 1 April 2024: 167 days from approval to match (no child placed with
    # them yet: the match itself says whom the child is matched with).
    to_match = _figure("AS05", D(2025, 3, 31))
    assert (to_match.numerator, to_match.denominator, [r.days for r in to_match.rows]) == (167, 1, [167])
    assert _figure("AS05", D(2025, 4, 1)).denominator == 0  # a new year from 1 April


def test_the_household_page_shows_them_matched(staff, client, ada_matched_with_rowan):
    rowan, _ = ada_matched_with_rowan
    client.force_login(staff.team_manager.user)
    page = client.get(reverse("fostering:household", args=[rowan.pk])).content.decode()
    assert "Matched 15 August 2024, 167 days after approval: no longer waiting" in page
    waiting = _adopters(staff, LARCH, D(2024, 6, 1))
    page = client.get(reverse("fostering:household", args=[waiting.pk])).content.decode()
    assert "Waiting: approved 1 June 2024 and not yet matched" in page


def test_a_match_that_falls_through_leaves_the_adopters_waiting(staff, ada_matched_with_rowan):
    rowan, decision = ada_matched_with_rowan
    _adopters(staff, LARCH, D(2024, 6, 1))
    match(staff, decision, on=D(2024, 10, 1), sex="MM", legal_status="L12", adopters=LARCH)
    # The Larches are matched from 1 October 2024 (122 days after 1 June); the Rowans wait again.
    waiting = _figure("AS04", D(2024, 10, 1))
    assert [r.child_name for r in waiting.rows] == [ROWAN]
    to_match = _figure("AS05", D(2025, 3, 31))
    assert [(r.child_name, r.days) for r in to_match.rows] == [(LARCH, 122)]


def test_adopters_not_approved_that_day_or_not_adopters_are_refused(staff):
    period = child_in_care(staff)
    decision = decide(staff, period)
    placement_order(staff, period)
    rowan = _adopters(staff, ROWAN, D(2024, 3, 1))
    change_status(staff, rowan, "ON_HOLD", D(2024, 7, 1), reason="Moving house")
    with pytest.raises(ValidationError) as refused:
        match(staff, decision, on=D(2024, 8, 15), sex="FF", legal_status="L12", adopters=ROWAN)
    assert refused.value.message_dict["adopters"] == [
        "Ms and Ms Rowan are not approved on 15 August 2024 (on hold): choose other adopters"
    ]
    # Foster carers the child does not live with cannot be named; nor a children's home.
    provider_in_register("Ms Hazel")
    provider_in_register("Oakfield House", "K2")
    for name in ("Ms Hazel", "Oakfield House"):
        with pytest.raises(ValidationError) as refused:
            match(staff, decision, on=D(2024, 8, 15), adopters=name)
        assert refused.value.message_dict["adopters"][0].startswith("Choose the adopters from the register")
    assert not AdoptionMatch.objects.exists()


def test_the_childs_own_foster_carers_are_matched_when_they_adopt(staff):
    period = child_in_care(staff, "Bea", "Oakfield")
    care.placement_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=D(2024, 4, 1),
        reason="CARPL",
        placement=foster_placement(carer="Ms Oakley"),
    )
    decision = decide(staff, period)
    recorded = match(staff, decision, on=D(2024, 7, 1), number=1, sex="F1", legal_status="L0", adopters="Ms Oakley")
    assert recorded.adopters.name == "Ms Oakley"
