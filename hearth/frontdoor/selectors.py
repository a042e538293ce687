from hearth.frontdoor.models import Contact


def contact_with_details(pk: int) -> Contact:
    return Contact.objects.select_related("child", "source", "recorded_by", "decided_by").get(pk=pk)


def contacts_decided_recently(limit: int = 20):
    return (
        Contact.objects.exclude(decision="")
        .select_related("child", "source", "decided_by")
        .order_by("-decided_at")[:limit]
    )
