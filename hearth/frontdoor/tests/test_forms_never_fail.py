"""Whatever is typed into the front door's forms, the answer is a page, never a server error, and
a refused form writes nothing."""

import datetime

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.frontdoor.models import Contact, Referral
from hearth.testing.journeys import at, new_child, new_contact

typed = st.text(max_size=40)
numberish = st.one_of(st.integers(-5, 3000).map(str), typed)
HYPOTHESIS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@HYPOTHESIS
@given(
    child=typed, day=numberish, month=numberish, year=numberish, time=typed, source=typed, person=typed, account=typed
)
def test_the_contact_form_answers_any_input_with_a_page(
    staff, client_for, child, day, month, year, time, source, person, account
):
    before = Contact.objects.count()
    response = client_for(staff.screener).post(
        reverse("frontdoor:contact_record"),
        {
            "child": child,
            "received_on_day": day,
            "received_on_month": month,
            "received_on_year": year,
            "received_time": time,
            "source": source,
            "contact_person": person,
            "account": account,
        },
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "There is a problem" in response.content.decode()
        assert Contact.objects.count() == before


@HYPOTHESIS
@given(decision=typed, day=numberish, month=numberish, year=numberish, time=typed, reason=typed, team=typed)
def test_the_screening_form_answers_any_input_with_a_page(
    staff, client_for, decision, day, month, year, time, reason, team
):
    contact = new_contact(staff, new_child(staff), at(datetime.date(2025, 3, 14), 9))
    response = client_for(staff.screener).post(
        reverse("frontdoor:contact_detail", args=[contact.pk]),
        {
            "action": "decision",
            "decision": decision,
            "decided_on_day": day,
            "decided_on_month": month,
            "decided_on_year": year,
            "decided_time": time,
            "reason": reason,
            "team": team,
        },
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        contact.refresh_from_db()
        assert contact.decision == "" and not Referral.objects.filter(contact=contact).exists()
