"""The child's open child in need plan, for the summary at the top of the child's pages."""

from django.urls import reverse

from hearth.cin.selectors import cin_plans_of
from hearth.records.selectors import OpenPlan


def open_plans(child) -> list[OpenPlan]:
    return [
        OpenPlan(
            title="Child in need plan",
            started=plan.started_on,
            url=reverse("cin:review", args=[plan.pk]),
            permission="cin.change_plan",
            permission_object=plan,
        )
        for plan in cin_plans_of(child)
        if plan.ended_on is None
    ]
