"""Object permissions for children (the `rules` package reads each app's rules.py at start-up)."""

import rules

from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by, sealed_record_can_be_opened_by


@rules.predicate
def can_see_child(user, child) -> bool:
    return child is not None and child_can_be_seen_by(user, child)


@rules.predicate
def finds_children(user) -> bool:
    return has_role(
        user,
        Role.MASH_SCREENER,
        Role.SOCIAL_WORKER,
        Role.TEAM_MANAGER,
        Role.SERVICE_MANAGER,
        Role.PERFORMANCE_OFFICER,
        Role.DIRECTOR,
        Role.IRO,
    )


@rules.predicate
def adds_children(user) -> bool:
    return has_role(user, Role.MASH_SCREENER, Role.SERVICE_MANAGER)


@rules.predicate
def restricts_records(user) -> bool:
    return has_role(user, Role.SERVICE_MANAGER)


rules.add_perm("people.view_child", can_see_child)
rules.add_perm("people.export_subject_access", (restricts_records & can_see_child) | rules.is_superuser)
rules.add_perm("people.restrict_child", (restricts_records & can_see_child) | rules.is_superuser)
rules.add_perm("people.search_children", finds_children | rules.is_superuser)
rules.add_perm("people.add_child", adds_children | rules.is_superuser)


@rules.predicate
def keeps_the_record(user) -> bool:
    """The people who write a child's record: their social worker, team manager, service manager."""
    return has_role(user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


@rules.predicate
def can_see_relationship_child(user, relationship) -> bool:
    return relationship is not None and child_can_be_seen_by(user, relationship.child)


rules.add_perm("people.change_child_identity", (keeps_the_record & can_see_child) | rules.is_superuser)
rules.add_perm("people.change_family", (keeps_the_record & can_see_child) | rules.is_superuser)
rules.add_perm("people.end_relationship", (keeps_the_record & can_see_relationship_child) | rules.is_superuser)
# Ethnicity, why the UPN is not known, disabilities, asylum-seeking status: by those who keep the record.
rules.add_perm("people.record_characteristics", (keeps_the_record & can_see_child) | rules.is_superuser)


@rules.predicate
def may_open_sealed_record(user, child) -> bool:
    """A sealed adoption record this person is allowed to open by giving a reason (the reason form);
    its pages open only once they have (people.view_child)."""
    return child is not None and sealed_record_can_be_opened_by(user, child)


rules.add_perm("people.open_sealed_record", may_open_sealed_record)


@rules.predicate
def oversees_the_child(user, child) -> bool:
    """Managers who may see the child may also see who else has."""
    return (
        child is not None
        and has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.DIRECTOR)
        and child_can_be_seen_by(user, child)
    )


rules.add_perm("people.view_child_access_log", oversees_the_child | rules.is_superuser)
