"""Approving households, changing their status, staying put, and the placement refused beyond a
household's approved places or age range unless a manager records an exemption (nothing written)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.audit.models import AuditEvent
from hearth.care import services as care
from hearth.care.models import PeriodOfCare, Placement
from hearth.fostering import services
from hearth.fostering.models import Approval, PlacementExemption, StatusChange, StayingPut
from hearth.testing.fostering_journeys import approved_household, change_status
from hearth.testing.journeys import approved, foster_placement, looked_after_child, new_child, provider_in_register

D = datetime.date
FERNHILL = "Mr and Mrs Fernhill"


def _refusal(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def test_a_manager_approves_a_household_active_from_that_day(staff):
    approval = approved_household(staff, FERNHILL, D(2025, 1, 10), places=2, ages=(0, 10), terms="Short-term")
    assert (approval.places, approval.age_range, approval.bedrooms, approval.terms) == (2, "0 to 10", 2, "Short-term")
    assert [(s.status, s.changed_on) for s in approval.statuses.all()] == [("ACTIVE", D(2025, 1, 10))]
    assert AuditEvent.objects.filter(action="fostering.approve").count() == 1


@pytest.mark.parametrize(
    ("terms", "field", "message"),
    [
        (services.ApprovalTerms(0, 0, 10, 1), "places", services.ERROR_PLACES),
        (services.ApprovalTerms(7, 0, 10, 1), "places", services.ERROR_PLACES),
        (services.ApprovalTerms(1, 0, 18, 1), "oldest_age", services.ERROR_AGE),
        (services.ApprovalTerms(1, 10, 5, 1), "oldest_age", services.ERROR_AGE_ORDER),
        (services.ApprovalTerms(1, 0, 5, 11), "bedrooms", services.ERROR_BEDROOMS),
    ],
)
def test_terms_that_cannot_be_are_refused_and_nothing_written(staff, terms, field, message):
    provider = provider_in_register(FERNHILL)
    with pytest.raises(ValidationError) as refused:
        services.household_approve(
            actor=staff.team_manager.user, provider_id=provider.pk, approved_on=D(2025, 1, 10), terms=terms
        )
    assert _refusal(refused.value, field) == message
    assert not Approval.objects.exists() and not StatusChange.objects.exists()


def test_only_foster_carers_or_adopters_once_and_only_by_a_manager(staff):
    home = provider_in_register("Oakfield House", "K2")
    terms = services.ApprovalTerms(2, 0, 17, 2)
    with pytest.raises(ValidationError) as refused:
        services.household_approve(
            actor=staff.team_manager.user, provider_id=home.pk, approved_on=D(2025, 1, 1), terms=terms
        )
    assert _refusal(refused.value, "provider") == services.ERROR_NOT_APPROVABLE
    with pytest.raises(ValidationError, match="Only a team manager"):
        services.household_approve(
            actor=staff.social_worker.user,
            provider_id=provider_in_register(FERNHILL).pk,
            approved_on=D(2025, 1, 1),
            terms=terms,
        )
    approved_household(staff, FERNHILL, D(2025, 1, 10))
    with pytest.raises(ValidationError) as refused:
        approved_household(staff, FERNHILL, D(2025, 2, 10))
    assert "were approved on 10 January 2025" in _refusal(refused.value, "provider")
    assert Approval.objects.count() == 1


def test_status_over_time_and_a_deregistration_needs_its_reason(staff):
    approval = approved_household(staff, FERNHILL, D(2025, 1, 10))
    change_status(staff, approval, "ON_HOLD", D(2025, 3, 1), reason="Family illness")
    with pytest.raises(ValidationError) as refused:
        change_status(staff, approval, "DEREGISTERED", D(2025, 6, 1))
    assert _refusal(refused.value, "reason") == services.ERROR_REASON_REQUIRED
    with pytest.raises(ValidationError) as refused:
        change_status(staff, approval, "ACTIVE", D(2025, 2, 1))
    assert "before the current status began (1 March 2025)" in _refusal(refused.value, "changed_on")
    with pytest.raises(ValidationError) as refused:
        change_status(staff, approval, "ON_HOLD", D(2025, 4, 1))
    assert _refusal(refused.value, "status") == services.ERROR_SAME_STATUS.format(status="on hold")
    change_status(staff, approval, "DEREGISTERED", D(2025, 6, 1), reason="Standards of care (panel 4 June)")
    with pytest.raises(ValidationError, match="approval has ended"):
        change_status(staff, approval, "ACTIVE", D(2025, 7, 1))
    assert [s.status for s in approval.statuses.all()] == ["ACTIVE", "ON_HOLD", "DEREGISTERED"]


def test_a_form_opened_before_another_change_is_refused(staff):
    approval = approved_household(staff, FERNHILL, D(2025, 1, 10))
    opened_on = approval.version
    change_status(staff, approval, "ON_HOLD", D(2025, 3, 1))
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.household_status_change(
            actor=staff.team_manager.user,
            approval_id=approval.pk,
            version=opened_on,
            status="RESIGNED",
            changed_on=D(2025, 4, 1),
        )
    assert approval.statuses.count() == 2


def test_an_approval_does_not_end_while_a_child_lives_there(staff):
    approval = approved_household(staff, FERNHILL, D(2025, 1, 10))
    looked_after_child(staff, new_child(staff, "Amy", born=D(2018, 1, 1)), D(2025, 2, 1))
    with pytest.raises(ValidationError) as refused:
        change_status(staff, approval, "RESIGNED", D(2025, 6, 1))
    assert "1 child or young person is still living with the household" in _refusal(refused.value, "status")
    assert approval.statuses.count() == 1


def _place(staff, first_name, born, on):
    return looked_after_child(staff, new_child(staff, first_name, born=born), on)


def test_a_placement_beyond_the_places_is_refused_until_a_manager_exempts_the_child(staff):
    approval = approved_household(staff, FERNHILL, D(2025, 1, 10), places=2, ages=(0, 10))
    _place(staff, "Amy", D(2018, 1, 1), D(2025, 2, 1))
    _place(staff, "Ben", D(2019, 1, 1), D(2025, 3, 1))
    cara = new_child(staff, "Cara", born=D(2020, 1, 1))
    with pytest.raises(ValidationError) as refused:
        looked_after_child(staff, cara, D(2025, 4, 1))
    assert _refusal(refused.value, "provider") == services.ERROR_PLACEMENT_BEYOND_PLACES.format(
        household=FERNHILL, places="2 children", taken="2 children or young people are", date="1 April 2025"
    )
    assert not PeriodOfCare.objects.filter(child=cara).exists()
    services.placement_exemption_record(
        actor=staff.team_manager.user,
        approval_id=approval.pk,
        child_hearth_id=cara.hearth_id,
        granted_on=D(2025, 4, 1),
        reason="Cara's brother Ben lives here",
    )
    period = care.care_start(
        actor=staff.social_worker.user,
        referral_id=cara.referrals.get().pk,
        started_on=D(2025, 4, 1),
        category_of_need="N1",
        legal_status="C1",
        placement=foster_placement(),
        decision=approved(staff, D(2025, 4, 1)),
    )
    assert period.placements.get().provider_id == approval.provider_id
    assert Placement.objects.filter(provider_id=approval.provider_id, ended_on__isnull=True).count() == 3


def test_a_placement_outside_the_age_range_is_refused(staff):
    approved_household(staff, FERNHILL, D(2025, 1, 10), places=3, ages=(0, 10))
    dan = new_child(staff, "Dan", born=D(2009, 5, 1))
    with pytest.raises(ValidationError) as refused:
        looked_after_child(staff, dan, D(2025, 4, 1))
    assert _refusal(refused.value, "provider") == services.ERROR_PLACEMENT_BEYOND_AGES.format(
        household=FERNHILL, ages="0 to 10", age=15, date="1 April 2025"
    )
    assert not PeriodOfCare.objects.filter(child=dan).exists()


def test_no_child_is_placed_with_a_household_on_hold_or_before_approval(staff):
    approval = approved_household(staff, FERNHILL, D(2025, 1, 10))
    with pytest.raises(ValidationError, match="not approved on 1 January 2025 \\(not yet approved\\)"):
        _place(staff, "Amy", D(2018, 1, 1), D(2025, 1, 1))
    change_status(staff, approval, "ON_HOLD", D(2025, 3, 1), reason="Moving house")
    with pytest.raises(ValidationError, match="not approved on 1 April 2025 \\(on hold\\)"):
        _place(staff, "Ben", D(2018, 1, 1), D(2025, 4, 1))
    assert not Placement.objects.exists()


def test_a_household_not_yet_approved_here_is_not_checked(staff):
    _place(staff, "Amy", D(2018, 1, 1), D(2025, 1, 1))
    assert Placement.objects.count() == 1


def test_a_moving_child_is_not_counted_against_their_own_place(staff):
    """A change of placement with the same carers (a new type) counts the others, not the child."""
    approved_household(staff, FERNHILL, D(2024, 1, 10), places=1, ages=(0, 17))
    period = _place(staff, "Amy", D(2018, 1, 1), D(2025, 1, 1))
    care.placement_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=D(2025, 5, 1),
        reason="PLACE",
        placement=foster_placement(placement_type="U4"),
    )
    assert period.placements.count() == 2


def test_staying_put_after_18_with_former_foster_carers(staff):
    approval = approved_household(staff, "Mr and Mrs Elm", D(2024, 1, 1), places=2, ages=(12, 17))
    yan = new_child(staff, "Yan", born=D(2007, 1, 15))
    period = looked_after_child(staff, yan, D(2024, 6, 1), placement=foster_placement(carer="Mr and Mrs Elm"))
    with pytest.raises(ValidationError) as refused:
        services.staying_put_start(
            actor=staff.social_worker.user,
            approval_id=approval.pk,
            young_person_hearth_id=yan.hearth_id,
            started_on=D(2025, 1, 10),
        )
    assert "is not 18 until 15 January 2025" in _refusal(refused.value, "started_on")
    care.care_end(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        ended_on=D(2025, 1, 20),
        reason="E17",
    )
    other = approved_household(staff, "Ms Birch", D(2024, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.staying_put_start(
            actor=staff.social_worker.user,
            approval_id=other.pk,
            young_person_hearth_id=yan.hearth_id,
            started_on=D(2025, 1, 20),
        )
    assert "was never placed with Ms Birch" in _refusal(refused.value, "young_person_hearth_id")
    assert not StayingPut.objects.exists()
    arrangement = services.staying_put_start(
        actor=staff.social_worker.user,
        approval_id=approval.pk,
        young_person_hearth_id=yan.hearth_id,
        started_on=D(2025, 1, 20),
    )
    assert arrangement.young_person == yan
    with pytest.raises(ValidationError) as refused:
        change_status(staff, approval, "RETIRED", D(2025, 6, 1))
    assert "still living with the household" in _refusal(refused.value, "status")
    services.staying_put_end(
        actor=staff.social_worker.user, arrangement_id=arrangement.pk, ended_on=D(2025, 9, 1), reason="University"
    )
    change_status(staff, approval, "RETIRED", D(2025, 9, 1))


def test_an_exemption_needs_a_child_the_manager_may_see_and_a_reason(staff):
    approval = approved_household(staff, FERNHILL, D(2025, 1, 10))
    with pytest.raises(ValidationError) as refused:
        services.placement_exemption_record(
            actor=staff.team_manager.user,
            approval_id=approval.pk,
            child_hearth_id="H9999999",
            granted_on=D(2025, 2, 1),
            reason=" ",
        )
    assert _refusal(refused.value, "child_hearth_id") == services.ERROR_CHILD_NOT_FOUND
    assert _refusal(refused.value, "reason") == services.ERROR_EXEMPTION_REASON
    assert not PlacementExemption.objects.exists()
