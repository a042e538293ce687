"""Alerts: raised, shown on every page of the child, reviewed, ended."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.records import services
from hearth.records.models import Alert
from hearth.records.services import alert_end, alert_raise, alert_review, note_draft_save, note_finalise


def raise_staff_risk(staff, child, today, *, review_in_days=90):
    return alert_raise(
        actor=staff.social_worker.user,
        child_id=child.pk,
        alert_type_code="STAFF_RISK",
        reason="Father has threatened workers: visit in pairs",
        raised_on=today - datetime.timedelta(days=100),
        review_on=today - datetime.timedelta(days=100) + datetime.timedelta(days=review_in_days),
    )


def test_an_alert_shows_on_every_page_of_the_child(staff, family, today, client_for):
    ava = family["ava"]
    raise_staff_risk(staff, ava, today, review_in_days=200)
    note = note_draft_save(
        actor=staff.social_worker.user, child_ids=[ava.pk], note_type_code="PHONE_CALL", event_date=today, text="Call"
    )
    note_finalise(actor=staff.social_worker.user, note_id=note.pk, version=note.version)
    client = client_for(staff.social_worker.user)
    pages = [
        reverse("people:child_detail", args=[ava.pk]),
        reverse("records:note_list", args=[ava.pk]),
        reverse("records:chronology", args=[ava.pk]),
        reverse("records:note_new", args=[ava.pk]),
        reverse("records:note_detail", args=[note.pk]),
        reverse("records:note_amend", args=[note.pk]),
        reverse("records:alert_new", args=[ava.pk]),
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert "Father has threatened workers: visit in pairs" in page, url
        assert "Needs review" not in page, url
    # Her sister's pages carry no alert of Ava's.
    assert (
        "Father has threatened"
        not in client.get(reverse("records:note_list", args=[family["bea"].pk])).content.decode()
    )


def test_the_other_areas_pages_of_the_child_carry_the_alert_too(staff, family, today, client_for):
    ava = family["ava"]
    raise_staff_risk(staff, ava, today, review_in_days=200)
    referral = ava.referrals.get()
    manager = client_for(staff.team_manager.user)
    for url in [
        reverse("assessment:start", args=[referral.pk]),
        reverse("workforce:allocate", args=[referral.pk]),
        reverse("workforce:close", args=[referral.pk]),
        reverse("frontdoor:contact_detail", args=[referral.contact_id]),
        reverse("people:child_access_log", args=[ava.pk]),
    ]:
        response = manager.get(url)
        assert response.status_code == 200, url
        assert "Father has threatened workers: visit in pairs" in response.content.decode(), url


def test_an_alert_past_its_review_date_is_shown_as_needing_review(staff, family, today, client_for):
    raise_staff_risk(staff, family["ava"], today, review_in_days=99)  # review was due yesterday
    page = client_for(staff.social_worker.user).get(reverse("people:child_detail", args=[family["ava"].pk]))
    assert "Needs review" in page.content.decode()


def test_reviewing_sets_the_next_date_and_ending_takes_the_alert_off_the_pages(staff, family, today, client_for):
    ava = family["ava"]
    alert = raise_staff_risk(staff, ava, today, review_in_days=99)
    alert_review(actor=staff.team_manager.user, alert_id=alert.pk, review_on=today + datetime.timedelta(days=90))
    alert.refresh_from_db()
    assert not alert.needs_review(today)
    alert_end(actor=staff.team_manager.user, alert_id=alert.pk, ended_on=today, reason="Father moved away; no contact")
    page = client_for(staff.social_worker.user).get(reverse("people:child_detail", args=[ava.pk])).content.decode()
    assert "Father has threatened workers" not in page
    with pytest.raises(ValidationError) as error:
        alert_end(actor=staff.team_manager.user, alert_id=alert.pk, ended_on=today, reason="again")
    assert "This alert ended on" in error.value.messages[0]


def test_bad_alerts_are_refused_with_nothing_written(staff, family, today):
    with pytest.raises(ValidationError) as error:
        alert_raise(
            actor=staff.social_worker.user,
            child_id=family["ava"].pk,
            alert_type_code="NOPE",
            reason=" ",
            raised_on=today + datetime.timedelta(days=1),
            review_on=today,
        )
    assert error.value.message_dict == {
        "alert_type": [services.ERROR_ALERT_TYPE],
        "reason": [services.ERROR_ALERT_REASON],
        "raised_on": [services.ERROR_DATE_IN_FUTURE],
        "review_on": [services.ERROR_REVIEW_BEFORE_RAISED],
    }
    with pytest.raises(ValidationError) as error:
        alert_raise(
            actor=staff.social_worker.user,
            child_id=family["cousin"].pk,
            alert_type_code="CSE_RISK",
            reason="r",
            raised_on=today,
            review_on=today,
        )
    assert error.value.messages == [services.ERROR_NOT_ALLOWED_ON_CHILD]
    assert not Alert.objects.exists()


def test_an_alert_is_ended_with_a_reason_not_before_it_was_raised(staff, family, today):
    alert = raise_staff_risk(staff, family["ava"], today)
    with pytest.raises(ValidationError) as error:
        alert_end(
            actor=staff.social_worker.user, alert_id=alert.pk, ended_on=today - datetime.timedelta(days=200), reason=""
        )
    assert set(error.value.message_dict) == {"ended_on", "reason"}
    alert.refresh_from_db()
    assert alert.is_open


def test_raising_an_alert_from_the_page(staff, family, today, client_for):
    ava = family["ava"]
    response = client_for(staff.screener).post(
        reverse("records:alert_new", args=[ava.pk]),
        {
            "alert_type": "CSE_RISK",
            "reason": "Seen with older men at the station late at night",
            "raised_on_day": today.day,
            "raised_on_month": today.month,
            "raised_on_year": today.year,
            "review_on_day": today.day,
            "review_on_month": today.month,
            "review_on_year": today.year + 1,
        },
    )
    assert response.status_code == 302
    alert = Alert.objects.get()
    assert alert.alert_type_id == "CSE_RISK" and alert.raised_by == staff.screener
