from hearth.frontdoor.models import Contact
from hearth.people.selectors import children_visible_to


def contact_with_details(pk: int) -> Contact:
    return Contact.objects.select_related("child", "source", "recorded_by", "decided_by").get(pk=pk)


def contacts_decided_recently(*, user, limit: int = 20):
    return (
        Contact.objects.exclude(decision="")
        .filter(child__in=children_visible_to(user))
        .select_related("child", "source", "decided_by")
        .order_by("-decided_at")[:limit]
    )
