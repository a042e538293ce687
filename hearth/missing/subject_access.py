"""A period of care's missing episodes, for a subject access export: added to the period's entry by
the care record's export (PERIOD_SUBJECT_ACCESS_PARTS in hearth/care/subject_access.py)."""

from hearth.core.records_as_data import fact_as_data


def period_parts(period) -> dict:
    episodes = period.missing_episodes.select_related("recorded_by").order_by("started_at", "pk")
    return {"missing_episodes": [fact_as_data(e, leave_out={"period", "child"}) for e in episodes]}
