"""Who comes to see a child through child protection (registered in
people.selectors.ACCESS_SOURCES, the one access rule)."""

from django.db.models import Exists, OuterRef, Q

from hearth.core.roles import Role
from hearth.protection.models import Conference


def children_whose_conferences_they_chair(user, roles) -> Q:
    """The child's conference chair (DOMAIN 1.2): an IRO sees the children whose conferences they chair."""
    if Role.IRO not in roles:
        return Q(pk__in=[])
    return Q(Exists(Conference.objects.filter(child=OuterRef("pk"), chair=user)))
