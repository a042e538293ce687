"""Who may see and record care leavers' contacts and pathway plans (loaded from
LeaversConfig.ready(), so the permissions exist wherever the pages do)."""

import rules

from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by

CASE_WORK_ROLES = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


@rules.predicate
def works_with_the_young_person(user, child) -> bool:
    """Social workers and managers who may see the young person (need to know)."""
    return child is not None and has_role(user, *CASE_WORK_ROLES) and child_can_be_seen_by(user, child)


@rules.predicate
def works_cases(user) -> bool:
    return has_role(user, *CASE_WORK_ROLES)


rules.add_perm("leavers.view_care_leaver", works_with_the_young_person | rules.is_superuser)
rules.add_perm("leavers.record_care_leaver", works_with_the_young_person | rules.is_superuser)
rules.add_perm("leavers.view_care_leavers", works_cases | rules.is_superuser)
