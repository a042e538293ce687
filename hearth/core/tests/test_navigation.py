from django.urls import reverse

from hearth.core.context_processors import NAVIGATION


def menu_of(client):
    page = client.get(reverse("home")).content.decode()
    return {label for label, _, _ in NAVIGATION if f">{label}</a>" in page or f">{label}</strong>" in page}


def test_each_role_is_offered_only_the_pages_it_may_open(staff, client_for):
    assert menu_of(client_for(staff.councillor)) == {"Home", "Performance"}
    assert menu_of(client_for(staff.social_worker.user)) == {"Home", "Find a child", "My worklist"}
    assert menu_of(client_for(staff.screener)) == {"Home", "MASH", "Find a child"}


def test_every_menu_item_opens_for_the_role_it_is_offered_to(staff, client_for):
    for user in (
        staff.councillor,
        staff.social_worker.user,
        staff.screener,
        staff.team_manager.user,
        staff.service_manager,
        staff.performance_officer,
    ):
        client = client_for(user)
        for label, url_name, perm in NAVIGATION:
            if perm is None or user.has_perm(perm):
                assert client.get(reverse(url_name)).status_code == 200, (user.username, label)


def test_only_the_deepest_matching_item_is_current(staff, client_for):
    page = client_for(staff.team_manager.user).get(reverse("worklists:team")).content.decode()
    assert page.count('aria-current="page"') == 1
    assert 'href="/worklist/team/" aria-current="page"' in page
