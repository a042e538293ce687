"""A child in need becomes a child on a protection plan, in a real browser with the accessibility
check on each page: the chair is warned that the child is on a CIN plan, records the conference and
is told the CIN plan ended; the social worker finds the CP visit on the worklist and records it."""

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hearth.cin.models import CinPlan
from hearth.protection.services import conference_book_initial, section47_conclude
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.journeys import new_child
from hearth.testing.protection_journeys import strategy_to_s47
from hearth.visits.models import Visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_cp_plan_ends_the_cin_plan_and_brings_cp_visits(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    days = datetime.timedelta
    cin_plan = child_on_cin_plan(staff, new_child(staff, "Sky", "Marlow"), today - days(60))
    enquiry = strategy_to_s47(staff, cin_plan.referral, today - days(12))
    section47_conclude(
        actor=staff.social_worker.user, enquiry_id=enquiry.pk, outcome="ICPC", outcome_on=today - days(5)
    )
    conference = conference_book_initial(
        actor=staff.social_worker.user, enquiry_id=enquiry.pk, booked_for=today - days(1), chair=staff.iro
    )
    authenticators["ines"] = [TOTPDevice.objects.create(user=staff.iro, name="Authenticator app", confirmed=True), 0]

    page = sign_in(browser, live_server, "ines", authenticators)
    page.goto(f"{live_server.url}/protection/conferences/{conference.pk}/hold/")
    expect(page.get_by_text(f"is on a child in need plan (from {cin_plan.started_on:%-d %B %Y})")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Attendance").fill("Mother, school, health visitor")
    page.get_by_label("The child's views").fill("Sky said she is scared when mum's partner drinks.")
    page.get_by_label("Child protection plan", exact=True).check()
    page.get_by_label("Neglect (NEG)").check()
    page.get_by_label("Reasons for the decision").fill("Drinking and violence at home; Sky frightened; plan needed.")
    page.get_by_role("button", name="Record conference").click()
    expect(page.get_by_text("a child protection plan started")).to_be_visible()
    assert_accessible(page)
    page.close()
    assert CinPlan.objects.get(pk=cin_plan.pk).ended_on == today - days(1)

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/worklist/")
    row = page.get_by_role("row").filter(has_text="Visit (child protection plan)")
    expect(row).to_contain_text("Sky Marlow")
    assert_accessible(page)
    row.get_by_role("link", name="Sky Marlow").click()
    expect(page.get_by_text("On a child protection plan since")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "Date of the visit", today)
    page.locator("#id_happened_0").check()  # "Yes": its group also holds the questions it reveals
    page.get_by_role("group", name="Where did the visit take place?").get_by_label("At the child's home").check()
    page.get_by_role("group", name="Was the child seen?", exact=True).get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_role("group", name="Did you see the child's bedroom?").get_by_label("Yes").check()
    page.get_by_label("The child's voice").fill("Showed me her room; said the shouting has stopped this week.")
    page.get_by_label("What you saw").fill("Calm home; her room tidy with her school things out.")
    page.get_by_label("What happens next").fill("Core group on Thursday; next visit within 10 working days.")
    page.get_by_role("button", name="Record the visit").click()
    expect(page.get_by_text("Visit recorded")).to_be_visible()
    expect(page.get_by_text("Next visit due")).to_contain_text("(child protection plan)")
    assert_accessible(page)
    page.close()
    assert Visit.objects.get().seen_alone
