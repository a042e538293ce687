"""A period of care's OC2 facts (SDQs, health record statuses, convictions, substance misuse), for a
subject access export: added to the period's entry by the care record's export
(PERIOD_SUBJECT_ACCESS_PARTS in hearth/care/subject_access.py)."""

from hearth.core.records_as_data import fact_as_data


def period_parts(period) -> dict:
    return {
        name: [fact_as_data(fact, leave_out={"period"}) for fact in facts.order_by(order, "pk")]
        for name, facts, order in (
            ("sdqs", period.sdqs.all(), "completed_on"),
            ("health_statuses", period.health_statuses.all(), "as_at"),
            ("convictions", period.convictions.all(), "convicted_on"),
            ("substance_misuse", period.substance_misuse.all(), "identified_on"),
        )
    }
