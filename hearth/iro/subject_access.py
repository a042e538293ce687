"""A period of care's IRO appointments, for a subject access export: added to the period's entry by
the care record's export (PERIOD_SUBJECT_ACCESS_PARTS in hearth/care/subject_access.py)."""

from hearth.core.records_as_data import fact_as_data


def period_parts(period) -> dict:
    appointments = period.iro_appointments.select_related("iro", "recorded_by")
    return {"iro_appointments": [fact_as_data(a, leave_out={"period"}) for a in appointments]}
