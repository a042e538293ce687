import rules

from hearth.core.roles import Role, has_role


@rules.predicate
def works_in_mash(user) -> bool:
    return has_role(user, Role.MASH_SCREENER, Role.SERVICE_MANAGER)


rules.add_perm("frontdoor.view_contacts", works_in_mash | rules.is_superuser)
rules.add_perm("frontdoor.record_contact", works_in_mash | rules.is_superuser)
rules.add_perm("frontdoor.screen_contact", works_in_mash | rules.is_superuser)
