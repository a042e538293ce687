"""A looked-after child's Independent Reviewing Officer: a manager appoints one (or another in their
place), care ending ends the appointment; the appointed IRO sees the child's record, reads it and
records the review they chair, but makes none of the social worker's changes; the IRO's "Children
I review" list, with due dates worked by hand; managers see the children with no IRO."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.care import services
from hearth.iro import selectors as iro_selectors
from hearth.iro.models import IROAppointment
from hearth.iro.services import iro_appoint
from hearth.people.exports import subject_access_record
from hearth.people.selectors import child_can_be_seen_by
from hearth.records.chronology import chronology_for
from hearth.testing.iro_journeys import appoint_iro, second_iro
from hearth.testing.journeys import looked_after_child, new_child

pytestmark = pytest.mark.django_db

D = datetime.date
CARE_STARTS = D(2025, 6, 2)  # a Monday


@pytest.fixture
def other_iro(db):
    return second_iro()


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Linnet", "Harrow", D(2015, 3, 1)), CARE_STARTS)


_appoint = appoint_iro


def _messages(error: ValidationError) -> dict:
    return error.value.message_dict


# The services ----------------------------------------------------------------------------------------


def test_a_team_manager_appoints_an_iro_and_it_is_audited(staff, period):
    appointment = _appoint(staff, period, staff.iro, D(2025, 6, 4))
    assert (appointment.iro, appointment.started_on, appointment.ended_on) == (staff.iro, D(2025, 6, 4), None)
    event = AuditEvent.objects.get(action="care.iro_appoint")
    assert event.child_id == period.child_id and event.actor == staff.team_manager.user


def test_a_new_appointment_ends_the_previous_one_the_day_before(staff, period, other_iro):
    first = _appoint(staff, period, staff.iro, D(2025, 6, 4))
    second = _appoint(staff, period, other_iro, D(2025, 9, 1), actor=staff.service_manager)
    first.refresh_from_db()
    assert first.ended_on == D(2025, 8, 31)
    assert iro_selectors.current_appointment(period) == second


def test_only_a_manager_appoints(staff, period):
    with pytest.raises(ValidationError, match="Only a team manager or service manager"):
        _appoint(staff, period, staff.iro, D(2025, 6, 4), actor=staff.social_worker.user)
    with pytest.raises(ValidationError, match="Only a team manager or service manager"):
        _appoint(staff, period, staff.iro, D(2025, 6, 4), actor=staff.iro)
    assert not IROAppointment.objects.exists()


def test_a_user_who_is_not_an_iro_is_refused(staff, period):
    with pytest.raises(ValidationError) as error:
        _appoint(staff, period, staff.social_worker.user, D(2025, 6, 4))
    assert _messages(error) == {
        "iro": ["Nina Tester is not an independent reviewing officer: choose one from the list"]
    }


def test_dates_before_care_in_the_future_or_not_after_the_current_one_are_refused(staff, period, other_iro):
    with pytest.raises(ValidationError, match="before the child became looked after"):
        _appoint(staff, period, staff.iro, D(2025, 6, 1))
    with pytest.raises(ValidationError, match="today or in the past"):
        _appoint(staff, period, staff.iro, datetime.date.today() + datetime.timedelta(days=2))
    _appoint(staff, period, staff.iro, D(2025, 6, 4))
    with pytest.raises(ValidationError, match="Ines Tester was appointed on 4 June 2025"):
        _appoint(staff, period, other_iro, D(2025, 6, 4))
    with pytest.raises(ValidationError, match="already the child's independent reviewing officer"):
        _appoint(staff, period, staff.iro, D(2025, 7, 1))


def test_a_form_opened_before_another_managers_change_is_refused(staff, period, other_iro):
    _appoint(staff, period, staff.iro, D(2025, 6, 4))
    with pytest.raises(ValidationError, match="Someone else changed this child's independent reviewing officer"):
        iro_appoint(
            actor=staff.team_manager.user,
            period_id=period.pk,
            iro_id=other_iro.pk,
            started_on=D(2025, 7, 1),
            current_id=0,
        )
    assert period.iro_appointments.count() == 1


def test_the_database_holds_one_current_appointment(staff, period, other_iro):
    _appoint(staff, period, staff.iro, D(2025, 6, 4))
    with pytest.raises(IntegrityError), transaction.atomic():
        IROAppointment.objects.create(
            period=period, iro=other_iro, started_on=D(2025, 7, 1), recorded_by=staff.team_manager.user
        )


def test_ending_care_ends_the_appointment_and_no_iro_is_appointed_to_a_closed_period(staff, period, other_iro):
    appointment = _appoint(staff, period, staff.iro, D(2025, 6, 4))
    period.refresh_from_db()
    services.care_end(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        ended_on=D(2025, 10, 1),
        reason="E4A",
    )
    appointment.refresh_from_db()
    assert appointment.ended_on == D(2025, 10, 1)
    assert not child_can_be_seen_by(staff.iro, period.child)
    with pytest.raises(ValidationError, match="This period of care ended on 1 October 2025"):
        iro_appoint(
            actor=staff.team_manager.user,
            period_id=period.pk,
            iro_id=other_iro.pk,
            started_on=D(2025, 10, 2),
            current_id=appointment.pk,
        )


def test_care_cannot_end_before_the_current_appointment_began(staff, period):
    _appoint(staff, period, staff.iro, D(2025, 8, 1))
    period.refresh_from_db()
    with pytest.raises(ValidationError, match="care cannot end before that"):
        services.care_end(
            actor=staff.social_worker.user,
            period_id=period.pk,
            version=period.version,
            ended_on=D(2025, 7, 1),
            reason="E4A",
        )
    period.refresh_from_db()
    assert period.is_open


# Who sees the child -------------------------------------------------------------------------------------


def test_the_appointed_iro_sees_the_child_and_another_iro_does_not(staff, period, other_iro):
    assert not child_can_be_seen_by(staff.iro, period.child)
    _appoint(staff, period, staff.iro, D(2025, 6, 4))
    assert child_can_be_seen_by(staff.iro, period.child)
    assert not child_can_be_seen_by(other_iro, period.child)


def test_after_a_change_the_earlier_iro_no_longer_sees_the_child_unless_they_chair_a_conference(
    staff, period, other_iro
):
    _appoint(staff, period, staff.iro, D(2025, 6, 4))
    _appoint(staff, period, other_iro, D(2025, 9, 1))
    assert child_can_be_seen_by(other_iro, period.child)
    assert not child_can_be_seen_by(staff.iro, period.child)


def test_the_iro_reads_the_record_but_makes_none_of_the_social_workers_changes(staff, period, client):
    _appoint(staff, period, staff.iro, D(2025, 6, 4))
    client.force_login(staff.iro)
    for name, key in [("people:child_detail", period.child_id), ("care:period", period.pk)]:
        assert client.get(reverse(name, args=[key])).status_code == 200, name
    page = client.get(reverse("care:period", args=[period.pk])).content.decode()
    assert "Ines Tester, since 4 June 2025" in page
    assert reverse("care:placement_change", args=[period.pk]) not in page
    assert reverse("iro:iro_appoint", args=[period.pk]) not in page
    for name in ["care:legal_status_change", "care:placement_change", "care:care_end", "care:care_plan_record"]:
        assert client.get(reverse(name, args=[period.pk])).status_code == 403, name
    assert client.get(reverse("duties:health_check_record", args=[period.pk])).status_code == 403
    assert client.get(reverse("iro:iro_appoint", args=[period.pk])).status_code == 403


# The pages -------------------------------------------------------------------------------------------------


def test_a_team_manager_sees_children_with_no_iro_and_appoints_one_on_the_form(staff, period, client):
    client.force_login(staff.team_manager.user)
    listing = reverse("iro:children_without_iro")
    assert "Linnet Harrow" in client.get(listing).content.decode()
    url = reverse("iro:iro_appoint", args=[period.pk])
    assert url in client.get(reverse("care:period", args=[period.pk])).content.decode()
    early = client.post(
        url,
        {"current_id": 0, "iro": staff.iro.pk, "started_on_day": 1, "started_on_month": 5, "started_on_year": 2025},
    ).content.decode()
    assert "The appointment cannot start before the child became looked after (2 June 2025)" in early
    response = client.post(
        url,
        {"current_id": 0, "iro": staff.iro.pk, "started_on_day": 4, "started_on_month": 6, "started_on_year": 2025},
    )
    assert response.status_code == 302
    assert period.iro_appointments.get().iro == staff.iro
    assert "Ines Tester is now Linnet Harrow" in client.get(reverse("care:period", args=[period.pk])).content.decode()
    assert "Linnet Harrow" not in client.get(listing).content.decode()


def test_the_appointment_shows_in_the_chronology_and_the_summary_names_the_iro(staff, period, other_iro, client):
    _appoint(staff, period, staff.iro, D(2025, 6, 4))
    _appoint(staff, period, other_iro, D(2025, 9, 1))
    titles = [(e.day, e.title, e.detail) for e in chronology_for(period.child) if "reviewing officer" in e.title]
    assert titles == [
        (D(2025, 9, 1), "Independent reviewing officer appointed: Ivor Reviewer", "In place of Ines Tester."),
        (D(2025, 6, 4), "Independent reviewing officer appointed: Ines Tester", ""),
    ]
    (exported,) = subject_access_record(period.child)["periods_of_care"]
    assert sorted((a["started on"], a["ended on"], a["iro"]) for a in exported["iro_appointments"]) == [
        ("2025-06-04", "2025-08-31", "Ines Tester"),
        ("2025-09-01", None, "Ivor Reviewer"),
    ]
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("people:child_detail", args=[period.child_id])).content.decode()
    assert "Independent reviewing officer" in page and "Ivor Reviewer, since 1 September 2025" in page
