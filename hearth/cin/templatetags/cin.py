from django import template
from django.utils import timezone

from hearth.assessment.models import AssessmentOutcome
from hearth.cin.selectors import child_cin_plans

register = template.Library()


@register.simple_tag(takes_context=True)
def cin_plans_for(context, child, open_case=None):
    """The child's page section: the plan, when its review is due, and what this user may do."""
    user = context["request"].user
    summary = child_cin_plans(child, timezone.localdate())
    plan = summary["plan"]
    latest = _latest_authorised(open_case.assessments.all()) if open_case is not None else None
    summary["can_start"] = (
        plan is None
        and latest is not None
        and latest.outcome == AssessmentOutcome.CIN_PLAN
        and user.has_perm("cin.start_plan", open_case)
    )
    summary["can_change"] = plan is not None and user.has_perm("cin.change_plan", plan)
    return summary


def _latest_authorised(assessments):
    """The case's latest authorised assessment (from the assessments the child's page prefetched)."""
    authorised = [assessment for assessment in assessments if assessment.authorised_on is not None]
    return max(authorised, key=lambda assessment: (assessment.authorised_on, assessment.pk), default=None)
