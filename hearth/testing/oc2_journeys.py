"""Test journeys for the facts the 903's OC2 file reads, each through its real writer (synthetic
data only)."""

import datetime

from hearth.duties import services
from hearth.testing.journeys import Staff


def sdq(staff: Staff, period, completed_on: datetime.date, score: int | None = None, reason: str = ""):
    return services.sdq_record(
        actor=staff.social_worker.user, period_id=period.pk, completed_on=completed_on, score=score, reason=reason
    )


def health_status(staff: Staff, period, kind: str, as_at: datetime.date, up_to_date: bool = True):
    return services.health_status_record(
        actor=staff.social_worker.user,
        period_id=period.pk,
        kind=kind,
        as_at=as_at,
        up_to_date=up_to_date,
        source="Looked-after children's nurse",
    )


def conviction(staff: Staff, period, convicted_on: datetime.date):
    return services.conviction_record(
        actor=staff.social_worker.user, period_id=period.pk, convicted_on=convicted_on, offence="Criminal damage"
    )


def substance_misuse(staff: Staff, period, identified_on: datetime.date, intervention: str):
    return services.substance_misuse_record(
        actor=staff.social_worker.user, period_id=period.pk, identified_on=identified_on, intervention=intervention
    )
