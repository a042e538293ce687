"""Who may start, change and read a child's period of care, and who appoints the child's IRO.
Loaded from CareConfig.ready(), so the care area's other parts can keep their own rules modules
beside this one.

The IRO reads the child's record but never makes the social worker's changes (DOMAIN 1.1: the IRO's
independence): start, legal status, placement, care plan and end stay with works_the_case."""

import rules

from hearth.cin.rules import works_the_case
from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by


@rules.predicate
def sees_the_child(user, record) -> bool:
    """Anyone who may open the child's record may read the child's care (a period has .child)."""
    return record is not None and child_can_be_seen_by(user, record.child)


@rules.predicate
def is_the_appointed_iro(user, period) -> bool:
    """The IRO appointed now to this open period of care, who may see the child (a restricted record
    the IRO is not named on stays closed to them, as to anyone)."""
    return (
        period is not None
        and period.ended_on is None
        and has_role(user, Role.IRO)
        and period.iro_appointments.filter(iro=user, ended_on__isnull=True).exists()
        and child_can_be_seen_by(user, period.child)
    )


@rules.predicate
def manages_the_case(user, period) -> bool:
    """A team manager or service manager who may see the child: they appoint the child's IRO."""
    return (
        period is not None
        and has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
        and child_can_be_seen_by(user, period.child)
    )


@rules.predicate
def is_an_iro(user) -> bool:
    return has_role(user, Role.IRO)


@rules.predicate
def manages_teams(user) -> bool:
    return has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


rules.add_perm("care.start_care", works_the_case | rules.is_superuser)
rules.add_perm("care.change_care", works_the_case | rules.is_superuser)
rules.add_perm("care.view_care", sees_the_child | rules.is_superuser)
rules.add_perm("care.appoint_iro", manages_the_case | rules.is_superuser)
rules.add_perm("care.view_children_without_iro", manages_teams | rules.is_superuser)
