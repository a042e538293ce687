import datetime

from django.urls import reverse

from hearth.frontdoor.models import Contact
from hearth.testing.journeys import at, new_child

D = datetime.date


def post_contact(client, child_field):
    return client.post(
        reverse("frontdoor:contact_record"),
        {
            "child": child_field,
            "received_on_day": "14",
            "received_on_month": "3",
            "received_on_year": "2025",
            "received_time": "09:00",
            "source": "2A",
            "contact_person": "A teacher",
            "account": "Both children hungry",
            "consent": "GIVEN",
        },
    )


def test_one_contact_about_siblings_makes_one_contact_per_child_linked_together(staff, client_for):
    ava, ben = new_child(staff, "Ava", "Sibling"), new_child(staff, "Ben", "Sibling")
    client = client_for(staff.screener)
    response = post_contact(client, f"{ava.hearth_id}, {ben.hearth_id}")
    assert response.status_code == 302 and response.url == reverse("frontdoor:contact_list")
    first, second = Contact.objects.order_by("child__first_name")
    assert (first.child, second.child) == (ava, ben)
    assert first.report is not None and first.report == second.report
    page = client.get(reverse("frontdoor:contact_detail", args=[first.pk])).content.decode()
    assert "Also about" in page and "Ben Sibling" in page


def test_a_contact_with_no_child_or_an_unknown_child_or_one_child_twice_is_refused(staff, client_for):
    ava = new_child(staff, "Ava", "Sibling")
    client = client_for(staff.screener)
    assert "Enter the Hearth ID of at least one child" in post_contact(client, "").content.decode()
    assert "No child has Hearth ID H9999998" in post_contact(client, f"{ava.hearth_id} H9999998").content.decode()
    assert (
        "Each child should be entered once" in post_contact(client, f"{ava.hearth_id} {ava.hearth_id}").content.decode()
    )
    assert "Enter each Hearth ID as H followed by digits" in post_contact(client, "Ava").content.decode()
    assert not Contact.objects.exists()


def test_siblings_are_screened_separately(staff):
    from hearth.frontdoor.services import contact_record

    ava, ben = new_child(staff, "Ava", "Sibling"), new_child(staff, "Ben", "Sibling")
    contacts = contact_record(
        actor=staff.screener,
        child_ids=[ava.pk, ben.pk],
        received_at=at(D(2025, 3, 14), 9),
        source_code="6",
        contact_person="PC Example",
        account="Domestic incident",
    )
    assert [c.decision for c in contacts] == ["", ""]
