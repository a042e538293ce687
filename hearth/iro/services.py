"""Writers for a looked-after child's Independent Reviewing Officer (Children Act 1989 s25A): a
manager appoints one, or appoints another in their place; care ending ends the appointment.

Each appointment is a dated fact on the period of care. A form carries the current appointment it
was opened on (its id, or 0 for none), so a change made meanwhile by another manager is refused
rather than silently replaced; the period's row is locked while the change is made.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.care.models import PeriodOfCare
from hearth.core.roles import Role, has_role
from hearth.iro.models import IROAppointment

ERROR_NOT_MANAGER = "Only a team manager or service manager can appoint a child's independent reviewing officer"
ERROR_IRO_REQUIRED = "Choose the independent reviewing officer"
ERROR_NOT_AN_IRO = "{name} is not an independent reviewing officer: choose one from the list"
ERROR_PERIOD_ENDED = "This period of care ended on {date}: an IRO is appointed only while the child is looked after"
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"
ERROR_BEFORE_CARE = "The appointment cannot start before the child became looked after ({date})"
ERROR_NOT_AFTER_CURRENT = (
    "{name} was appointed on {date}: a new appointment starts after that (the current one ends the day before)"
)
ERROR_ALREADY_THE_IRO = "{name} is already the child's independent reviewing officer"
ERROR_CARE_ENDS_BEFORE_APPOINTMENT = (
    "{name} was appointed as the child's independent reviewing officer on {date}: care cannot end before that"
)
ERROR_CHANGED_MEANWHILE = (
    "Someone else changed this child's independent reviewing officer while you had the page open. "
    "Nothing was changed: read the page again and then record yours"
)


def _long(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def _name(user) -> str:
    return user.get_full_name() or user.username


def current_appointment_id(period: PeriodOfCare) -> int:
    """What a form carries as its version: the current appointment's id, or 0 when there is none."""
    current = period.iro_appointments.filter(ended_on__isnull=True).values_list("pk", flat=True).first()
    return current or 0


def iro_appoint(
    *, actor, period_id: int, iro_id: int | None, started_on: datetime.date, current_id: int
) -> IROAppointment:
    """Appoint an IRO to the child's open period of care from a day. If another is appointed, their
    appointment ends the day before: one IRO at a time, and the record keeps the earlier ones."""
    if not (actor.is_superuser or has_role(actor, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_MANAGER)
    with transaction.atomic():
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        if period.ended_on is not None:
            raise ValidationError(ERROR_PERIOD_ENDED.format(date=_long(period.ended_on)))
        current = period.iro_appointments.select_for_update().filter(ended_on__isnull=True).first()
        if (current.pk if current else 0) != current_id:
            raise ValidationError(ERROR_CHANGED_MEANWHILE)
        errors = {}
        iro = get_user_model().objects.filter(pk=iro_id, is_active=True).first() if iro_id else None
        if iro is None:
            errors["iro"] = ERROR_IRO_REQUIRED
        elif not has_role(iro, Role.IRO):
            errors["iro"] = ERROR_NOT_AN_IRO.format(name=_name(iro))
        elif current is not None and current.iro_id == iro.pk:
            errors["iro"] = ERROR_ALREADY_THE_IRO.format(name=_name(iro))
        if started_on > timezone.localdate():
            errors["started_on"] = ERROR_DATE_IN_FUTURE
        elif started_on < period.started_on:
            errors["started_on"] = ERROR_BEFORE_CARE.format(date=_long(period.started_on))
        elif current is not None and started_on <= current.started_on:
            errors["started_on"] = ERROR_NOT_AFTER_CURRENT.format(
                name=_name(current.iro), date=_long(current.started_on)
            )
        if errors:
            raise ValidationError(errors)
        if current is not None:
            current.ended_on = started_on - datetime.timedelta(days=1)
            current.save(update_fields=["ended_on"])
        appointment = IROAppointment.objects.create(period=period, iro=iro, started_on=started_on, recorded_by=actor)
        audit_record(
            actor=actor,
            action="care.iro_appoint",
            obj=appointment,
            child=period.child,
            detail={"iro": iro.pk, "replaces": current.iro_id if current else None},
        )
    return appointment


def iro_appointment_end_with_care(*, actor, period: PeriodOfCare) -> IROAppointment | None:
    """Care ended: the current appointment ends the same day. Called inside care_end's transaction,
    with the period already locked; the IRO no longer sees the child through it."""
    current = period.iro_appointments.select_for_update().filter(ended_on__isnull=True).first()
    if current is None:
        return None
    if period.ended_on < current.started_on:
        message = ERROR_CARE_ENDS_BEFORE_APPOINTMENT.format(name=_name(current.iro), date=_long(current.started_on))
        raise ValidationError({"ended_on": message})
    current.ended_on = period.ended_on
    current.save(update_fields=["ended_on"])
    audit_record(
        actor=actor, action="care.iro_appointment_end", obj=current, child=period.child, detail={"iro": current.iro_id}
    )
    return current
