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
        actor=staff.team_manager.user,
        referral_id=referral.pk,
        worker_id=second_worker.pk,
        started_on=D(2025, 6, 2),
        change_reason="LEFTRL",
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


def _second_worker(staff):
    return services.worker_create(
        actor=None,
        user=services.user_create(
            actor=None,
            username="ola",
            first_name="Ola",
            last_name="Tester",
            email="ola@example.org",
            password="x-long-password",
            role=Role.SOCIAL_WORKER,
        ),
        team=staff.north,
        job_title="Social worker",
        registration_number="SW900123",
    )


def test_a_change_of_worker_needs_its_reason_and_a_first_allocation_has_none(staff):
    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    allocate = dict(actor=staff.team_manager.user, referral_id=referral.pk)
    with pytest.raises(ValidationError) as refused:
        services.case_allocate(
            **allocate, worker_id=staff.social_worker.pk, started_on=D(2025, 5, 2), change_reason="MANAGE"
        )
    assert refused.value.message_dict["change_reason"] == [services.ERROR_NO_CHANGE_TO_EXPLAIN]
    first = services.case_allocate(**allocate, worker_id=staff.social_worker.pk, started_on=D(2025, 5, 2))
    assert first.change_reason == ""

    other = _second_worker(staff)
    for reason, error in (("", services.ERROR_CHANGE_REASON_NEEDED), ("FCONTA", services.ERROR_CHANGE_REASON_UNKNOWN)):
        with pytest.raises(ValidationError) as refused:
            services.case_allocate(**allocate, worker_id=other.pk, started_on=D(2025, 7, 1), change_reason=reason)
        assert refused.value.message_dict["change_reason"] == [error]
    first.refresh_from_db()
    assert first.ended_on is None and Allocation.objects.count() == 1  # nothing changed

    second = services.case_allocate(**allocate, worker_id=other.pk, started_on=D(2025, 7, 1), change_reason="LEFTRL")
    assert (second.change_reason, second.worker.registration_number) == ("LEFTRL", "SW900123")


def test_a_registration_number_not_in_social_work_englands_format_is_refused(staff):
    with pytest.raises(ValidationError, match="SW and its digits"):
        services.worker_create(
            actor=None, user=staff.social_worker.user, team=staff.north, job_title="x", registration_number="12345"
        )


def test_the_reallocate_page_asks_why_the_worker_changes_and_records_it(staff, client_for):
    from django.urls import reverse

    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    url = reverse("workforce:allocate", args=[referral.pk])
    manager = client_for(staff.team_manager.user)
    assert "Why is the child" not in manager.get(url).content.decode()  # a first allocation
    services.case_allocate(
        actor=staff.team_manager.user,
        referral_id=referral.pk,
        worker_id=staff.social_worker.pk,
        started_on=D(2025, 5, 2),
    )
    other = _second_worker(staff)
    page = manager.get(url).content.decode()
    assert "Why is the child&#x27;s social worker changing?" in page and "The social worker left the role" in page
    form = {"worker": other.pk, "started_on_day": "1", "started_on_month": "7", "started_on_year": "2025"}
    refused = manager.post(url, form).content.decode()
    assert "Choose why the child&#x27;s social worker is changing" in refused
    assert Allocation.objects.filter(referral=referral).count() == 1
    response = manager.post(url, form | {"change_reason": "TSPROC"})
    assert response.status_code == 302
    assert Allocation.objects.get(referral=referral, ended_on__isnull=True).change_reason == "TSPROC"
