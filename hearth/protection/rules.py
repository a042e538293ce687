"""Who may do what in child protection. Every rule needs the child to be visible to the user (the
one access rule, people.selectors); then: social workers and managers of the case record strategy
discussions, enquiry outcomes, bookings and core groups; conferences are recorded by their chair
(an independent reviewing officer) or a manager; the quality checklist and escalations are the
chair's own."""

import rules

from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by


def _sees(user, obj) -> bool:
    return obj is not None and child_can_be_seen_by(user, obj.child)


@rules.predicate
def works_the_case(user, obj) -> bool:
    """obj: anything with a child (a referral, enquiry, plan or conference)."""
    return has_role(user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER) and _sees(user, obj)


@rules.predicate
def chairs_or_manages(user, obj) -> bool:
    """A manager of the case, or an independent reviewing officer: for a conference, its chair; for a
    plan, a chair of one of its conferences."""
    if not _sees(user, obj):
        return False
    if has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER):
        return True
    if not has_role(user, Role.IRO):
        return False
    chair_id = getattr(obj, "chair_id", None)
    if chair_id is not None:
        return chair_id == user.pk
    from hearth.protection.models import Conference

    return Conference.objects.filter(child=obj.child, chair=user).exists()


@rules.predicate
def is_the_chair(user, conference) -> bool:
    return conference is not None and conference.chair_id == user.pk and _sees(user, conference)


@rules.predicate
def reads_the_record(user, obj) -> bool:
    return _sees(user, obj)


rules.add_perm("protection.record_strategy_discussion", works_the_case | rules.is_superuser)
rules.add_perm("protection.conclude_section47", works_the_case | rules.is_superuser)
rules.add_perm("protection.book_conference", works_the_case | rules.is_superuser)
rules.add_perm("protection.hold_conference", chairs_or_manages | rules.is_superuser)
rules.add_perm("protection.record_review", chairs_or_manages | rules.is_superuser)
rules.add_perm("protection.end_plan", chairs_or_manages | rules.is_superuser)
rules.add_perm("protection.record_core_group", works_the_case | rules.is_superuser)
rules.add_perm("protection.view_conference", reads_the_record | rules.is_superuser)
rules.add_perm("protection.complete_checklist", is_the_chair | rules.is_superuser)
rules.add_perm("protection.escalate", is_the_chair | rules.is_superuser)


@rules.predicate
def raised_the_concern(user, escalation) -> bool:
    """The IRO who raised the concern (at a conference or a looked-after review) takes it on."""
    return escalation is not None and escalation.raised_by_id == user.pk and _sees(user, escalation)


rules.add_perm("protection.progress_escalation", raised_the_concern | rules.is_superuser)


@rules.predicate
def chairs_conferences(user) -> bool:
    return has_role(user, Role.IRO)


rules.add_perm("protection.chair_conferences", chairs_conferences | rules.is_superuser)
