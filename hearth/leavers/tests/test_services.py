"""Recording a care leaver's contacts and pathway plan reviews: the rules, worked by hand."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.audit.models import AuditEvent
from hearth.leavers.models import CareLeaverContact, PathwayPlanReview
from hearth.leavers.selectors import contact_due, leaver_record, plan_due, plan_up_to_date, review_dates, status_of
from hearth.leavers.services import care_leaver_contact_record, pathway_plan_review_record
from hearth.testing.care_leaver_journeys import care_leaver, contact, pathway_review
from hearth.timescales.models import LocalStandard
from hearth.timescales.selectors import clock

D = datetime.date


@pytest.fixture
def leaver(staff):
    # Born 10 June 2007: 18 on 10 June 2025. Looked after from 1 March 2023 to the 18th birthday.
    return care_leaver(staff, "Juno", "Larkspur", D(2007, 6, 10), D(2023, 3, 1), D(2025, 6, 10))


def _contact(staff, child, **kwargs):
    fields = {
        "actor": staff.social_worker.user,
        "child_id": child.pk,
        "contacted_on": D(2025, 7, 1),
        "method": "PHONE",
        "in_touch": "YES",
        "activity": "F4",
        "accommodation": "U",
        "accommodation_suitable": True,
    } | kwargs
    return care_leaver_contact_record(**fields)


def test_a_contact_is_recorded_with_its_audit_row(staff, leaver):
    recorded = _contact(staff, leaver)
    assert (recorded.in_touch, recorded.activity, recorded.accommodation, recorded.accommodation_suitable) == (
        "YES",
        "F4",
        "U",
        True,
    )
    assert AuditEvent.objects.filter(action="care.leaver_contact", child=leaver).count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"contacted_on": D(2099, 1, 1)}, "contacted_on"),
        ({"in_touch": "NO"}, "activity"),  # not in touch: activity and accommodation must be 0
        ({"in_touch": "REFU", "activity": "0"}, "accommodation"),
        ({"accommodation_suitable": None}, "accommodation_suitable"),
        ({"accommodation": "0", "accommodation_suitable": True}, "accommodation_suitable"),
        ({"method": "PIGEON"}, "method"),
        ({"activity": "Z9"}, "activity"),
    ],
)
def test_bad_contacts_are_refused_and_change_nothing(staff, leaver, changes, field):
    with pytest.raises(ValidationError) as refused:
        _contact(staff, leaver, **changes)
    assert field in refused.value.message_dict
    assert not CareLeaverContact.objects.exists()


def test_not_in_touch_with_no_information_is_accepted(staff, leaver):
    recorded = _contact(staff, leaver, in_touch="NO", activity="0", accommodation="0", accommodation_suitable=None)
    assert recorded.accommodation_suitable is None


def test_only_for_eligible_relevant_or_former_relevant_young_people(staff):
    # Looked after a month at 16 (qualifying, not owed a pathway plan).
    qualifying = care_leaver(staff, "Ash", "Bramble", D(2008, 3, 10), D(2024, 5, 1), D(2024, 6, 1), reason="E13")
    with pytest.raises(ValidationError) as refused:
        _contact(staff, qualifying, contacted_on=D(2024, 7, 1))
    assert (
        "was not eligible, relevant or former relevant on 1 July 2024" in refused.value.message_dict["contacted_on"][0]
    )
    with pytest.raises(ValidationError):
        pathway_plan_review_record(
            actor=staff.social_worker.user,
            child_id=qualifying.pk,
            reviewed_on=D(2024, 7, 1),
            personal_adviser="Robin",
            summary="Plan",
        )
    assert not PathwayPlanReview.objects.exists()


def test_a_mash_screener_cannot_record(staff, leaver):
    with pytest.raises(ValidationError):
        _contact(staff, leaver, actor=staff.screener)


def test_pathway_plan_review_needs_an_adviser_and_one_a_day(staff, leaver):
    pathway_review(staff, leaver, D(2025, 7, 1))
    with pytest.raises(ValidationError) as refused:
        pathway_review(staff, leaver, D(2025, 7, 1))
    assert "already recorded on 1 July 2025" in refused.value.message_dict["reviewed_on"][0]
    with pytest.raises(ValidationError) as refused:
        pathway_plan_review_record(
            actor=staff.social_worker.user,
            child_id=leaver.pk,
            reviewed_on=D(2025, 8, 1),
            personal_adviser=" ",
            summary="",
        )
    assert set(refused.value.message_dict) == {"personal_adviser", "summary"}
    assert PathwayPlanReview.objects.count() == 1


def test_t26_first_pathway_plan_due_3_months_after_becoming_eligible(staff, leaver):
    # Eligible on the 16th birthday, 10 June 2023 (in care since 1 March: 101 days by then).
    child = leaver_record(leaver.pk)
    status = status_of(child, D(2023, 7, 1))
    assert status.became_eligible_on == D(2023, 6, 10)
    assert plan_due(status, [], D(2023, 7, 1)) == D(2023, 9, 10)
    assert clock("T26").due(D(2023, 6, 10)) == D(2023, 9, 10)


def test_t27_pathway_plan_review_every_6_months_from_the_last(staff, leaver):
    pathway_review(staff, leaver, D(2025, 2, 28))
    child = leaver_record(leaver.pk)
    status = status_of(child, D(2025, 8, 28))
    days = review_dates(child, D(2025, 8, 28))
    # 28 Feb 2025 + 6 months = 28 Aug 2025: up to date that day, overdue the next.
    assert plan_due(status, days, D(2025, 8, 28)) == D(2025, 8, 28)
    assert plan_up_to_date(status, days, D(2025, 8, 28))
    assert not plan_up_to_date(status_of(child, D(2025, 8, 29)), days, D(2025, 8, 29))
    assert not plan_up_to_date(status, [], D(2025, 8, 28))  # no plan is never up to date


def test_t29_pa_contact_8_weeks_from_the_last_in_touch_contact_or_the_councils_standard(staff, leaver):
    contact(staff, leaver, D(2025, 7, 1))
    contact(staff, leaver, D(2025, 8, 1), in_touch="NO")  # an attempt: the clock does not restart
    child = leaver_record(leaver.pk)
    on = D(2025, 8, 10)
    status = status_of(child, on)
    assert status.status == "former relevant"
    # 1 July 2025 + 56 days = 26 August 2025.
    assert contact_due(status, child.care_leaver_contacts.all(), on) == D(2025, 8, 26)
    LocalStandard.objects.create(rule_id="T29", limit=28, source="Local: every 4 weeks (test)")
    assert contact_due(status, child.care_leaver_contacts.all(), on) == D(2025, 7, 29)


def test_t29_before_any_contact_runs_from_leaving_care(staff, leaver):
    child = leaver_record(leaver.pk)
    status = status_of(child, D(2025, 6, 20))
    assert contact_due(status, [], D(2025, 6, 20)) == D(2025, 8, 5)  # 10 June + 56 days
