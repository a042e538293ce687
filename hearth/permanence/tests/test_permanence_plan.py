"""The plan for permanence: recorded while the child is looked after, changes as dated facts that say
why, a version check against a page opened before someone else's plan, an audit row for each, and
nothing written on a refusal; shown on the child's page and in the chronology."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.permanence import services
from hearth.permanence.models import PermanencePlan
from hearth.records.chronology import chronology_for
from hearth.testing.adoption_journeys import (
    adoption_order,
    child_in_care,
    decide,
    match,
    place_for_adoption,
    placement_order,
)

D = datetime.date


def _plan(staff, period, plan="adoption", on=None, version=0, reason=""):
    return services.permanence_plan_record(
        actor=staff.social_worker.user,
        child_id=period.child_id,
        plan=plan,
        agreed_on=on or D(2024, 5, 10),
        version=version,
        reason=reason,
    )


def _refused(call, field=None, text=""):
    with pytest.raises(ValidationError) as refused:
        call()
    messages = refused.value.message_dict[field] if field else refused.value.messages
    assert any(text in message for message in messages), messages


def test_the_first_plan_and_a_change_each_with_an_audit_row(staff):
    period = child_in_care(staff)  # looked after from 8 January 2024
    first = _plan(staff, period, "return_home", D(2024, 4, 30))
    assert (first.period_id, first.plan, first.reason) == (period.pk, "return_home", "")
    changed = _plan(staff, period, "adoption", D(2024, 9, 1), version=1, reason="Parenting assessment negative")
    assert list(PermanencePlan.objects.filter(period=period)) == [changed, first]  # newest first: the plan now
    events = AuditEvent.objects.filter(action="permanence.plan").order_by("id")
    assert [e.detail for e in events] == [
        {"plan": "return_home", "changed_from": ""},
        {"plan": "adoption", "changed_from": "return_home"},
    ]


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({"on": D(2024, 1, 7)}, "agreed_on", "before Ada Pimpernel started to be looked after on 8 January 2024"),
        ({"plan": "elsewhere"}, "plan", "Choose the plan"),
        ({"on": D(2099, 1, 1)}, "agreed_on", "today or in the past"),
    ],
)
def test_a_first_plan_refused(staff, kwargs, field, text):
    period = child_in_care(staff)
    _refused(lambda: _plan(staff, period, **kwargs), field, text)
    assert not PermanencePlan.objects.exists()


def test_a_change_is_dated_after_the_plan_now_differs_from_it_and_says_why(staff):
    period = child_in_care(staff)
    _plan(staff, period, "long_term_fostering", D(2024, 5, 1))
    _refused(lambda: _plan(staff, period, "adoption", D(2024, 5, 1), version=1, reason="x"), "agreed_on", "dated after")
    _refused(
        lambda: _plan(staff, period, "long_term_fostering", D(2024, 6, 1), version=1, reason="x"), "plan", "already"
    )
    _refused(lambda: _plan(staff, period, "adoption", D(2024, 6, 1), version=1), "reason", "Say why")
    assert PermanencePlan.objects.count() == 1


def test_a_plan_recorded_on_a_page_opened_before_someone_elses_is_refused(staff):
    period = child_in_care(staff)
    _plan(staff, period, "adoption", D(2024, 5, 1))  # someone else records the first plan
    _refused(lambda: _plan(staff, period, "special_guardianship", D(2024, 6, 1), version=0), text="Someone else")
    assert PermanencePlan.objects.count() == 1


def test_no_plan_when_the_child_is_not_looked_after(staff):
    period = child_in_care(staff)
    decision = decide(staff, period)
    placement_order(staff, period)
    match(staff, decision)
    place_for_adoption(staff, period)
    adoption_order(staff, period)
    _refused(lambda: _plan(staff, period), text="is not looked after now")


def test_the_form_on_the_childs_page_and_the_chronology(staff, client):
    period = child_in_care(staff)
    child = period.child
    client.force_login(staff.social_worker.user)
    child_page = reverse("people:child_detail", args=[child.pk])
    form_url = reverse("permanence:permanence_plan", args=[child.pk])
    page = client.get(child_page).content.decode()
    assert "No plan for permanence recorded" in page and form_url in page

    fields = {
        "version": "0",
        "plan": "adoption",
        "agreed_on_day": "7",
        "agreed_on_month": "1",
        "agreed_on_year": "2024",
    }
    refused = client.post(form_url, fields)
    assert refused.status_code == 200 and "before Ada Pimpernel started" in refused.content.decode()
    assert not PermanencePlan.objects.exists()
    assert client.post(form_url, fields | {"agreed_on_day": "30", "agreed_on_month": "4"}).status_code == 302
    stale = client.post(form_url, fields | {"plan": "return_home", "agreed_on_month": "6", "reason": "Mother well"})
    assert "Someone else recorded a plan" in stale.content.decode() and PermanencePlan.objects.count() == 1
    change = fields | {"version": "1", "plan": "return_home", "agreed_on_month": "6", "reason": "Mother well"}
    assert client.post(form_url, change).status_code == 302

    page = client.get(child_page).content.decode()
    assert "Return home to parents, agreed 7 June 2024." in page and "Mother well" in page
    assert "Record a change to the plan for permanence" in page
    titles = [(entry.when, entry.title) for entry in chronology_for(child) if entry.kind == "permanence_plan"]
    assert sorted(titles) == [
        (D(2024, 4, 30), "Plan for permanence: adoption"),
        (D(2024, 6, 7), "Plan for permanence changed to return home to parents"),
    ]


def test_the_iro_is_refused_the_form(staff, client):
    period = child_in_care(staff)
    _plan(staff, period)
    client.force_login(staff.iro)
    assert client.get(reverse("permanence:permanence_plan", args=[period.child_id])).status_code == 403
