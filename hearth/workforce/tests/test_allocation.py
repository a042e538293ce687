import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.core.roles import Role
from hearth.testing.journeys import at, new_child, referred_case
from hearth.workforce import services
from hearth.workforce.models import Allocation

D = datetime.date


def test_a_manager_allocates_and_reallocation_ends_the_first_allocation(staff):
    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    first = services.case_allocate(
        actor=staff.team_manager.user,
        referral_id=referral.pk,
        worker_id=staff.social_worker.pk,
        started_on=D(2025, 5, 2),
    )

    second_worker = services.worker_create(
        actor=None,
        user=services.user_create(
            actor=None,
            username="nell",
            first_name="Nell",
            last_name="Tester",
            email="nell@example.org",
            password="x-long-password",
            role=Role.SOCIAL_WORKER,
        ),
        team=staff.north,
        job_title="Social worker",
    )
    services.case_allocate(
        actor=staff.team_manager.user, referral_id=referral.pk, worker_id=second_worker.pk, started_on=D(2025, 6, 2)
    )
    first.refresh_from_db()
    assert first.ended_on == D(2025, 6, 2)
    assert Allocation.objects.get(referral=referral, ended_on__isnull=True).worker == second_worker


def test_a_worker_from_another_team_is_refused(staff):
    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    with pytest.raises(ValidationError) as refused:
        services.case_allocate(
            actor=staff.team_manager.user,
            referral_id=referral.pk,
            worker_id=staff.other_social_worker.pk,
            started_on=D(2025, 5, 2),
        )
    assert refused.value.message_dict["worker"] == [services.ERROR_WORKER_NOT_IN_TEAM.format(team="North")]
    assert not Allocation.objects.exists()


def test_an_allocation_before_the_referral_is_refused(staff):
    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    with pytest.raises(ValidationError) as refused:
        services.case_allocate(
            actor=staff.team_manager.user,
            referral_id=referral.pk,
            worker_id=staff.social_worker.pk,
            started_on=D(2025, 4, 30),
        )
    assert "started_on" in refused.value.message_dict
    assert not Allocation.objects.exists()


def test_a_social_worker_cannot_allocate(staff):
    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    with pytest.raises(ValidationError, match="Only a team manager or service manager"):
        services.case_allocate(
            actor=staff.social_worker.user,
            referral_id=referral.pk,
            worker_id=staff.social_worker.pk,
            started_on=D(2025, 5, 2),
        )


def test_the_allocate_page_is_refused_to_another_teams_manager(staff, client_for):
    from django.urls import reverse

    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9), team=staff.south)
    response = client_for(staff.team_manager.user).get(reverse("workforce:allocate", args=[referral.pk]))
    assert response.status_code == 403
