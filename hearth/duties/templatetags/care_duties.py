from django import template
from django.utils import timezone

from hearth.duties.codes import HealthStatusKind
from hearth.duties.selectors import health_plan_now, open_period_for, period_duties
from hearth.people.rows_held import may_hold

register = template.Library()


@register.simple_tag(takes_context=True)
def care_duties_for(context, child):
    """The child's page section: what is due next while the child is looked after (review, health
    assessment, dental check, personal education plan, visit), the latest PEP and the current health plan,
    and whether this user may record a review or a check."""
    from hearth.visits.plans import plans_for_visits
    from hearth.visits.selectors import last_seen_visits
    from hearth.visits.timeliness import PlanKind, plan_visit_due

    period = open_period_for(child)
    if period is None:
        return {"period": None}
    today = timezone.localdate()
    user = context["request"].user
    # The case's visiting plans, as the visits section and "What is due" read them (shared reads).
    plans = [plan for plan in plans_for_visits([period.referral]) if plan.kind == PlanKind.LOOKED_AFTER]
    seen = last_seen_visits([child.pk], today).get(child.pk)
    return {
        "period": period,
        "duties": period_duties(period),
        "visit": plan_visit_due(plans[0], seen) if plans else None,
        "today": today,
        "can_record_review": user.has_perm("duties.record_review", period),
        "can_record_check": user.has_perm("duties.record_health_check", period),
        "can_record_outcomes": user.has_perm("duties.record_outcomes", period),
        "can_record_pep": user.has_perm("duties.record_pep", period),
        "latest_pep": max(period.peps.all(), key=lambda pep: pep.held_on, default=None),
        "latest_review": max(period.reviews.all(), key=lambda review: (review.held_on, review.pk), default=None),
        "health_plan": health_plan_now(period),
        "sdq": period.sdqs.order_by("-completed_on").first() if may_hold(child, "duties.Sdq") else None,
        "immunisations": period.health_statuses.filter(kind=HealthStatusKind.IMMUNISATIONS).order_by("-as_at").first()
        if may_hold(child, "duties.HealthStatus")
        else None,
    }
