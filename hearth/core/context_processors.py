from django.urls import reverse

from hearth.core.roles import Role, roles_of

# The service navigation: each item with the roles that see it (None: everyone signed in).
NAVIGATION = [
    ("Home", "home", None),
    ("MASH", "frontdoor:contact_list", {Role.MASH_SCREENER, Role.SERVICE_MANAGER}),
    (
        "Find a child",
        "people:child_search",
        {
            Role.MASH_SCREENER,
            Role.SOCIAL_WORKER,
            Role.TEAM_MANAGER,
            Role.SERVICE_MANAGER,
            Role.PERFORMANCE_OFFICER,
            Role.DIRECTOR,
            Role.IRO,
        },
    ),
    ("My worklist", "worklists:mine", {Role.SOCIAL_WORKER, Role.TEAM_MANAGER}),
    ("Team", "worklists:team", {Role.TEAM_MANAGER, Role.SERVICE_MANAGER}),
    (
        "Performance",
        "performance:index",
        {Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER, Role.DIRECTOR, Role.COUNCILLOR},
    ),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    roles = roles_of(user)
    items = []
    for label, url_name, allowed in NAVIGATION:
        if allowed is not None and not (roles & allowed):
            continue
        href = reverse(url_name)
        current = request.path == href or (href != "/" and request.path.startswith(href))
        items.append({"text": label, "href": href, "current": current})
    return {"navigation": items, "user_roles": sorted(roles)}
