import rules

from hearth.core.roles import Role, has_role


@rules.predicate
def governs_records(user) -> bool:
    return has_role(user, Role.SERVICE_MANAGER)


rules.add_perm("governance.view_retention_report", governs_records | rules.is_superuser)
