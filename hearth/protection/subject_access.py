"""Child protection's part of a subject access export: strategy discussions, section 47 enquiries,
conferences (with the chair's checklist), plans, core groups and escalations."""

from hearth.core.records_as_data import fact_as_data
from hearth.protection.models import (
    Conference,
    CoreGroup,
    Escalation,
    ProtectionPlan,
    Section47Enquiry,
    StrategyDiscussion,
)


def subject_access_sections(child) -> dict:
    def facts(queryset, **kwargs):
        return [fact_as_data(fact, leave_out={"child", "referral"}, **kwargs) for fact in queryset]

    return {
        "strategy_discussions": facts(StrategyDiscussion.objects.filter(child=child).order_by("held_on")),
        "section_47_enquiries": facts(Section47Enquiry.objects.filter(child=child).order_by("started_on")),
        "conferences": facts(Conference.objects.filter(child=child).order_by("booked_for")),
        "child_protection_plans": facts(ProtectionPlan.objects.filter(child=child).order_by("started_on")),
        "core_groups": facts(CoreGroup.objects.filter(child=child).order_by("held_on")),
        "escalations": [
            {
                **fact_as_data(escalation, leave_out={"child"}),
                "stages": [fact_as_data(step, leave_out={"escalation"}) for step in escalation.steps.all()],
            }
            for escalation in Escalation.objects.filter(child=child).prefetch_related("steps").order_by("raised_on")
        ],
    }
