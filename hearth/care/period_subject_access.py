"""Periods of care, with their legal statuses, placements, care plans and IROs, for a subject access export."""

from hearth.care.selectors import period_with_facts
from hearth.core.records_as_data import fact_as_data


def subject_access_sections(child) -> dict:
    periods = period_with_facts().filter(child=child).order_by("started_on")
    return {
        "periods_of_care": [
            {
                **fact_as_data(period, leave_out={"child", "referral"}),
                "legal_statuses": [fact_as_data(s, leave_out={"period"}) for s in period.legal_statuses.all()],
                "placements": [fact_as_data(p, leave_out={"period"}) for p in period.placements.all()],
                "care_plans": [fact_as_data(c, leave_out={"period"}) for c in period.care_plans.all()],
                "iro_appointments": [fact_as_data(a, leave_out={"period"}) for a in period.iro_appointments.all()],
            }
            for period in periods
        ]
    }
