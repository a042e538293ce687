"""A quality officer records a case audit with an action in a real browser (a mistake first: a case
graded requires improvement with no action), and the worker who holds the case finds the action
on their worklist and records it done; axe checks every page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.quality.models import AuditAction, CaseAudit
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import allocated_case, at, new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_quality_officer_audits_a_case_and_the_worker_acts_on_it(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    referral = allocated_case(staff, new_child(staff, "Juniper", "Hale"), at(today - datetime.timedelta(days=20), 10))

    page = sign_in(browser, live_server, "pat", authenticators)
    page.goto(f"{live_server.url}/children/{referral.child_id}/")
    expect(page.get_by_role("heading", name="Case audits", exact=True)).to_be_visible()
    page.get_by_role("link", name="Record a case audit").click()
    expect(page.get_by_role("heading", name="Record a case audit")).to_be_visible()
    assert_accessible(page)

    fill_date(page, "Date of the audit", today)
    page.get_by_role("group", name="Grade", exact=True).get_by_label("Requires improvement").check()
    page.get_by_label("What is done well").fill("Visits on time; Juniper seen alone at school.")
    page.get_by_label("What must improve").fill("The plan has no dates; Juniper's wishes are not in her words.")
    page.get_by_role("group", name="Is the child's voice evident in the record?").get_by_label("No").check()
    page.get_by_role("button", name="Record the audit").click()
    expect(
        page.get_by_role("link", name="A case graded requires improvement needs at least one action")
    ).to_be_visible()
    assert_accessible(page)
    assert not CaseAudit.objects.exists()

    page.get_by_label("Action 1: what must be done").fill("Record Juniper's wishes in her own words")
    page.get_by_label("Action 1: who it is for").select_option(label="Nina Tester (Social worker)")
    fill_date(page, "Action 1: due by", today + datetime.timedelta(days=14))
    page.get_by_role("button", name="Record the audit").click()
    expect(page.get_by_text("Case audit recorded")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Case audit, {today:%-d %B %Y}")).to_be_visible()
    assert_accessible(page)
    page.close()

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/worklist/")
    row = page.get_by_role("row").filter(has_text="for Nina Tester: Record Juniper's wishes in her own words")
    expect(row).to_be_visible()
    assert_accessible(page)
    row.get_by_role("link", name="Juniper Hale").click()
    expect(page.get_by_role("heading", name=f"Case audit, {today:%-d %B %Y}")).to_be_visible()
    page.get_by_role("link", name="Record it done").click()
    assert_accessible(page)
    fill_date(page, "Date the action was completed", today)
    page.get_by_label("What was done").fill("Saw Juniper at school; her words are in the plan")
    page.get_by_role("button", name="Record it done").click()
    expect(page.get_by_text("Audit action completed")).to_be_visible()
    assert_accessible(page)
    page.close()
    action = AuditAction.objects.get()
    assert action.completed_on == today and action.completed_by == staff.social_worker.user
