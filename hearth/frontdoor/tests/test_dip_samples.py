"""The monthly no-further-action dip sample: reproducible draw, review, actions, agreement rate."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.frontdoor import dip_samples
from hearth.frontdoor.models import DipSample, DipSampleAction, ScreeningDecision
from hearth.performance.selectors import result_by_id
from hearth.testing.journeys import at, new_child, new_contact, screen

D = datetime.date


@pytest.fixture(autouse=True)
def in_july_2025():
    with time_machine.travel(datetime.datetime(2025, 7, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def may_nfas(staff):
    """Twelve NFA contacts decided in May 2025, one early-help contact, one NFA decided 1 June."""
    contacts = []
    for day in range(1, 13):
        contact = new_contact(staff, new_child(staff, f"May{day}"), at(D(2025, 5, day), 9))
        screen(staff, contact, at(D(2025, 5, day), 11))
        contacts.append(contact)
    screen(
        staff,
        new_contact(staff, new_child(staff, "Help"), at(D(2025, 5, 20), 9)),
        at(D(2025, 5, 20), 10),
        ScreeningDecision.EARLY_HELP,
    )
    screen(staff, new_contact(staff, new_child(staff, "June"), at(D(2025, 5, 31), 23)), at(D(2025, 6, 1), 0, 30))
    return contacts


def test_the_sample_is_drawn_from_the_months_nfa_contacts_only_and_is_reproducible(staff, may_nfas):
    ids = list(dip_samples.month_nfa_contacts(D(2025, 5, 1)).values_list("pk", flat=True))
    assert ids == [c.pk for c in may_nfas]
    first = dip_samples.draw(ids, D(2025, 5, 1), 5)
    assert first == dip_samples.draw(list(reversed(ids)), D(2025, 5, 1), 5)  # order given does not matter
    assert len(first) == 5 and set(first) <= set(ids)
    assert dip_samples.draw(ids, D(2025, 6, 1), 5) != first  # another month, another sample
    sample = dip_samples.dip_sample_draw(
        actor=staff.performance_officer, month=D(2025, 5, 1), size=5, reviewer=staff.performance_officer
    )
    assert sorted(sample.items.values_list("contact_id", flat=True)) == first


def test_a_month_with_fewer_nfas_than_asked_samples_them_all(staff, may_nfas):
    sample = dip_samples.dip_sample_draw(
        actor=staff.performance_officer, month=D(2025, 5, 1), size=50, reviewer=staff.performance_officer
    )
    assert sample.items.count() == 12


def test_bad_draws_are_refused_and_nothing_is_written(staff, may_nfas):
    with pytest.raises(ValidationError) as refused:
        dip_samples.dip_sample_draw(
            actor=staff.performance_officer, month=D(2025, 7, 1), size=0, reviewer=staff.social_worker.user
        )
    assert set(refused.value.message_dict) == {"month", "size", "reviewer"}
    with pytest.raises(ValidationError, match="Only a performance and quality officer"):
        dip_samples.dip_sample_draw(
            actor=staff.screener, month=D(2025, 5, 1), size=5, reviewer=staff.performance_officer
        )
    dip_samples.dip_sample_draw(
        actor=staff.performance_officer, month=D(2025, 5, 1), size=5, reviewer=staff.performance_officer
    )
    with pytest.raises(ValidationError, match="already drawn"):
        dip_samples.dip_sample_draw(
            actor=staff.service_manager, month=D(2025, 5, 1), size=3, reviewer=staff.service_manager
        )
    assert DipSample.objects.count() == 1


def test_a_disagreement_needs_an_action_which_is_tracked_to_completion(staff, may_nfas):
    sample = dip_samples.dip_sample_draw(
        actor=staff.performance_officer, month=D(2025, 5, 1), size=2, reviewer=staff.performance_officer
    )
    agree, disagree = sample.items.all()
    dip_samples.dip_sample_review(
        actor=staff.performance_officer, item_id=agree.pk, verdict="AGREE", reason="Proportionate: GP already involved"
    )
    with pytest.raises(ValidationError) as refused:
        dip_samples.dip_sample_review(
            actor=staff.performance_officer, item_id=disagree.pk, verdict="DISAGREE", reason="Third contact in a month"
        )
    assert refused.value.message_dict["action_description"] == [dip_samples.ERROR_ACTION_NEEDED]
    dip_samples.dip_sample_review(
        actor=staff.performance_officer,
        item_id=disagree.pk,
        verdict="DISAGREE",
        reason="Third contact in a month",
        action_description="Re-screen the contact",
        action_owner=staff.screener,
        action_due_on=D(2025, 7, 17),
    )
    action = DipSampleAction.objects.get()
    with pytest.raises(ValidationError, match="Only the action's owner"):
        dip_samples.dip_sample_action_complete(
            actor=staff.social_worker.user, action_id=action.pk, completed_on=D(2025, 7, 10), note="Done"
        )
    dip_samples.dip_sample_action_complete(
        actor=staff.screener,
        action_id=action.pk,
        completed_on=D(2025, 7, 10),
        note="Re-screened: referred for assessment",
    )
    action.refresh_from_db()
    assert action.completed_on == D(2025, 7, 10)


def test_only_the_named_reviewer_reviews_and_only_once(staff, may_nfas):
    sample = dip_samples.dip_sample_draw(
        actor=staff.performance_officer, month=D(2025, 5, 1), size=1, reviewer=staff.performance_officer
    )
    item = sample.items.get()
    with pytest.raises(ValidationError, match="Only the reviewer named"):
        dip_samples.dip_sample_review(actor=staff.service_manager, item_id=item.pk, verdict="AGREE", reason="Fine")
    dip_samples.dip_sample_review(actor=staff.performance_officer, item_id=item.pk, verdict="AGREE", reason="Fine")
    with pytest.raises(ValidationError, match="already reviewed"):
        dip_samples.dip_sample_review(
            actor=staff.performance_officer, item_id=item.pk, verdict="DISAGREE", reason="Changed my mind"
        )


def test_f04_agreement_rate_counts_reviews_recorded_in_the_year(staff, may_nfas):
    """Four reviewed on 10 Jul 2025: three agree, one disagrees: 75%. As of 9 Jul: none yet."""
    sample = dip_samples.dip_sample_draw(
        actor=staff.performance_officer, month=D(2025, 5, 1), size=4, reviewer=staff.performance_officer
    )
    for number, item in enumerate(sample.items.all()):
        disagree = number == 0
        dip_samples.dip_sample_review(
            actor=staff.performance_officer,
            item_id=item.pk,
            verdict="DISAGREE" if disagree else "AGREE",
            reason="Reviewed",
            action_description="Re-screen" if disagree else "",
            action_owner=staff.screener if disagree else None,
            action_due_on=D(2025, 7, 20) if disagree else None,
        )
    result = result_by_id("F04", D(2025, 7, 10))
    assert (result.numerator, result.denominator) == (3, 4)
    assert result_by_id("F04", D(2025, 7, 9)).denominator == 0


def test_the_reviewer_records_a_disagreement_through_the_page(staff, may_nfas, client_for):
    client = client_for(staff.performance_officer)
    drawn = client.post(
        reverse("frontdoor:dip_sample_list"),
        {"month": "2025-05-01", "size": "1", "reviewer": staff.performance_officer.pk},
    )
    item = DipSample.objects.get().items.get()
    assert drawn.url == reverse("frontdoor:dip_sample_detail", args=[item.sample_id])
    url = reverse("frontdoor:dip_sample_item", args=[item.pk])
    missing = client.post(url, {"form": "review", "verdict": "DISAGREE", "reason": "Should have been referred"})
    assert dip_samples.ERROR_ACTION_NEEDED in missing.content.decode()
    client.post(
        url,
        {
            "form": "review",
            "verdict": "DISAGREE",
            "reason": "Should have been referred",
            "action_description": "Re-screen",
            "action_owner": staff.screener.pk,
            "action_due_on_day": "20",
            "action_due_on_month": "7",
            "action_due_on_year": "2025",
        },
    )
    assert DipSampleAction.objects.get().owner == staff.screener
    client_for(staff.screener)
    page = client.get(url)
    assert page.status_code == 200 and "Complete the action" in page.content.decode()


def test_a_restricted_child_in_the_sample_is_counted_but_not_named_to_the_reviewer(staff, may_nfas, client_for):
    from hearth.people.services import child_restrict

    sample = dip_samples.dip_sample_draw(
        actor=staff.performance_officer, month=D(2025, 5, 1), size=50, reviewer=staff.performance_officer
    )
    hidden = may_nfas[0].child
    child_restrict(
        actor=staff.service_manager,
        child_id=hidden.pk,
        reason="Child of a member of staff",
        allowed_user_ids=[staff.social_worker.user.pk],
    )
    client = client_for(staff.performance_officer)
    page = client.get(reverse("frontdoor:dip_sample_detail", args=[sample.pk])).content.decode()
    assert sample.items.count() == 12
    assert "May2 " in page and "May1 " not in page
    assert page.count("Record withheld: restricted or sealed") == 1
    item = sample.items.get(contact__child=hidden)
    refused = client.get(reverse("frontdoor:dip_sample_item", args=[item.pk]))
    assert refused.status_code == 403 and "May1" not in refused.content.decode()
