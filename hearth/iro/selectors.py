"""Reads for Independent Reviewing Officers: the appointments on a period of care (and the IRO's
part of the period's page and of the child's summary, listed in hearth/care/selectors.py), and the
looked-after children with no IRO appointed. (The IRO's own list of the children they review, with
what is due for each, is the duties': hearth/duties/selectors.py.)"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from hearth.care.models import PeriodOfCare
from hearth.iro.models import IROAppointment
from hearth.people.selectors import children_visible_to


def appointments_of(period: PeriodOfCare) -> list[IROAppointment]:
    """The period's IRO appointments, newest first (the current one, if any, is the first)."""
    return list(period.iro_appointments.select_related("iro", "recorded_by").order_by("-started_on", "-id"))


def current_appointment(period: PeriodOfCare) -> IROAppointment | None:
    return period.iro_appointments.select_related("iro").filter(ended_on__isnull=True).first()


def period_page_section(period: PeriodOfCare, user) -> tuple[str, dict]:
    """The period of care's page (care.selectors.PERIOD_PAGE_SECTIONS): the child's IRO now, the
    appointments so far, and a link to appoint one for a manager who may."""
    return (
        "iro/_iro_appointments.html",
        {
            "period": period,
            "iro_appointments": appointments_of(period),
            "can_appoint_iro": period.is_open and user.has_perm("iro.appoint_iro", period),
        },
    )


def summary_row(now) -> tuple[str, dict]:
    """The child's summary while they are looked after (care.selectors.CARE_SUMMARY_ROWS): who their
    IRO is, or that none is appointed."""
    return "iro/_summary_row.html", {"iro": current_appointment(now.period)}


@dataclass(frozen=True)
class ChildWithoutIro:
    period: PeriodOfCare
    days_looked_after: int


def children_without_iro(user) -> list[ChildWithoutIro]:
    """Looked-after children this manager may see whose open period of care has no IRO appointed,
    the longest in care first."""
    today = timezone.localdate()
    current = IROAppointment.objects.filter(period=OuterRef("pk"), ended_on__isnull=True)
    periods = (
        PeriodOfCare.objects.filter(ended_on__isnull=True, child__in=children_visible_to(user))
        .exclude(Exists(current))
        .select_related("child", "referral__team")
        .order_by("started_on", "id")
    )
    return [ChildWithoutIro(period=period, days_looked_after=(today - period.started_on).days) for period in periods]
