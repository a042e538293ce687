"""Who comes to see a child through the front door and the cases it opens (registered in
people.selectors.ACCESS_SOURCES, the one access rule)."""

from django.db.models import Exists, OuterRef, Q

from hearth.core.roles import Role
from hearth.frontdoor.models import Contact, Referral
from hearth.workforce.models import Worker


def children_through_the_front_door(user, roles) -> Q:
    """Social workers and team managers see children with an open case held by one of their teams,
    or allocated to them (a case moved to another team, not yet reallocated); MASH screeners see
    children who have come through the front door."""
    condition = Q(pk__in=[])
    if roles & {Role.SOCIAL_WORKER, Role.TEAM_MANAGER}:
        teams = Worker.objects.filter(user=user).values("team_id")
        open_case_in_team = Referral.objects.filter(child=OuterRef("pk"), closed_on__isnull=True, team__in=teams)
        condition |= Q(Exists(open_case_in_team))
        # A case moved to another team keeps its worker until reallocated: they still see the child.
        held_by_them = Referral.objects.filter(
            child=OuterRef("pk"),
            closed_on__isnull=True,
            allocations__worker__user=user,
            allocations__ended_on__isnull=True,
        )
        condition |= Q(Exists(held_by_them))
    if Role.MASH_SCREENER in roles:
        condition |= Q(Exists(Contact.objects.filter(child=OuterRef("pk"))))
    return condition
