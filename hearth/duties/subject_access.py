"""A period of care's OC2 facts (SDQs, health record statuses, convictions, substance misuse), its
personal education plans and the health plans from its health assessments, for a subject access
export: added to the period's entry by the care record's export (PERIOD_SUBJECT_ACCESS_PARTS in
hearth/care/subject_access.py)."""

from hearth.core.records_as_data import fact_as_data
from hearth.duties.models import HealthPlan


def period_parts(period) -> dict:
    return {
        name: [fact_as_data(fact, leave_out={"period"}) for fact in facts.order_by(order, "pk")]
        for name, facts, order in (
            ("sdqs", period.sdqs.all(), "completed_on"),
            ("health_statuses", period.health_statuses.all(), "as_at"),
            ("convictions", period.convictions.all(), "convicted_on"),
            ("substance_misuse", period.substance_misuse.all(), "identified_on"),
            ("personal_education_plans", period.peps.all(), "held_on"),
            (
                "health_plans",
                HealthPlan.objects.filter(assessment__period=period).select_related("assessment"),
                "agreed_on",
            ),
        )
    }
