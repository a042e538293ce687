"""Journeys for the fostering tests, through the real services: a household of the register
approved on its terms, its status changed, a young person staying put."""

import datetime

from hearth.fostering.services import ApprovalTerms, household_approve, household_status_change
from hearth.testing.journeys import provider_in_register


def approved_household(
    staff, name, approved_on: datetime.date, places=2, ages=(0, 17), bedrooms=None, placement_type="U6", terms=""
):
    """The register's entry of this name (made if need be, of the kind the placement type fits:
    U6 the council's foster carers, A6 adopters), approved by the team manager."""
    provider = provider_in_register(name, placement_type)
    return household_approve(
        actor=staff.team_manager.user,
        provider_id=provider.pk,
        approved_on=approved_on,
        terms=ApprovalTerms(
            places=places,
            youngest_age=ages[0],
            oldest_age=ages[1],
            bedrooms=places if bedrooms is None else bedrooms,
            terms=terms,
        ),
    )


def change_status(staff, approval, status, on: datetime.date, reason=""):
    approval.refresh_from_db()
    return household_status_change(
        actor=staff.team_manager.user,
        approval_id=approval.pk,
        version=approval.version,
        status=status,
        changed_on=on,
        reason=reason,
    )
