"""Who is a looked-after child's appointed IRO (who may then record the review they chair:
hearth/duties/rules.py), who appoints one, and who sees the children with none. Loaded from
IroConfig.ready()."""

import rules

from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by


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


rules.add_perm("iro.appoint_iro", manages_the_case | rules.is_superuser)
rules.add_perm("iro.view_children_without_iro", manages_teams | rules.is_superuser)
