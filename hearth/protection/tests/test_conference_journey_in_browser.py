"""The conference journey in a real browser, with the accessibility check on every page: the social
worker records a strategy discussion that starts a section 47 enquiry, its outcome and the booking
of the initial conference; the chair (an IRO) records the conference, which starts the plan, and
completes the quality checklist."""

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hearth.protection.models import ProtectionPlan
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import allocated_case, at, new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_strategy_discussion_to_section_47_to_conference_to_plan(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    referral = allocated_case(
        staff, new_child(staff, "Robin", "Featherstone"), at(today - datetime.timedelta(days=10), 9)
    )
    authenticators["ines"] = [TOTPDevice.objects.create(user=staff.iro, name="Authenticator app", confirmed=True), 0]
    child_page = f"{live_server.url}/children/{referral.child_id}/"

    # The social worker records the strategy discussion: a section 47 enquiry starts.
    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(child_page)
    assert_accessible(page)
    page.get_by_role("link", name="Record a strategy discussion").click()
    expect(page.get_by_role("heading", name="Record a strategy discussion")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Record strategy discussion").click()  # nothing filled in: errors
    expect(page.get_by_role("alert").get_by_text("Choose whether a section 47 enquiry starts")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "Date of the strategy discussion", today - datetime.timedelta(days=9))
    page.get_by_label("Police").check()
    page.get_by_label("Health").check()
    page.get_by_label("Who took part").fill("Nina Tester (social worker); DC Rees (police); Dr Hale (paediatrician)")
    page.get_by_label("Start a section 47 enquiry").check()
    page.get_by_label("Reasons and actions agreed").fill("Unexplained injuries: joint enquiry with the police.")
    page.get_by_role("button", name="Record strategy discussion").click()
    expect(page.get_by_text("Strategy discussion recorded")).to_be_visible()
    assert_accessible(page)

    # The enquiry concludes that a conference is needed; the social worker books it with the chair.
    page.get_by_role("link", name="Record the outcome").click()
    assert_accessible(page)
    page.get_by_label("Concerns substantiated: initial child protection conference needed").check()
    fill_date(page, "Date of the outcome", today - datetime.timedelta(days=3))
    page.get_by_role("button", name="Record outcome").click()
    expect(page.get_by_text("Outcome of the section 47 enquiry recorded")).to_be_visible()
    page.get_by_role("link", name="Book the conference").click()
    assert_accessible(page)
    fill_date(page, "Date of the conference", today - datetime.timedelta(days=1))
    page.get_by_label("Chair").select_option(label="Ines Tester")
    page.get_by_role("button", name="Book conference").click()
    expect(page.get_by_text("Initial child protection conference booked")).to_be_visible()
    page.close()

    # The chair records the conference: a plan for neglect starts on the conference's date.
    page = sign_in(browser, live_server, "ines", authenticators)
    page.goto(child_page)
    assert_accessible(page)
    page.get_by_role("link", name="Booked for").click()
    assert_accessible(page)
    page.get_by_role("link", name="Record the conference").click()
    assert_accessible(page)
    page.get_by_label("Attendance").fill("Mother, school, health visitor, police")
    page.get_by_label("The child's views").fill("Robin said he wants his dad to stop hitting him.")
    page.get_by_label("Child protection plan", exact=True).check()
    page.get_by_role("button", name="Record conference").click()  # no category, no reasons: refused
    expect(page.get_by_role("alert").get_by_text("Choose a category of abuse from the list")).to_be_visible()
    expect(page.get_by_role("alert").get_by_text("Enter the reasons for the conference's decision")).to_be_visible()
    assert_accessible(page)
    assert not ProtectionPlan.objects.exists()
    page.get_by_label("Physical abuse (PHY)").check()
    page.get_by_label("Reasons for the decision").fill("Robin's injuries and account; father denies; risk of harm.")
    page.get_by_role("button", name="Record conference").click()
    expect(page.get_by_text("Initial conference recorded")).to_be_visible()
    expect(
        page.get_by_role("heading", name=f"Child protection plan since {today - datetime.timedelta(days=1):%-d %B %Y}")
    ).to_be_visible()
    assert_accessible(page)
    assert ProtectionPlan.objects.get().started_on == today - datetime.timedelta(days=1)
    assert ProtectionPlan.objects.get().initial_conference.decision_reasons.startswith("Robin's injuries")

    # The chair completes the quality checklist for the conference.
    page.get_by_role("link", name="Initial conference").click()
    page.get_by_role("link", name="Complete the quality checklist").click()
    assert_accessible(page)
    for group in page.get_by_role("group").all():
        group.get_by_label("Yes").check()
    page.get_by_role("button", name="Complete checklist").click()
    expect(page.get_by_text("Quality checklist completed")).to_be_visible()
    assert_accessible(page)
    page.close()
