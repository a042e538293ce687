from django.urls import reverse

from hearth.core.roles import roles_of

# The service navigation: each item shown to those holding its permission (None: everyone signed
# in), so the menu never offers a page the access rules would refuse.
NAVIGATION = [
    ("Home", "home", None),
    ("MASH", "frontdoor:contact_list", "frontdoor.view_contacts"),
    ("Find a child", "people:child_search", "people.search_children"),
    ("My worklist", "worklists:mine", "worklists.view_own"),
    ("Team", "worklists:team", "worklists.view_team"),
    ("Performance", "performance:index", "performance.view_indicators"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    visible = [
        (label, reverse(url_name)) for label, url_name, perm in NAVIGATION if perm is None or user.has_perm(perm)
    ]
    # The current item is the one whose address is the longest start of this page's address.
    matches = [href for _, href in visible if request.path == href or (href != "/" and request.path.startswith(href))]
    current = max(matches, key=len, default=None)
    items = [{"text": label, "href": href, "current": href == current} for label, href in visible]
    return {"navigation": items, "user_roles": sorted(roles_of(user))}
