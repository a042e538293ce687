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


def _change_of_worker_recorded_without_its_reason(staff):
    """Two allocations of one case as Hearth held them before it asked why a worker changed (and as
    an import without SW_REASON leaves them): the second has no reason."""
    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    first = services.case_allocate(
        actor=staff.team_manager.user,
        referral_id=referral.pk,
        worker_id=staff.social_worker.pk,
        started_on=D(2025, 5, 2),
    )
    first.ended_on = D(2025, 7, 1)
    first.save(update_fields=["ended_on"])
    second = Allocation.objects.create(
        referral=referral, worker=_second_worker(staff), started_on=D(2025, 7, 1), allocated_by=staff.team_manager.user
    )
    return referral, first, second


def test_a_manager_adds_the_missing_reason_to_an_earlier_change_of_worker_once(staff):
    from hearth.audit.models import AuditEvent

    referral, first, second = _change_of_worker_recorded_without_its_reason(staff)
    add = services.allocation_change_reason_add
    with pytest.raises(ValidationError, match=services.ERROR_NOT_A_MANAGER):
        add(actor=staff.social_worker.user, allocation_id=second.pk, change_reason="LEFTRL")
    with pytest.raises(ValidationError, match="first allocation"):
        add(actor=staff.team_manager.user, allocation_id=first.pk, change_reason="LEFTRL")
    for reason, error in (("", services.ERROR_CHANGE_REASON_NEEDED), ("FCONTA", services.ERROR_CHANGE_REASON_UNKNOWN)):
        with pytest.raises(ValidationError) as refused:
            add(actor=staff.team_manager.user, allocation_id=second.pk, change_reason=reason)
        assert refused.value.message_dict["change_reason"] == [error]
    second.refresh_from_db()
    assert second.change_reason == "" and not AuditEvent.objects.filter(action="case.allocation_reason").exists()

    add(actor=staff.team_manager.user, allocation_id=second.pk, change_reason="LEFTRL")
    second.refresh_from_db()
    assert second.change_reason == "LEFTRL"
    audit = AuditEvent.objects.get(action="case.allocation_reason")
    assert audit.detail == {"change_reason": "LEFTRL"} and audit.child_id == referral.child_id
    # Recorded once: a second reason never silently replaces the first.
    with pytest.raises(ValidationError, match="already recorded: the social worker left the role"):
        add(actor=staff.team_manager.user, allocation_id=second.pk, change_reason="MANAGE")
    second.refresh_from_db()
    assert second.change_reason == "LEFTRL"


def test_the_allocate_page_lists_who_held_the_case_and_leads_to_a_missing_reason(staff, client_for):
    from django.urls import reverse

    referral, first, second = _change_of_worker_recorded_without_its_reason(staff)
    manager = client_for(staff.team_manager.user)
    page = manager.get(reverse("workforce:allocate", args=[referral.pk])).content.decode()
    assert "Who has held the case" in page and "First allocation" in page and "Not recorded" in page
    reason_url = reverse("workforce:allocation_reason", args=[referral.pk, second.pk])
    assert reason_url in page
    assert reverse("workforce:allocation_reason", args=[referral.pk, first.pk]) not in page

    refused = manager.post(reason_url, {}).content.decode()
    assert "Choose why the child&#x27;s social worker changed" in refused
    second.refresh_from_db()
    assert second.change_reason == ""
    assert manager.post(reason_url, {"change_reason": "ORGRST"}).status_code == 302
    second.refresh_from_db()
    assert second.change_reason == "ORGRST"
    page = manager.get(reverse("workforce:allocate", args=[referral.pk])).content.decode()
    assert "Not recorded" not in page and second.get_change_reason_display() in page
    # Another team's manager cannot reach the page.
    other_case = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9), team=staff.south)
    other_url = reverse("workforce:allocation_reason", args=[other_case.pk, second.pk])
    assert manager.get(other_url).status_code in (403, 404)
