import rules

from hearth.core.roles import Role, has_role


@rules.predicate
def holds_cases(user) -> bool:
    return has_role(user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER)


@rules.predicate
def oversees_teams(user) -> bool:
    return has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


rules.add_perm("worklists.view_own", holds_cases)
rules.add_perm("worklists.view_team", oversees_teams | rules.is_superuser)
