import rules

from hearth.core.roles import Role, has_role


@rules.predicate
def works_in_mash(user) -> bool:
    return has_role(user, Role.MASH_SCREENER, Role.SERVICE_MANAGER)


@rules.predicate
def assures_quality(user) -> bool:
    return has_role(user, Role.PERFORMANCE_OFFICER, Role.SERVICE_MANAGER)


@rules.predicate
def owns_the_action(user, item) -> bool:
    action = getattr(item, "action", None) if item is not None else None
    return action is not None and action.owner_id == user.pk


rules.add_perm("frontdoor.manage_dip_samples", assures_quality | rules.is_superuser)
rules.add_perm("frontdoor.view_dip_sample_item", assures_quality | owns_the_action | rules.is_superuser)
rules.add_perm("frontdoor.view_contacts", works_in_mash | rules.is_superuser)
rules.add_perm("frontdoor.record_contact", works_in_mash | rules.is_superuser)
rules.add_perm("frontdoor.screen_contact", works_in_mash | rules.is_superuser)
