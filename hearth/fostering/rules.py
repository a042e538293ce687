"""Who may read and change the approved households (loaded from FosteringConfig.ready()).

Managers approve households, change their status and grant exemptions (the fostering panel's
recommendation is the agency decision maker's, recorded by a manager); whoever places children reads
the households and the sufficiency page; social workers and managers record a young person staying
put. Councillors see the sufficiency figures only in the Corporate Parenting Panel report."""

import rules

from hearth.core.roles import Role, has_role


@rules.predicate
def reads_the_households(user) -> bool:
    return has_role(
        user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER, Role.DIRECTOR
    )


@rules.predicate
def manages_approvals(user) -> bool:
    return has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


@rules.predicate
def records_staying_put(user) -> bool:
    return has_role(user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


rules.add_perm("fostering.view_households", reads_the_households | rules.is_superuser)
rules.add_perm("fostering.change_households", manages_approvals | rules.is_superuser)
rules.add_perm("fostering.record_staying_put", records_staying_put | rules.is_superuser)
