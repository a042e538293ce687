"""The synthetic council's children in need work, written through the services."""

import datetime

import pytest
import time_machine

from hearth.audit.models import AuditEvent
from hearth.cin.models import CinPlan, CinPlanReview
from hearth.simulate.council import Simulation
from hearth.visits.models import Visit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


def test_cin_plans_follow_cin_plan_assessments_with_reviews_and_visits_through_the_services():
    counts = Simulation(seed=11, today=datetime.date(2026, 3, 31), months=8, contacts_per_month=40).run()
    plans = CinPlan.objects.select_related("assessment")
    assert plans.exists() and counts["CIN plans"] == plans.count()
    assert all(p.assessment.outcome == "CIN_PLAN" and p.started_on >= p.assessment.authorised_on for p in plans)
    assert CinPlanReview.objects.exists() and Visit.objects.filter(seen=True).exists()
    assert Visit.objects.filter(seen_alone=True).exists()
    assert Visit.objects.filter(happened=False).count() == counts.get("visits not possible", 0)
    assert not Visit.objects.filter(visited_on__gt=datetime.date(2026, 3, 31)).exists()
    # Written as users write: every plan and visit has its audit row.
    assert AuditEvent.objects.filter(action="cin_plan.start").count() == plans.count()
    assert AuditEvent.objects.filter(action="visit.record").count() == Visit.objects.count()
    for plan in plans.filter(ended_on__isnull=False):
        assert plan.referral.closed_on is None or plan.referral.closure_reason == "RC7"
