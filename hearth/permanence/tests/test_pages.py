"""The permanence pages: the child's page section, the period of care's section, the forms (a
refusal shown on the form with nothing written), and the chronology."""

import datetime

from django.urls import reverse

from hearth.permanence.models import AdoptionDecision, AdoptionMatch, PreviousPermanence
from hearth.records.chronology import chronology_for
from hearth.testing.adoption_journeys import child_in_care, decide, match, placement_order
from hearth.testing.journeys import provider_in_register

D = datetime.date


def _date(prefix: str, day: datetime.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_previous_permanence_from_the_period_page(staff, client):
    period = child_in_care(staff)
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("care:period", args=[period.pk])).content.decode()
    form_url = reverse("permanence:previous_permanence", args=[period.pk])
    assert "Previous permanence" in page and form_url in page
    refused = client.post(form_url, {"option": "P2", "la_code": "316", "order_year": "2024"})
    assert refused.status_code == 200 and "rule 632" in refused.content.decode()
    assert not PreviousPermanence.objects.exists()
    done = client.post(form_url, {"option": "P2", "la_code": "316", "order_year": "2022", "order_month": "5"})
    assert done.status_code == 302
    page = client.get(reverse("care:period", args=[period.pk])).content.decode()
    assert "P2: special guardianship order: order dated May 2022, arranged by council code 316" in page
    assert form_url not in page  # recorded once


def test_the_decision_the_match_and_the_reversal_through_the_forms(staff, client):
    period = child_in_care(staff)
    child = period.child
    client.force_login(staff.social_worker.user)
    child_page = reverse("people:child_detail", args=[child.pk])
    page = client.get(child_page).content.decode()
    assert "Permanence and adoption" in page and reverse("permanence:adoption_decision", args=[child.pk]) in page

    refused = client.post(reverse("permanence:adoption_decision", args=[child.pk]), _date("decided_on", D(2024, 1, 7)))
    assert "rules 334 and 1003" in refused.content.decode() and not AdoptionDecision.objects.exists()
    assert (
        client.post(
            reverse("permanence:adoption_decision", args=[child.pk]), _date("decided_on", D(2024, 3, 1))
        ).status_code
        == 302
    )
    decision = AdoptionDecision.objects.get()

    match_url = reverse("permanence:adoption_match", args=[decision.pk])
    adopters = provider_in_register("Mr and Mr Larch", "A6")
    fields = {"adopters_number": "2", "adopters_sex": "MM", "adopters_legal_status": "L11"} | _date(
        "matched_on", D(2024, 8, 15)
    )
    assert "Choose the adopters" in client.post(match_url, fields).content.decode()
    fields["adopters"] = str(adopters.pk)
    assert "rule 520" in client.post(match_url, fields).content.decode() and not AdoptionMatch.objects.exists()
    assert client.post(match_url, fields | {"adopters_legal_status": "L12"}).status_code == 302
    assert AdoptionMatch.objects.get().adopters == adopters

    page = client.get(child_page).content.decode()
    assert (
        "1 March 2024" in page and "15 August 2024 with Mr and Mr Larch: two adopters, MM: a couple, both men" in page
    )
    assert "Next: placement for adoption" in page

    reverse_url = reverse("permanence:adoption_decision_reverse", args=[decision.pk])
    stale = {"version": "0", "reason": "RD1"} | _date("reversed_on", D(2024, 9, 1))
    assert "Someone else changed" in client.post(reverse_url, stale).content.decode()
    assert client.post(reverse_url, stale | {"version": "1"}).status_code == 302
    page = client.get(child_page).content.decode()
    assert "reversed 1 September 2024 (RD1: the child&#x27;s needs changed after the decision)" in page


def test_the_page_warns_of_a_placement_order_with_no_decision(staff, client):
    period = placement_order(staff, child_in_care(staff))
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("people:child_detail", args=[period.child_id])).content.decode()
    assert "Rule 553: a placement order (E1) in the period of care from 8 January 2024" in page


def test_an_iro_reads_but_does_not_record(staff, client):
    period = child_in_care(staff)
    client.force_login(staff.iro)
    assert client.get(reverse("permanence:previous_permanence", args=[period.pk])).status_code == 403
    assert client.get(reverse("permanence:adoption_decision", args=[period.child_id])).status_code == 403


def test_the_chronology_has_the_decision_the_match_and_previous_permanence(staff):
    from hearth.permanence.services import previous_permanence_record

    period = child_in_care(staff)
    previous_permanence_record(actor=staff.social_worker.user, period_id=period.pk, option="Z1")
    match(staff, decide(staff, period, on=D(2024, 3, 1)), on=D(2024, 8, 15), number=1, sex="F1", legal_status="L0")
    entries = {
        (entry.when, entry.title) for entry in chronology_for(period.child, kinds={"adoption", "previous_permanence"})
    }
    assert entries == {
        (D(2024, 3, 1), "Decision that the child should be placed for adoption"),
        (D(2024, 8, 15), "Matched with adopters"),
        (D(2024, 1, 8), "Previous permanence on starting care"),
    }
