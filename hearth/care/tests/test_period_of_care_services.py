"""The period of care's writers: start, legal status change, placement change, end."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.care import services
from hearth.care.models import PeriodOfCare
from hearth.testing.journeys import (
    allocated_case,
    approved,
    at,
    foster_placement,
    looked_after_child,
    make_staff,
    new_child,
)

pytestmark = pytest.mark.django_db

START = datetime.date(2025, 3, 3)


@pytest.fixture
def staff():
    return make_staff()


def test_a_child_becomes_looked_after_with_a_legal_status_and_a_placement(staff):
    period = looked_after_child(staff, new_child(staff), START, legal_status="V2")
    assert period.is_open
    assert [s.legal_status for s in period.legal_statuses.all()] == ["V2"]
    placement = period.placements.get()
    assert (placement.placement_type, placement.started_on, placement.postcode) == ("U6", START, "KV1 2AB")


def test_a_period_of_care_cannot_start_in_a_temporary_placement(staff):
    referral = allocated_case(staff, new_child(staff), at(START, 9))
    with pytest.raises(ValidationError) as raised:
        services.care_start(
            actor=staff.social_worker.user,
            referral_id=referral.pk,
            started_on=START,
            category_of_need="N1",
            legal_status="C1",
            placement=foster_placement(placement_type="T4"),
            decision=approved(staff, START),
        )
    assert raised.value.message_dict["placement_type"] == [services.ERROR_STARTS_TEMPORARY]
    assert not PeriodOfCare.objects.exists()


def test_a_placement_change_ends_the_old_placement_with_its_reason(staff):
    period = looked_after_child(staff, new_child(staff), START)
    moved = START + datetime.timedelta(days=40)
    new = services.placement_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=moved,
        reason="CREQB",
        placement=foster_placement(carer="Ms Rowan", postcode="kv27ab"),
    )
    old = period.placements.get(started_on=START)
    assert (old.ended_on, old.change_reason) == (moved, "CREQB")
    assert (new.postcode, new.ended_on) == ("KV2 7AB", None)


def test_a_stale_form_is_refused_and_changes_nothing(staff):
    period = looked_after_child(staff, new_child(staff), START)
    services.legal_status_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=START + datetime.timedelta(days=20),
        legal_status="C2",
    )
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.care_end(
            actor=staff.social_worker.user,
            period_id=period.pk,
            version=period.version,  # the version before the legal status changed
            ended_on=START + datetime.timedelta(days=30),
            reason="E4A",
        )
    period.refresh_from_db()
    assert period.is_open


def test_care_ends_with_its_reason_and_closes_status_and_placement(staff):
    period = looked_after_child(staff, new_child(staff), START)
    ended = START + datetime.timedelta(days=90)
    services.care_end(
        actor=staff.team_manager.user, period_id=period.pk, version=period.version, ended_on=ended, reason="E4A"
    )
    period.refresh_from_db()
    assert (period.ended_on, period.end_reason) == (ended, "E4A")
    assert period.placements.get().ended_on == ended
    assert period.legal_statuses.get().ended_on == ended
