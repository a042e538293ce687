import rules

from hearth.core.roles import Role, has_role
from hearth.workforce.models import Worker


@rules.predicate
def manages_case_team(user, referral) -> bool:
    """A team manager of the team holding the case, or any service manager."""
    if has_role(user, Role.SERVICE_MANAGER):
        return True
    if referral is None or not has_role(user, Role.TEAM_MANAGER):
        return False
    return Worker.objects.filter(user=user, team_id=referral.team_id).exists()


rules.add_perm("workforce.allocate_case", manages_case_team | rules.is_superuser)


# Issue 19 (docs/workforce.md): employment details are the service manager's (or a system
# administrator's, the superuser); the weekly caseload review is for managers and performance staff.
@rules.predicate
def records_employment(user) -> bool:
    return has_role(user, Role.SERVICE_MANAGER)


@rules.predicate
def reviews_caseloads(user) -> bool:
    return has_role(user, Role.SERVICE_MANAGER, Role.TEAM_MANAGER, Role.PERFORMANCE_OFFICER, Role.DIRECTOR)


rules.add_perm("workforce.record_employment", records_employment | rules.is_superuser)
rules.add_perm("workforce.review_caseloads", reviews_caseloads | rules.is_superuser)


# Supervision (docs/workforce.md "Supervision"): the manager of the worker's team or a service manager
# records it and reads the worker's supervision record; nobody else reads another's supervision.
@rules.predicate
def supervises(user, worker) -> bool:
    from hearth.workforce.services import may_supervise

    return worker is not None and may_supervise(user, worker)


rules.add_perm("workforce.supervise_worker", supervises | rules.is_superuser)


# The weekly exceptions (docs/workforce.md "Deficits taken up"): each team manager's list of the
# overdue items on their team's cases, and a service manager's for any team.
@rules.predicate
def takes_up_deficits(user) -> bool:
    return has_role(user, Role.SERVICE_MANAGER, Role.TEAM_MANAGER)


rules.add_perm("workforce.take_up_deficits", takes_up_deficits | rules.is_superuser)
