import rules

from hearth.core.roles import Role, has_role


@rules.predicate
def reads_figures(user) -> bool:
    return has_role(
        user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER, Role.DIRECTOR, Role.COUNCILLOR
    )


@rules.predicate
def reads_children_behind_figures(user) -> bool:
    # Councillors see aggregates only: never the children behind a number.
    return has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER, Role.DIRECTOR)


@rules.predicate
def runs_performance(user) -> bool:
    return has_role(user, Role.PERFORMANCE_OFFICER, Role.SERVICE_MANAGER)


rules.add_perm("performance.set_targets", runs_performance | rules.is_superuser)
rules.add_perm("performance.view_indicators", reads_figures | rules.is_superuser)
rules.add_perm("performance.view_drilldown", reads_children_behind_figures | rules.is_superuser)
