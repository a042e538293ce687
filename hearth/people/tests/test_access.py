"""Who may open a child's record: need to know, and nothing leaked to those who may not."""

import datetime

import pytest
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.testing.journeys import at, new_child, referred_case

D = datetime.date


@pytest.fixture
def north_child(staff):
    child = new_child(staff, "Jordan", "Northcase")
    referred_case(staff, child, at(D(2025, 1, 6), 10), team=staff.north)
    return child


@pytest.fixture
def south_child(staff):
    child = new_child(staff, "Quentin", "Southcase")
    referred_case(staff, child, at(D(2025, 1, 6), 10), team=staff.south)
    return child


def test_a_social_worker_opens_a_child_of_their_own_team_and_the_view_is_audited(staff, north_child, client_for):
    response = client_for(staff.social_worker.user).get(reverse("people:child_detail", args=[north_child.pk]))
    assert response.status_code == 200
    assert "Northcase" in response.content.decode()
    assert AuditEvent.objects.filter(action="child.view", child=north_child, actor=staff.social_worker.user).exists()


def test_a_social_worker_cannot_open_another_teams_child_and_nothing_leaks(staff, south_child, client_for):
    response = client_for(staff.social_worker.user).get(reverse("people:child_detail", args=[south_child.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Southcase" not in page and "Quentin" not in page and south_child.hearth_id not in page
    refused = AuditEvent.objects.get(action="access.refused", actor=staff.social_worker.user)
    assert refused.detail["object"] == f"people.child:{south_child.pk}"
    assert not AuditEvent.objects.filter(action="child.view", child=south_child).exists()


def test_another_teams_child_is_not_found_by_search(staff, north_child, south_child, client_for):
    client = client_for(staff.social_worker.user)
    assert "Northcase" in client.get(reverse("people:child_search"), {"q": "Northcase"}).content.decode()
    page = client.get(reverse("people:child_search"), {"q": "Southcase"}).content.decode()
    assert "0 children found" in page and reverse("people:child_detail", args=[south_child.pk]) not in page


def test_a_councillor_cannot_open_any_childs_record(staff, north_child, south_child, client_for):
    client = client_for(staff.councillor)
    for child in (north_child, south_child):
        response = client.get(reverse("people:child_detail", args=[child.pk]))
        assert response.status_code == 403
        assert child.last_name not in response.content.decode()
    assert client.get(reverse("people:child_search"), {"q": "case"}).status_code == 403


def test_a_councillor_sees_the_performance_page_but_no_drill_down(staff, client_for):
    client = client_for(staff.councillor)
    page = client.get(reverse("performance:index"))
    assert page.status_code == 200
    assert reverse("performance:drilldown", args=["A01"]) not in page.content.decode()
    assert client.get(reverse("performance:drilldown", args=["A01"])).status_code == 403


def test_the_mash_sees_children_who_came_through_the_front_door(staff, north_child, client_for):
    assert client_for(staff.screener).get(reverse("people:child_detail", args=[north_child.pk])).status_code == 200


def test_a_signed_out_visitor_is_sent_to_sign_in(north_child, client):
    response = client.get(reverse("people:child_detail", args=[north_child.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
