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
    visible = [
        (label, reverse(url_name)) for label, url_name, allowed in NAVIGATION if allowed is None or roles & allowed
    ]
    # The current item is the one whose address is the longest start of this page's address.
    matches = [href for _, href in visible if request.path == href or (href != "/" and request.path.startswith(href))]
    current = max(matches, key=len, default=None)
    items = [{"text": label, "href": href, "current": href == current} for label, href in visible]
    return {"navigation": items, "user_roles": sorted(roles)}
