"""Children in need plans (with their reviews) and statutory visits, for a subject access export."""

from hearth.cin.models import CinPlan
from hearth.core.records_as_data import fact_as_data
from hearth.visits.models import Visit


def subject_access_sections(child) -> dict:
    plans = CinPlan.objects.filter(child=child).prefetch_related("reviews").order_by("started_on")
    return {
        "child_in_need_plans": [
            {
                **fact_as_data(plan, leave_out={"child", "referral", "assessment"}),
                "reviews": [fact_as_data(review, leave_out={"plan"}) for review in plan.reviews.all()],
            }
            for plan in plans
        ],
        "visits": [
            fact_as_data(visit, leave_out={"child", "referral"})
            for visit in Visit.objects.filter(child=child).select_related("visitor__user").order_by("visited_on")
        ],
    }
