"""Periods of care, with their legal statuses, placements and care plans, for a subject access
export; and with what other apps hold about each period (its IRO appointments)."""

from django.utils.module_loading import import_string

from hearth.care.selectors import period_with_facts
from hearth.core.records_as_data import fact_as_data

# What other apps hold about a period of care, added to the period's entry in the export: each a
# function `(period) -> dict of name -> list of facts as data`. Listed here once, as dotted paths,
# so care imports none of them.
PERIOD_SUBJECT_ACCESS_PARTS: tuple[str, ...] = (
    # "iro_appointments" (hearth/iro/subject_access.py).
    "hearth.iro.subject_access.period_parts",
    # "sdqs", "health_statuses", "convictions", "substance_misuse": the OC2 facts (hearth/duties/subject_access.py).
    "hearth.duties.subject_access.period_parts",
    # "missing_episodes" (hearth/missing/subject_access.py).
    "hearth.missing.subject_access.period_parts",
)


def subject_access_sections(child) -> dict:
    periods = period_with_facts().filter(child=child).order_by("started_on")
    parts = [import_string(path) for path in PERIOD_SUBJECT_ACCESS_PARTS]
    return {
        "periods_of_care": [
            {
                **fact_as_data(period, leave_out={"child", "referral"}),
                "legal_statuses": [fact_as_data(s, leave_out={"period"}) for s in period.legal_statuses.all()],
                "placements": [fact_as_data(p, leave_out={"period"}) for p in period.placements.all()],
                "care_plans": [fact_as_data(c, leave_out={"period"}) for c in period.care_plans.all()],
                **{name: facts for part in parts for name, facts in part(period).items()},
            }
            for period in periods
        ]
    }
