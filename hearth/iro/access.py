"""Who comes to see a child as their IRO (registered in people.selectors.ACCESS_SOURCES, the
one access rule)."""

from django.db.models import Exists, OuterRef, Q

from hearth.core.roles import Role
from hearth.iro.models import IROAppointment


def children_they_are_the_iro_for(user, roles) -> Q:
    """The child's IRO (DOMAIN 1.2; Children Act 1989 s25A): appointed now to the child's open period
    of care. An ended appointment, or a period that ended, no longer opens the record."""
    if Role.IRO not in roles:
        return Q(pk__in=[])
    appointed = IROAppointment.objects.filter(
        period__child=OuterRef("pk"), period__ended_on__isnull=True, ended_on__isnull=True, iro=user
    )
    return Q(Exists(appointed))
