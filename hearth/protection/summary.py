"""The child's open child protection plan, for the summary at the top of the child's pages."""

from django.urls import reverse

from hearth.protection.selectors import protection_plans_of
from hearth.records.selectors import OpenPlan


def open_plans(child) -> list[OpenPlan]:
    plans = [plan for plan in protection_plans_of(child) if plan.ended_on is None]
    return [
        OpenPlan(
            title=f"Child protection plan ({plan.get_latest_category_display().lower()})",
            started=plan.started_on,
            url=reverse("protection:conference_detail", args=[plan.initial_conference_id]),
        )
        for plan in plans
    ]
