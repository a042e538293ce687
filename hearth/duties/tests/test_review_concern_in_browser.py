"""An independent reviewing officer challenges a looked-after review they chaired, in a real browser,
with the accessibility check on each page: the review's page from the period's reviews, the quality
checklist, a concern refused without its text (nothing written), then raised at the informal stage and
escalated to stage 1; the social worker sees it on their worklist until it is resolved."""

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hearth.duties.models import ReviewChecklist
from hearth.iro.services import iro_appoint
from hearth.protection.models import Escalation
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.care_duty_journeys import review
from hearth.testing.journeys import looked_after_child, new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_iro_raises_a_concern_from_a_review_and_escalates_it(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    started = today - datetime.timedelta(days=30)
    period = looked_after_child(staff, new_child(staff, "Briar", "Holloway"), started)
    iro_appoint(
        actor=staff.team_manager.user, period_id=period.pk, iro_id=staff.iro.pk, started_on=started, current_id=0
    )
    held = review(staff, period, today - datetime.timedelta(days=2))

    authenticators["ines"] = [TOTPDevice.objects.create(user=staff.iro, name="Authenticator app", confirmed=True), 0]
    page = sign_in(browser, live_server, "ines", authenticators)
    page.goto(f"{live_server.url}/care/periods/{period.pk}/reviews/new/")
    page.get_by_role("link", name=f"{held.held_on:%-d %b %Y}").click()
    expect(page.get_by_role("heading", name=f"Looked-after review, {held.held_on:%-d %B %Y}")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Complete the quality checklist").click()
    assert_accessible(page)
    fill_date(page, "Date completed", today)
    for group in page.get_by_role("group").all():
        if group.get_by_label("Yes", exact=True).count():
            group.get_by_label("Yes", exact=True).check()
    page.get_by_role(
        "group", name="Was an up-to-date care plan, with a plan for permanence, before the review?"
    ).get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Complete checklist").click()
    expect(page.get_by_text("Quality checklist completed")).to_be_visible()
    assert_accessible(page)
    assert ReviewChecklist.objects.get().answers["care_plan_current"] is False

    page.get_by_role("link", name="Raise a concern").click()
    expect(page.get_by_role("heading", name="Raise a concern from the review")).to_be_visible()
    page.get_by_label("Who the concern is with").fill("Tomas Tester, team manager")
    page.get_by_role("button", name="Raise concern").click()
    expect(page.get_by_role("link", name="Enter the concern")).to_be_visible()
    assert_accessible(page)
    assert not Escalation.objects.exists()
    page.get_by_label("The concern", exact=True).fill("No plan for permanence at the second review")
    page.get_by_role("button", name="Raise concern").click()
    expect(page.get_by_text("Concern raised at the informal stage")).to_be_visible()
    expect(page.get_by_role("cell", name="Tomas Tester, team manager")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Resolve or escalate the informal concern").click()
    assert_accessible(page)
    fill_date(page, "Date", today)
    page.get_by_label("Escalated to the next stage").check()
    page.get_by_label("What was agreed, or why it is escalated").fill("No reply within 5 working days")
    page.get_by_label("If escalated: who it is now with").fill("Serena Tester, service manager")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Concern escalated: now at stage 1")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Looked-after review, {held.held_on:%-d %B %Y}")).to_be_visible()
    expect(page.get_by_role("cell", name="Stage 1", exact=True)).to_be_visible()
    assert_accessible(page)
    page.close()

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/worklist/")
    row = page.get_by_role("row").filter(has_text="Reviewing officer's concern (looked-after review")
    expect(row).to_contain_text("stage 1 with Serena Tester, service manager")
    assert_accessible(page)
    page.close()
    escalation = Escalation.objects.get()
    assert [step.stage for step in escalation.steps.order_by("opened_on", "pk")] == ["INFORMAL", "STAGE_1"]
