import rules

from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by


@rules.predicate
def oversees_the_child(user, child) -> bool:
    """Managers who may see the child may also see who else has."""
    return (
        child is not None
        and has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.DIRECTOR)
        and child_can_be_seen_by(user, child)
    )


rules.add_perm("audit.view_child_access_log", oversees_the_child | rules.is_superuser)


@rules.predicate
def governs_records(user) -> bool:
    return has_role(user, Role.SERVICE_MANAGER)


rules.add_perm("audit.view_retention_report", governs_records | rules.is_superuser)
