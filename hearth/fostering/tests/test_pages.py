"""The fostering pages: the sufficiency page's figures, a household's page naming only the children
the reader may see, and approving, changing the status and recording an exemption through the forms
(a refusal shows the form again and writes nothing)."""

import datetime

from django.urls import reverse

from hearth.fostering.models import Approval, PlacementExemption, StatusChange
from hearth.testing.fostering_journeys import approved_household
from hearth.testing.journeys import looked_after_child, new_child, provider_in_register

D = datetime.date


def test_the_sufficiency_page_and_a_household_page(staff, client):
    approval = approved_household(staff, "Mr and Mrs Fernhill", D(2025, 1, 10), places=3, ages=(0, 10))
    looked_after_child(staff, new_child(staff, "Amy", "Quince", born=D(2018, 1, 1)), D(2025, 2, 1))
    approved_household(staff, "Mr and Mrs Oakes (adopters)", D(2025, 4, 10), places=1, placement_type="A6")
    client.force_login(staff.team_manager.user)
    page = client.get(reverse("fostering:sufficiency")).content.decode()
    assert "Mr and Mrs Fernhill" in page and "Mr and Mrs Oakes (adopters)" in page
    assert "1 (33% occupancy)" in page  # one of three places taken
    household = client.get(reverse("fostering:household", args=[approval.pk])).content.decode()
    assert "Amy Quince" in household and "1 taken, 2 free today" in household
    # A social worker of another team sees the household, not the child.
    client.force_login(staff.other_social_worker.user)
    household = client.get(reverse("fostering:household", args=[approval.pk])).content.decode()
    assert "Amy Quince" not in household and "A child outside your teams" in household


def test_approving_through_the_form_and_a_refusal_that_writes_nothing(staff, client):
    provider = provider_in_register("Ms Birch")
    client.force_login(staff.team_manager.user)
    form = {
        "provider": provider.pk,
        "approved_on_day": "1",
        "approved_on_month": "6",
        "approved_on_year": "2025",
        "places": "9",
        "youngest_age": "0",
        "oldest_age": "2",
        "bedrooms": "1",
    }
    refused = client.post(reverse("fostering:household_approve"), form)
    assert (
        refused.status_code == 200
        and "Enter how many children the household is approved for" in refused.content.decode()
    )
    assert not Approval.objects.exists()
    response = client.post(reverse("fostering:household_approve"), form | {"places": "1"})
    approval = Approval.objects.get()
    assert response.status_code == 302 and response.url == reverse("fostering:household", args=[approval.pk])
    status = {"version": approval.version, "status": "DEREGISTERED", "changed_on_day": "1"}
    status |= {"changed_on_month": "9", "changed_on_year": "2025", "reason": ""}
    refused = client.post(reverse("fostering:household_status", args=[approval.pk]), status)
    assert "Say why the household was deregistered" in refused.content.decode()
    assert StatusChange.objects.count() == 1
    client.post(reverse("fostering:household_status", args=[approval.pk]), status | {"reason": "Panel decision"})
    assert StatusChange.objects.latest("changed_on").status == "DEREGISTERED"


def test_a_manager_records_an_exemption_for_a_child_they_may_see(staff, client):
    approval = approved_household(staff, "Mr and Mrs Fernhill", D(2025, 1, 10), places=1, ages=(0, 10))
    period = looked_after_child(staff, new_child(staff, "Amy", born=D(2018, 1, 1)), D(2025, 2, 1))
    client.force_login(staff.team_manager.user)
    form = {"child_hearth_id": period.child.hearth_id, "granted_on_day": "1", "granted_on_month": "3"}
    form |= {"granted_on_year": "2025", "reason": "Her sister is placed here"}
    response = client.post(reverse("fostering:placement_exemption", args=[approval.pk]), form)
    assert response.status_code == 302
    assert PlacementExemption.objects.get().child == period.child
    client.force_login(staff.social_worker.user)
    assert client.get(reverse("fostering:placement_exemption", args=[approval.pk])).status_code == 403


def test_the_drilldown_lists_households_linked_to_their_pages(staff, client):
    approval = approved_household(staff, "Ms Birch", D(2025, 6, 1), places=1, ages=(0, 2), bedrooms=1)
    client.force_login(staff.service_manager)
    as_of = {"as_of_day": "31", "as_of_month": "3", "as_of_year": "2026"}
    page = client.get(reverse("fostering:sufficiency"), as_of).content.decode()
    assert reverse("performance:drilldown", args=["FS05"]) in page
    page = client.get(reverse("performance:drilldown", args=["FS05"]), as_of).content.decode()
    assert f'href="{reverse("fostering:household", args=[approval.pk])}">Ms Birch</a>' in page
    assert "Approved for one child, ages 0 to 2; 1 bedroom(s)" in page


def test_the_two_terms_forms_keep_each_page_order_around_the_shared_terms():
    # The approval and the new terms ask the same five terms (one base form), each page in its order.
    from hearth.fostering.forms import HouseholdApproveForm, TermsChangeForm

    terms = ["places", "youngest_age", "oldest_age", "bedrooms", "terms"]
    assert list(HouseholdApproveForm().fields) == ["provider", "approved_on", *terms]
    assert list(TermsChangeForm().fields) == ["version", "changed_on", *terms, "reason"]
