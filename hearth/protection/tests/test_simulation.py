"""The synthetic council's child protection work obeys the rules the services enforce."""

import datetime

import pytest
import time_machine

from hearth.performance.selectors import population_under_18
from hearth.protection.models import Conference, ProtectionPlan, Section47Enquiry, StrategyDiscussion
from hearth.simulate.council import Simulation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)


def test_the_simulated_protection_work_follows_the_rules():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        counts = Simulation(seed=5, today=TODAY, months=8, contacts_per_month=70).run()
        # On the council's day (the IRO's list is what lies ahead of today).
        the_iro_has_review_conferences_booked_ahead_to_record_on_the_day(counts)
    assert StrategyDiscussion.objects.exists() and Section47Enquiry.objects.exists()
    assert population_under_18(datetime.date(2026, 3, 31)) > 0
    for enquiry in Section47Enquiry.objects.select_related("strategy_discussion"):
        assert enquiry.started_on == enquiry.strategy_discussion.held_on
    for conference in Conference.objects.filter(kind="ICPC", held_on__isnull=False).select_related("section47"):
        assert conference.held_on >= conference.section47.started_on
    for plan in ProtectionPlan.objects.prefetch_related("reviews", "core_groups").select_related("initial_conference"):
        assert plan.started_on == plan.initial_conference.held_on  # CIN rule 2885
        assert all((r.held_on or r.booked_for) > plan.started_on for r in plan.reviews.all())  # 8841, booked too
        assert all(plan.started_on <= g.held_on <= (plan.ended_on or g.held_on) for g in plan.core_groups.all())
        assert plan.ended_on is None or plan.ended_on > plan.started_on  # 8840
        assert plan.latest_category in {"NEG", "PHY", "SAB", "EMO", "MUL"}
    # Children on plans are visited (T09) within the plan; and no child is ever on a child in need
    # plan and a child protection plan at once (CIN census rules 4001, 4016).
    from hearth.cin.models import CinPlan
    from hearth.visits.models import Visit

    plans = list(ProtectionPlan.objects.all())
    assert any(Visit.objects.filter(child_id=plan.child_id, visited_on__gte=plan.started_on).exists() for plan in plans)
    for cin in CinPlan.objects.filter(child_id__in={plan.child_id for plan in plans}):
        for plan in plans:
            if plan.child_id == cin.child_id:
                cin_before = cin.ended_on is not None and cin.ended_on <= plan.started_on
                cp_before = plan.ended_on is not None and plan.ended_on <= cin.started_on
                assert cin_before or cp_before, (cin, plan)


def the_iro_has_review_conferences_booked_ahead_to_record_on_the_day(council):
    """Up to 4 review conferences booked for the coming four weeks by the demo's IRO, to chair (as
    many as there are open plans to book, at least one on this council: 8 months of 70 contacts
    leave it one plan with nothing booked yet): each
    on an open plan, on a working day after its last review and no later than its review is due
    where that is ahead; on the IRO's list and recorded on the day through the review page."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hearth.audit.models import AuditEvent
    from hearth.calendar.selectors import current_calendar
    from hearth.protection.models import Conference
    from hearth.protection.selectors import chairs_work, next_review_due
    from hearth.timescales.selectors import clock

    iro = get_user_model().objects.get(username="iro")
    reviews = [c for c in chairs_work(iro)["booked"] if c.kind == "RCPC"]
    assert 1 <= len(reviews) == council["review conferences booked for the coming weeks"] <= 4
    assert Conference.objects.filter(kind="RCPC", held_on__isnull=True).count() == len(reviews)
    calendar = current_calendar()
    for review in reviews:
        plan = review.plan
        held = [r for r in plan.reviews.all() if r.held_on]
        due = next_review_due(plan, held, clock("T07"), clock("T08"))
        assert plan.ended_on is None and review.booked_by == iro and review.chair == iro
        assert TODAY < review.booked_for <= TODAY + datetime.timedelta(days=28)
        assert calendar.is_working_day(review.booked_for)
        assert due <= TODAY or review.booked_for <= due
        assert all(r.held_on < review.booked_for for r in held)
        moment = AuditEvent.objects.get(action="conference.book_review", object_id=str(review.pk)).at
        assert timezone.localdate(moment) < TODAY and 9 <= timezone.localtime(moment).hour < 17
