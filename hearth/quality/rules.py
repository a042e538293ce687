"""Who may audit a case, read an audit and complete its actions.

Auditors are service managers, performance and quality officers and team managers: the people who
ran the council's audit programme. Every auditor must be able to see the child
(people.selectors.children_visible_to, the one access rule), so a team manager audits only the
cases their own team holds. Auditing across teams would need a second way of seeing children,
and need to know (DOMAIN 1.2) says no. Service managers and quality officers see every child and
audit any case. Independence comes from one rule: nobody audits a case they hold themselves.

Social workers, managers and directors who may see the child read its audits, so a worker sees the
audits of their cases and what they ask of them. IROs do not (audits are the department's own
quality tool, and an IRO's challenge goes through the escalation procedure); councillors see no
child. An action is completed by the worker it is for or the manager of that worker's team.
"""

import rules

from hearth.core.request_memo import remembered
from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by

AUDITOR_ROLES = (Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER, Role.TEAM_MANAGER)
READER_ROLES = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER, Role.DIRECTOR)


def holds_the_case(user, referral) -> bool:
    """The user is the worker the case is allocated to now."""
    return referral.allocations.filter(ended_on__isnull=True, worker__user=user).exists()


def may_audit(user, referral) -> bool:
    if user.is_superuser:
        return True
    return (
        has_role(user, *AUDITOR_ROLES)
        and child_can_be_seen_by(user, referral.child)
        and not holds_the_case(user, referral)
    )


def may_complete(user, action) -> bool:
    """The worker the action is for, or the manager of their team; either must see the child."""
    if user.is_superuser:
        return True
    manager = action.worker.team.manager
    is_theirs = action.worker.user_id == user.pk or (manager is not None and manager.user_id == user.pk)
    return is_theirs and child_can_be_seen_by(user, action.audit.child)


@rules.predicate
def audits_the_case(user, referral) -> bool:
    return referral is not None and may_audit(user, referral)


@rules.predicate
def reads_the_audit(user, audit) -> bool:
    return audit is not None and has_role(user, *READER_ROLES) and child_can_be_seen_by(user, audit.child)


@rules.predicate
def completes_the_action(user, action) -> bool:
    return action is not None and may_complete(user, action)


@rules.predicate
def leads_on_quality(user) -> bool:
    return has_role(user, *AUDITOR_ROLES, Role.DIRECTOR)


rules.add_perm("quality.record_audit", audits_the_case | rules.is_superuser)
rules.add_perm("quality.view_audit", reads_the_audit | rules.is_superuser)
rules.add_perm("quality.complete_action", completes_the_action | rules.is_superuser)
rules.add_perm("quality.view_audit_list", leads_on_quality | rules.is_superuser)


# Case supervision (docs/workforce.md "Supervision"): recorded by a manager of the team holding the
# case or a service manager, who may see the child; read on the child's page by those who read audits.
def may_supervise_case(user, referral) -> bool:
    if user.is_superuser:
        return True
    if not child_can_be_seen_by(user, referral.child):
        return False
    if has_role(user, Role.SERVICE_MANAGER):
        return True
    return has_role(user, Role.TEAM_MANAGER) and remembered(
        ("works in team", user.pk, referral.team_id), lambda: referral.team.workers.filter(user=user).exists()
    )


@rules.predicate
def supervises_the_case(user, referral) -> bool:
    return referral is not None and may_supervise_case(user, referral)


rules.add_perm("quality.record_case_supervision", supervises_the_case | rules.is_superuser)


# Performance clinics (docs/workforce.md "Performance clinics"): held by service managers, performance
# and quality officers and directors; read by them and team managers; an action completed by its
# owner, the owner's team manager or whoever may hold clinics.
@rules.predicate
def holds_clinics(user) -> bool:
    from hearth.quality.services_clinics import may_hold_clinic

    return may_hold_clinic(user)


@rules.predicate
def reads_clinics(user) -> bool:
    return has_role(user, Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER, Role.DIRECTOR, Role.TEAM_MANAGER)


@rules.predicate
def completes_the_clinic_action(user, action) -> bool:
    from hearth.quality.services_clinics import may_complete_clinic_action

    return action is not None and may_complete_clinic_action(user, action)


rules.add_perm("quality.hold_clinic", holds_clinics | rules.is_superuser)
rules.add_perm("quality.view_clinics", reads_clinics | rules.is_superuser)
rules.add_perm("quality.complete_clinic_action", completes_the_clinic_action | rules.is_superuser)
