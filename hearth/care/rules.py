"""Who may start, change and read a child's period of care. Loaded from CareConfig.ready().

The IRO reads the child's record but never makes the social worker's changes (DOMAIN 1.1: the IRO's
independence): start, legal status, placement, care plan and end stay with works_the_case. Who
appoints the IRO is the IRO app's rule (hearth/iro/rules.py)."""

import rules

from hearth.cin.rules import works_the_case
from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by


@rules.predicate
def sees_the_child(user, record) -> bool:
    """Anyone who may open the child's record may read the child's care (a period has .child)."""
    return record is not None and child_can_be_seen_by(user, record.child)


rules.add_perm("care.start_care", works_the_case | rules.is_superuser)
rules.add_perm("care.change_care", works_the_case | rules.is_superuser)
rules.add_perm("care.view_care", sees_the_child | rules.is_superuser)


@rules.predicate
def approves_decisions_to_look_after(user, period) -> bool:
    """A service manager or the director, as the council's threshold says (HEARTH_CARE_DECISION_BY),
    who may see the child: they approve an emergency decision to look after the child afterwards."""
    from hearth.care.services import may_approve_care_decisions

    return period is not None and may_approve_care_decisions(user) and child_can_be_seen_by(user, period.child)


rules.add_perm("care.approve_decision", approves_decisions_to_look_after | rules.is_superuser)


@rules.predicate
def keeps_the_register(user) -> bool:
    """Team managers, service managers and performance officers keep the register of providers."""
    return has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER)


@rules.predicate
def places_children(user) -> bool:
    """Whoever records placements reads the register they choose from."""
    return has_role(user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER)


rules.add_perm("care.view_providers", places_children | rules.is_superuser)
rules.add_perm("care.change_providers", keeps_the_register | rules.is_superuser)
