"""The child's summary: a pathway plan, for a young person owed one today (with a link to their
care leaver's page, where an overdue or missing plan shows)."""

from django.urls import reverse
from django.utils import timezone

from hearth.leavers.selectors import leaver_record, status_of
from hearth.records.selectors import OpenPlan


def open_plans(child) -> list[OpenPlan]:
    if child.date_of_birth is None or not child.periods_of_care.exists():
        return []
    record = leaver_record(child.pk)
    status = status_of(record, timezone.localdate())
    if not status.owed_pathway_plan:
        return []
    reviews = sorted(record.pathway_plan_reviews.all(), key=lambda review: review.reviewed_on)
    started = reviews[0].reviewed_on if reviews else status.became_eligible_on
    title = f"Pathway plan ({status.status})" if reviews else f"Pathway plan due ({status.status}, none recorded)"
    return [OpenPlan(title=title, started=started, url=reverse("leavers:leaver", args=[child.pk]))]
