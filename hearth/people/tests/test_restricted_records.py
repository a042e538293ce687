"""A restricted record: seen only by the people named on it, still counted in the figures."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.people import services
from hearth.people.models import RecordRestriction
from hearth.people.selectors import children_visible_to
from hearth.performance.selectors import result_by_id
from hearth.testing.journeys import allocated_case, at, authorised_assessment, new_child

D = datetime.date


@pytest.fixture
def restricted_child(staff):
    """A north child, restricted by the service manager to the allocated social worker."""
    child = new_child(staff, "Imogen", "Staffordchild")
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    services.child_restrict(
        actor=staff.service_manager,
        child_id=child.pk,
        reason="Parent works in the service",
        allowed_user_ids=[staff.social_worker.user.pk],
    )
    return child


def test_only_the_named_people_find_or_open_it(staff, restricted_child, client):
    named = [staff.social_worker.user, staff.service_manager]
    not_named = [staff.team_manager.user, staff.screener, staff.performance_officer, staff.director]
    for user in named:
        assert children_visible_to(user).filter(pk=restricted_child.pk).exists(), user.username
    for user in not_named:
        assert not children_visible_to(user).filter(pk=restricted_child.pk).exists(), user.username
        client.force_login(user)
        response = client.get(reverse("people:child_detail", args=[restricted_child.pk]))
        assert response.status_code == 403 and "Staffordchild" not in response.content.decode()


def test_it_vanishes_from_search_and_the_team_worklist_for_everyone_else(staff, restricted_child, client):
    client.force_login(staff.team_manager.user)
    assert "Staffordchild" not in client.get(reverse("people:child_search"), {"q": "Stafford"}).content.decode()
    assert "Staffordchild" not in client.get(reverse("worklists:team")).content.decode()
    client.force_login(staff.social_worker.user)
    assert "Staffordchild" in client.get(reverse("worklists:mine")).content.decode()


@time_machine.travel(datetime.datetime(2025, 9, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_it_still_counts_in_the_figures_but_is_not_listed_in_the_drill_down(staff, client):
    child = new_child(staff, "Imogen", "Staffordchild")
    authorised_assessment(staff, child, D(2025, 5, 1), D(2025, 6, 2))
    services.child_restrict(
        actor=staff.service_manager,
        child_id=child.pk,
        reason="High-profile case",
        allowed_user_ids=[staff.social_worker.user.pk],
    )
    assert result_by_id("A01", D(2025, 8, 31)).denominator == 1
    client.force_login(staff.performance_officer)
    page = client.get(
        reverse("performance:drilldown", args=["A01"]), {"as_of_day": "31", "as_of_month": "8", "as_of_year": "2025"}
    ).content.decode()
    assert "Staffordchild" not in page
    assert "1 of the 1 assessments are for children outside your teams" in page


def test_only_a_service_manager_restricts_and_must_name_someone_and_a_reason(staff):
    child = new_child(staff)
    with pytest.raises(ValidationError, match="Only a service manager"):
        services.child_restrict(
            actor=staff.team_manager.user, child_id=child.pk, reason="x", allowed_user_ids=[staff.social_worker.user.pk]
        )
    with pytest.raises(ValidationError) as refused:
        services.child_restrict(
            actor=staff.service_manager, child_id=child.pk, reason=" ", allowed_user_ids=[staff.service_manager.pk]
        )
    assert set(refused.value.message_dict) == {"reason", "allowed_users"}
    assert not RecordRestriction.objects.exists()


def test_the_restriction_and_its_lifting_are_audited_and_lifting_restores_team_access(staff, restricted_child):
    assert not children_visible_to(staff.team_manager.user).filter(pk=restricted_child.pk).exists()
    services.child_restriction_lift(actor=staff.service_manager, child_id=restricted_child.pk)
    assert children_visible_to(staff.team_manager.user).filter(pk=restricted_child.pk).exists()
    actions = set(AuditEvent.objects.filter(child=restricted_child).values_list("action", flat=True))
    assert {"child.restrict", "child.restriction_lift"} <= actions


def test_the_service_manager_restricts_through_the_page(staff, client):
    child = new_child(staff, "Otto", "Pagecase")
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    client.force_login(staff.service_manager)
    url = reverse("people:child_restriction", args=[child.pk])
    empty = client.post(url, {"reason": ""}).content.decode()
    assert "Enter why the record is restricted" in empty and "Name at least one person" in empty
    response = client.post(url, {"reason": "Parent is a councillor", "allowed_users": [staff.social_worker.user.pk]})
    assert response.status_code == 302
    child.refresh_from_db()
    assert set(child.restriction.allowed_users.all()) == {staff.social_worker.user, staff.service_manager}


def test_a_councillor_is_never_offered_nor_named_as_someone_who_may_see_a_record(staff, client):
    """Councillors see aggregate figures only: the restriction form does not list them, and naming
    one anyway (a crafted post) is refused with a message, nothing written."""
    child = new_child(staff, "Otto", "Pagecase")
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    client.force_login(staff.service_manager)
    url = reverse("people:child_restriction", args=[child.pk])
    page = client.get(url).content.decode()
    assert f'value="{staff.social_worker.user.pk}"' in page
    assert f'value="{staff.councillor.pk}"' not in page
    with pytest.raises(ValidationError) as refused:
        services.child_restrict(
            actor=staff.service_manager,
            child_id=child.pk,
            reason="Parent works in the service",
            allowed_user_ids=[staff.social_worker.user.pk, staff.councillor.pk],
        )
    assert refused.value.message_dict["allowed_users"] == [services.ERROR_NAMED_WITHOUT_CASE_RECORD_WORK]
    assert not RecordRestriction.objects.exists()
