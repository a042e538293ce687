"""The roles people hold in a children's services department, as Django groups.

A role says what kind of work someone does; which children they may see follows from their team
and the cases allocated to it (see people.selectors.children_visible_to). Group names are what
administrators see and assign, so they are written as a council would write them.
"""

from enum import StrEnum


class Role(StrEnum):
    SOCIAL_WORKER = "Social worker"
    TEAM_MANAGER = "Team manager"
    SERVICE_MANAGER = "Service manager"
    MASH_SCREENER = "MASH screener"
    IRO = "Independent reviewing officer"
    PERFORMANCE_OFFICER = "Performance and quality officer"
    DIRECTOR = "Director"
    COUNCILLOR = "Councillor"


# Roles that see every child's record (their viewing is audited like anyone's).
COUNCIL_WIDE_ROLES = frozenset({Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER, Role.DIRECTOR})
# Roles whose work is with children's records; a councillor sees aggregate figures only, never a
# child's record, so is never offered as someone who may see a restricted one.
CASE_RECORD_ROLES = frozenset(Role) - {Role.COUNCILLOR}
# Roles that see the children of the teams they belong to.
TEAM_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER})


def roles_of(user) -> frozenset[Role]:
    """The roles a signed-in user holds, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_hearth_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._hearth_roles = cached
    return cached


def has_role(user, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))
