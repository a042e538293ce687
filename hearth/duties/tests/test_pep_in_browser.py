"""A social worker records a personal education plan in a real browser, with the accessibility check
on each page: the first PEP due on the child's page, the link to the PEPs page, a plan without its
designated teacher or the virtual school's part refused first (nothing written), then the plan, shown
on the child's page and in the chronology; then its correction (a stale one refused)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.duties.models import PersonalEducationPlan
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import looked_after_child, new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_social_worker_records_a_personal_education_plan(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    period = looked_after_child(
        staff,
        new_child(staff, "Rowan", "Ashby", datetime.date(today.year - 10, 1, 1)),
        today - datetime.timedelta(days=10),
    )

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/children/{period.child_id}/")
    expect(page.get_by_text("First personal education plan").first).to_be_visible()
    page.get_by_role("link", name="Personal education plans").click()
    expect(page.get_by_role("heading", name="Personal education plans", exact=True)).to_be_visible()
    expect(page.get_by_text("No personal education plan recorded yet.")).to_be_visible()
    assert_accessible(page)

    fill_date(page, "Date of the PEP meeting", yesterday)
    page.get_by_label("School", exact=True).fill("Brightwater Primary School")
    page.get_by_label("Targets and support").fill("Reading at the expected level by the summer.")
    page.get_by_role("button", name="Record the plan").click()
    expect(page.get_by_role("link", name="Enter the name of the school's designated teacher")).to_be_visible()
    expect(page.get_by_role("link", name="Choose how the virtual school took part")).to_be_visible()
    assert_accessible(page)
    assert not PersonalEducationPlan.objects.exists()

    page.get_by_label("The school's designated teacher").fill("Mrs Fernhill")
    page.get_by_label("The virtual school attended the PEP meeting").check()
    page.get_by_role("button", name="Record the plan").click()
    expect(page.get_by_text("Personal education plan recorded")).to_be_visible()
    expect(
        page.get_by_text(f"Latest personal education plan: {yesterday:%-d %B %Y} at Brightwater Primary School")
    ).to_be_visible()
    assert_accessible(page)
    pep = PersonalEducationPlan.objects.get()
    assert (pep.designated_teacher, pep.virtual_school) == ("Mrs Fernhill", "ATTENDED")

    page.goto(f"{live_server.url}/records/child/{period.child_id}/chronology/")
    expect(page.get_by_text("Personal education plan agreed at Brightwater Primary School")).to_be_visible()
    assert_accessible(page)

    # Recorded wrongly: the designated teacher was Mr Ashby. Corrected from the PEPs page.
    page.goto(f"{live_server.url}/care/periods/{period.pk}/peps/new/")
    page.get_by_role("link", name=f"Correct the plan of {yesterday:%-d %b %Y}").click()
    expect(page.get_by_role("heading", name="Correct a personal education plan")).to_be_visible()
    expect(page.get_by_label("The school's designated teacher")).to_have_value("Mrs Fernhill")
    assert_accessible(page)
    page.get_by_label("The school's designated teacher").fill("Mr Ashby")
    PersonalEducationPlan.objects.filter(pk=pep.pk).update(version=2)  # someone else corrected it meanwhile
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("Someone else changed this while you had the page open")).to_be_visible()
    assert_accessible(page)
    assert PersonalEducationPlan.objects.get().designated_teacher == "Mrs Fernhill"
    page.close()
