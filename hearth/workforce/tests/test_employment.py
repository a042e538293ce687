"""Issue 19: a worker's employment facts, recorded by a service manager or system administrator, and
an allocation to a worker who has left refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.testing.journeys import at, new_child, referred_case
from hearth.workforce import services
from hearth.workforce.models import Allocation, EmploymentType, Worker
from hearth.workforce.selectors import vacancies_by_team

D = datetime.date


def _record(staff, actor=None, **changes):
    facts = {
        "employment_type": "PERMANENT",
        "fte": Decimal("1"),
        "qualified_on": None,
        "asye_started_on": None,
        "started_on": None,
        "left_on": None,
    } | changes
    return services.worker_employment_update(
        actor=actor or staff.service_manager, worker_id=staff.social_worker.pk, **facts
    )


def test_a_service_manager_records_employment_and_the_audit_row_keeps_before_and_after(staff):
    worker = _record(staff, employment_type="AGENCY", fte=Decimal("0.8"), started_on=D(2025, 1, 6), expected_version=1)
    worker.refresh_from_db()
    assert (worker.employment_type, worker.fte, worker.started_on, worker.version) == (
        EmploymentType.AGENCY,
        Decimal("0.80"),
        D(2025, 1, 6),
        2,
    )
    event = AuditEvent.objects.get(action="worker.employment")
    assert event.detail["changed"]["employment_type"] == {"from": "PERMANENT", "to": "AGENCY"}
    assert event.detail["changed"]["started_on"] == {"from": None, "to": "2025-01-06"}
    assert "left_on" not in event.detail["changed"]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"fte": Decimal("0")}, "fte", services.ERROR_FTE_RANGE),
        ({"fte": Decimal("1.5")}, "fte", services.ERROR_FTE_RANGE),
        ({"employment_type": "ZERO_HOURS"}, "employment_type", services.ERROR_EMPLOYMENT_TYPE_UNKNOWN),
        ({"started_on": D(2025, 5, 1), "left_on": D(2025, 4, 30)}, "left_on", services.ERROR_LEFT_BEFORE_START),
        (
            {"qualified_on": D(2025, 7, 1), "asye_started_on": D(2025, 6, 1)},
            "asye_started_on",
            services.ERROR_ASYE_BEFORE_QUALIFYING,
        ),
        (
            {"qualified_on": timezone.localdate() + datetime.timedelta(days=1)},
            "qualified_on",
            services.ERROR_QUALIFIED_IN_FUTURE,
        ),
    ],
)
def test_bad_employment_facts_are_refused_and_nothing_is_written(staff, changes, field, message):
    with pytest.raises(ValidationError) as refused:
        _record(staff, **changes)
    assert refused.value.message_dict[field] == [message]
    assert Worker.objects.get(pk=staff.social_worker.pk).version == 1
    assert not AuditEvent.objects.filter(action="worker.employment").exists()


def test_only_a_service_manager_or_administrator_records_employment(staff):
    with pytest.raises(ValidationError) as refused:
        _record(staff, actor=staff.team_manager.user, employment_type="AGENCY")
    assert refused.value.messages == [services.ERROR_NOT_ALLOWED_TO_RECORD_EMPLOYMENT]
    assert Worker.objects.get(pk=staff.social_worker.pk).employment_type == EmploymentType.PERMANENT


def test_a_change_made_from_a_stale_page_is_refused(staff):
    _record(staff, employment_type="AGENCY", expected_version=1)
    with pytest.raises(ValidationError) as refused:
        _record(staff, employment_type="SECONDMENT", expected_version=1)
    assert "Someone else changed Nina Tester's details" in refused.value.messages[0]
    assert Worker.objects.get(pk=staff.social_worker.pk).employment_type == EmploymentType.AGENCY


def test_an_allocation_to_a_worker_who_has_left_is_refused_and_nothing_is_written(staff):
    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    _record(staff, started_on=D(2024, 1, 8), left_on=D(2025, 5, 30))
    with pytest.raises(ValidationError) as refused:
        services.case_allocate(
            actor=staff.team_manager.user,
            referral_id=referral.pk,
            worker_id=staff.social_worker.pk,
            started_on=D(2025, 5, 2),  # before the leaving date, but she has gone by now
        )
    assert refused.value.message_dict["worker"] == [
        "Nina Tester left on 30 May 2025: choose a worker who is still employed"
    ]
    assert not Allocation.objects.exists()


def test_the_allocation_form_does_not_offer_a_worker_who_has_left(staff, client_for):
    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    url = reverse("workforce:allocate", args=[referral.pk])
    client = client_for(staff.team_manager.user)
    assert "Nina Tester (0 children)" in client.get(url).content.decode()
    _record(staff, started_on=D(2024, 1, 8), left_on=D(2025, 5, 30))
    assert "Nina Tester" not in client.get(url).content.decode()


def test_an_allocation_before_the_worker_starts_is_refused(staff):
    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    _record(staff, started_on=D(2025, 5, 12))
    with pytest.raises(ValidationError) as refused:
        services.case_allocate(
            actor=staff.team_manager.user,
            referral_id=referral.pk,
            worker_id=staff.social_worker.pk,
            started_on=D(2025, 5, 2),
        )
    assert refused.value.message_dict["worker"] == [
        "Nina Tester starts on 12 May 2025: the allocation cannot start before then"
    ]
    assert not Allocation.objects.exists()


def test_the_form_saves_shows_clear_errors_and_refuses_other_roles(staff, client_for):
    url = f"/cases/workers/{staff.social_worker.pk}/employment/"
    client = client_for(staff.service_manager)
    assert "Nina Tester" in client.get("/cases/workers/").content.decode()
    page = client.get(url)
    assert page.status_code == 200 and 'name="version" value="1"' in page.content.decode()
    post = {
        "employment_type": "AGENCY",
        "fte": "0.8",
        "started_on_day": "6",
        "started_on_month": "1",
        "started_on_year": "2025",
        "left_on_day": "5",
        "left_on_month": "1",
        "left_on_year": "2025",
        "version": "1",
    }
    bad = client.post(url, post)
    assert bad.status_code == 200
    assert services.ERROR_LEFT_BEFORE_START in bad.content.decode()
    assert Worker.objects.get(pk=staff.social_worker.pk).version == 1
    post.update({"left_on_day": "", "left_on_month": "", "left_on_year": ""})
    assert client.post(url, post).status_code == 302
    worker = Worker.objects.get(pk=staff.social_worker.pk)
    assert (worker.employment_type, worker.fte, worker.left_on) == ("AGENCY", Decimal("0.80"), None)
    stale = client.post(url, post | {"employment_type": "SECONDMENT"})
    assert "Someone else changed" in stale.content.decode()

    assert client_for(staff.team_manager.user).get(url).status_code == 403
    assert client_for(staff.social_worker.user).post(url, post).status_code == 403


def test_vacancies_by_team_are_funded_posts_less_the_permanent_workers_in_post(staff, client_for):
    _record(staff, employment_type="AGENCY", fte=Decimal("0.8"))  # Nina, North's one case-holding worker
    services.team_establishment_set(actor=staff.service_manager, team_id=staff.north.pk, funded_fte="3")
    north = next(line for line in vacancies_by_team(timezone.localdate()) if line.team == staff.north)
    # 3 funded posts, none held by a permanent worker: 3 vacant, 0.8 of them covered by Nina (agency).
    assert (north.funded, north.permanent, north.agency, north.vacant, north.uncovered) == (
        Decimal("3"),
        Decimal("0"),
        Decimal("0.80"),
        Decimal("3"),
        Decimal("2.20"),
    )
    with pytest.raises(ValidationError) as refused:
        services.team_establishment_set(actor=staff.service_manager, team_id=staff.north.pk, funded_fte="-1")
    assert refused.value.message_dict["funded_fte"] == [services.ERROR_FUNDED_FTE]
    with pytest.raises(ValidationError):
        services.team_establishment_set(actor=staff.team_manager.user, team_id=staff.north.pk, funded_fte="4")
    staff.north.refresh_from_db()
    assert staff.north.funded_fte == Decimal("3")
    page = client_for(staff.service_manager).get(reverse("workforce:workers")).content.decode()
    assert "Vacancies by team, today (FTE)" in page and "2.20" in page
