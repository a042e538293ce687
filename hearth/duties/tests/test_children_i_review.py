"""The IRO and the looked-after duties: the appointed IRO records the review they chair (the chair
defaults to them); the IRO's "Children I review" list, with due dates worked by hand, is for IROs
only and keeps a restricted record they are not named on off it. (Moved from the care app's IRO
tests when the duties became their own app: hearth/iro/tests/test_iro.py has the rest.)"""

import datetime

import pytest
from django.urls import reverse

from hearth.care import services
from hearth.duties import selectors as duty_selectors
from hearth.duties import services as duty_services
from hearth.duties.models import CareReview
from hearth.people.selectors import child_can_be_seen_by
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


def test_the_iro_records_the_review_they_chair_and_the_chair_defaults_to_them(staff, period, client, other_iro):
    _appoint(staff, period, staff.iro, D(2025, 6, 4))
    client.force_login(staff.iro)
    url = reverse("duties:review_record", args=[period.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{staff.iro.pk}" selected>Ines Tester</option>' in page
    response = client.post(
        url,
        {
            "held_on_day": 25,
            "held_on_month": 6,
            "held_on_year": 2025,
            "chair": staff.iro.pk,
            "participation": "PN1",
            "recommendations": "Placement continues; contact with her brother fortnightly.",
        },
    )
    assert response.status_code == 302
    review = CareReview.objects.get(period=period)
    assert (review.chair, review.recorded_by) == (staff.iro, staff.iro)
    client.force_login(other_iro)
    assert client.get(url).status_code == 403


def test_children_i_review_shows_the_due_dates_worked_by_hand(staff, period, other_iro, client):
    _appoint(staff, period, staff.iro, D(2025, 6, 4))
    worker = staff.social_worker.user
    duty_services.care_review_record(
        actor=worker,
        period_id=period.pk,
        held_on=D(2025, 6, 25),
        chair_id=staff.iro.pk,
        participation="PN1",
        recommendations="Stay with the Fernhills.",
    )
    services.care_plan_record(
        actor=worker, period_id=period.pk, agreed_on=D(2025, 6, 30), permanence_plan="Long-term fostering", summary="S"
    )
    duty_services.health_check_record(
        actor=worker, period_id=period.pk, kind="IHA", done_on=D(2025, 6, 20), refused=False, done_by="Dr Kaur"
    )
    # Another IRO's child does not show on this IRO's list.
    elsewhere = looked_after_child(staff, new_child(staff, "Corvin", "Dale"), CARE_STARTS)
    _appoint(staff, elsewhere, other_iro, D(2025, 6, 4))

    client.force_login(staff.iro)
    page = client.get(reverse("duties:children_i_review")).content.decode()
    [row] = duty_selectors.children_i_review(staff.iro)
    # Second review: 3 months after the first (T19): 25 June 2025 -> 25 September 2025, long past.
    assert (row.last_review, row.next_review.due, row.review_overdue) == (D(2025, 6, 25), D(2025, 9, 25), True)
    # A child of 10 at the initial assessment: the review assessment is 12 months on (T22).
    assert row.next_health_assessment.due == D(2026, 6, 20)
    assert row.care_plan_agreed == D(2025, 6, 30)
    assert "Linnet Harrow" in page and "25 Sep 2025" in page and "Overdue" in page and "30 Jun 2025" in page
    assert "Corvin" not in page


def test_children_i_review_is_for_iros_only(staff, client):
    client.force_login(staff.social_worker.user)
    assert client.get(reverse("duties:children_i_review")).status_code == 403
    client.force_login(staff.iro)
    assert "Children I review" in client.get(reverse("home")).content.decode()


def test_a_restricted_record_the_iro_is_not_named_on_stays_off_their_list(staff, period):
    from hearth.people.services import child_restrict

    _appoint(staff, period, staff.iro, D(2025, 6, 4))
    child_restrict(
        actor=staff.service_manager,
        child_id=period.child_id,
        reason="A child of a member of staff",
        allowed_user_ids=[staff.social_worker.user.pk],
    )
    assert duty_selectors.children_i_review(staff.iro) == []
    assert not child_can_be_seen_by(staff.iro, period.child)
    assert child_can_be_seen_by(staff.social_worker.user, period.child)


def _record(staff, period, reviews=(), checks=(), plans=()):
    worker = staff.social_worker.user
    for held_on in reviews:
        duty_services.care_review_record(
            actor=worker,
            period_id=period.pk,
            held_on=held_on,
            chair_id=staff.iro.pk,
            participation="PN0",  # the only code for a child under 4
            recommendations="Placement continues.",
        )
    for kind, done_on, refused in checks:
        duty_services.health_check_record(
            actor=worker, period_id=period.pk, kind=kind, done_on=done_on, refused=refused, done_by="Dr Kaur"
        )
    for agreed_on in plans:
        services.care_plan_record(
            actor=worker, period_id=period.pk, agreed_on=agreed_on, permanence_plan="Long-term fostering", summary="S"
        )


def test_each_childs_due_dates_on_the_list_are_the_child_pages(staff, period):
    """The list reads a few facts a child (how many reviews and the last, whether an initial
    assessment is done and the last assessment); the child's page works from every review and check.
    Both give the same dates: after two reviews (6 months on, T20), for a child under 5 (the review
    assessment 6 months on, T22U) past a refused check and a dental check, and for a child whose only
    initial assessment was refused (still the initial one, T21)."""
    toddler = looked_after_child(staff, new_child(staff, "Wren", "Ashby", D(2023, 1, 10)), CARE_STARTS)
    refused = looked_after_child(staff, new_child(staff, "Teal", "Marsh", D(2012, 4, 2)), CARE_STARTS)
    for each in (period, toddler, refused):
        _appoint(staff, each, staff.iro, D(2025, 6, 4))
    _record(
        staff,
        toddler,
        reviews=[D(2025, 6, 25), D(2025, 9, 20)],
        checks=[
            ("IHA", D(2025, 6, 10), True),
            ("IHA", D(2025, 6, 20), False),
            ("RHA", D(2025, 12, 15), False),
            ("RHA", D(2026, 1, 5), True),
            ("DENTAL", D(2026, 2, 1), False),
        ],
        plans=[D(2025, 6, 30), D(2025, 10, 1)],
    )
    _record(staff, refused, checks=[("IHA", D(2025, 6, 10), True)])

    rows = {row.period.pk: row for row in duty_selectors.children_i_review(staff.iro)}
    assert (rows[toddler.pk].last_review, rows[toddler.pk].next_review.due) == (D(2025, 9, 20), D(2026, 3, 20))
    assert rows[toddler.pk].next_health_assessment.due == D(2026, 6, 15)
    assert rows[toddler.pk].care_plan_agreed == D(2025, 10, 1)
    assert rows[refused.pk].next_health_assessment.clock.rule.id == "T21"
    assert (rows[period.pk].last_review, rows[period.pk].care_plan_agreed) == (None, None)
    for each in (period, toddler, refused):
        review, health = (duty.due for duty in duty_selectors.period_duties(each)[:2])
        row = rows[each.pk]
        assert (row.next_review.due, row.next_review.started) == (review.due, review.started)
        assert (row.next_health_assessment.due, row.next_health_assessment.started) == (health.due, health.started)
