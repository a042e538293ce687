"""Who may record a child's permanence facts (loaded from PermanenceConfig.ready()): social workers
and managers who may see the child, as for the rest of the care record; the IRO reads them on the
child's page but does not record them (DOMAIN 1.1)."""

import rules

from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by


@rules.predicate
def works_with_the_child(user, child) -> bool:
    return (
        child is not None
        and has_role(user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
        and child_can_be_seen_by(user, child)
    )


rules.add_perm("permanence.record_permanence", works_with_the_child | rules.is_superuser)


@rules.predicate
def sits_on_the_matching_panel(user) -> bool:
    """The matching panel's readers of the permanence tracker: managers and the performance team."""
    return has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER)


rules.add_perm("permanence.view_tracker", sits_on_the_matching_panel | rules.is_superuser)
