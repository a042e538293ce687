import rules

from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by


@rules.predicate
def works_the_case(user, record) -> bool:
    """Social workers and managers who may see the child (a referral or a plan: anything with .child)."""
    return (
        record is not None
        and has_role(user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
        and child_can_be_seen_by(user, record.child)
    )


@rules.predicate
def reads_plan_figures(user) -> bool:
    return has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER, Role.DIRECTOR)


rules.add_perm("cin.start_plan", works_the_case | rules.is_superuser)
rules.add_perm("cin.change_plan", works_the_case | rules.is_superuser)
rules.add_perm("cin.view_up_to_date_plans", reads_plan_figures | rules.is_superuser)
