"""What a child's care forbids elsewhere in the record: checks the services of lower areas run
before a write (registered by dotted path in frontdoor's CASE_CLOSURE_CHECKS and cin's
CIN_PLAN_START_CHECKS, because those areas sit below care and import nothing of it). Each raises a
ValidationError with the message for the person, or returns None."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q

from hearth.care.models import PeriodOfCare

ERROR_CLOSE_WHILE_LOOKED_AFTER = (
    "{child} is looked after (since {date}): end the period of care first, with the reason they ceased to be "
    "looked after. A looked-after child's case stays open"
)
ERROR_CIN_PLAN_WHILE_LOOKED_AFTER = (
    "{child} is looked after (from {date}): a looked-after child's plan is the care plan, not a child in need plan"
)


def _long(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def refuse_case_closure_while_looked_after(referral) -> None:
    """The council's duties to a looked-after child run on the open case (SSDA903: a period of care
    lies inside an open episode), so the case closes only after care ends."""
    period = PeriodOfCare.objects.filter(child_id=referral.child_id, ended_on__isnull=True).first()
    if period is not None:
        message = ERROR_CLOSE_WHILE_LOOKED_AFTER.format(child=referral.child, date=_long(period.started_on))
        raise ValidationError(message)


def refuse_cin_plan_while_looked_after(child, started_on: datetime.date) -> None:
    """A child is never on a CIN plan while looked after (care_start ends the CIN plan), so the
    visits and the census see one plan at a time."""
    period = (
        PeriodOfCare.objects.filter(child=child, started_on__lte=started_on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=started_on))
        .first()
    )
    if period is not None:
        raise ValidationError(ERROR_CIN_PLAN_WHILE_LOOKED_AFTER.format(child=child, date=_long(period.started_on)))
