import rules

from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by


@rules.predicate
def works_the_case(user, referral) -> bool:
    return (
        referral is not None
        and has_role(user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
        and child_can_be_seen_by(user, referral.child)
    )


@rules.predicate
def works_the_assessment(user, assessment) -> bool:
    return (
        assessment is not None
        and has_role(user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
        and child_can_be_seen_by(user, assessment.child)
    )


@rules.predicate
def manages_the_case(user, assessment) -> bool:
    return (
        assessment is not None
        and has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
        and child_can_be_seen_by(user, assessment.child)
    )


@rules.predicate
def sees_the_child(user, assessment) -> bool:
    return assessment is not None and child_can_be_seen_by(user, assessment.child)


@rules.predicate
def oversees_teams(user) -> bool:
    return has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


rules.add_perm("assessment.start_assessment", works_the_case | rules.is_superuser)
rules.add_perm("assessment.view_assessment", sees_the_child | rules.is_superuser)
rules.add_perm("assessment.record_assessment", works_the_assessment | rules.is_superuser)
rules.add_perm("assessment.submit_assessment", works_the_assessment | rules.is_superuser)
rules.add_perm("assessment.return_assessment", manages_the_case | rules.is_superuser)
rules.add_perm("assessment.authorise_assessment", manages_the_case | rules.is_superuser)
rules.add_perm("assessment.record_internal_review", manages_the_case | rules.is_superuser)
rules.add_perm("assessment.view_backlog", oversees_teams | rules.is_superuser)
