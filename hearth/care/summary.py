"""The child's open period of care, for the summary at the top of the child's pages."""

from django.urls import reverse

from hearth.care.selectors import care_now
from hearth.records.selectors import OpenPlan


def open_plans(child) -> list[OpenPlan]:
    """ "Looked after (C2: full care order)" since the period began; the legal status is the one in
    force now, so the summary reads as the child's position today."""
    now = care_now(child)
    if now is None:
        return []
    status = now.legal_status
    label = status.get_legal_status_display().split(": ", 1)[-1]
    return [
        OpenPlan(
            title=f"Looked after ({status.legal_status} {label})",
            started=now.period.started_on,
            url=reverse("care:period", args=[now.period.pk]),
        )
    ]
