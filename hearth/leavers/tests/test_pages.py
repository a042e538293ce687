"""The care leavers' pages: the list, a care leaver's page, recording a contact and a plan review,
and the worklist duties they put on the worker's list."""

import datetime

from django.urls import reverse
from django.utils import timezone

from hearth.cin.plan_types import up_to_date_by_plan_type
from hearth.leavers.models import CareLeaverContact, PathwayPlanReview
from hearth.testing.care_leaver_journeys import care_leaver, pathway_review
from hearth.worklists.selectors import worklist_for_worker

D = datetime.date


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def _former_relevant(staff):
    # 19 or 20 whenever the tests run (born 2007): former relevant, left care at 18.
    today = timezone.localdate()
    born = D(today.year - 19, 1, 15)
    return care_leaver(staff, "Wren", "Hollybush", born, D(born.year + 15, 1, 10), D(born.year + 18, 1, 15))


def test_the_care_leavers_list_and_page_show_status_adviser_and_what_is_due(staff, client_for):
    wren = _former_relevant(staff)
    pathway_review(staff, wren, timezone.localdate() - datetime.timedelta(days=30), adviser="Robin Adviser")
    client = client_for(staff.social_worker.user)
    listing = client.get(reverse("leavers:leaver_list")).content.decode()
    assert "Wren Hollybush" in listing and "Former relevant" in listing and "Robin Adviser" in listing
    page = client.get(reverse("leavers:leaver", args=[wren.pk])).content.decode()
    assert "Former relevant" in page and "Up to date" in page and "Next personal adviser contact" in page
    assert client_for(staff.other_social_worker.user).get(reverse("leavers:leaver", args=[wren.pk])).status_code == 403


def test_recording_a_contact_and_an_error_shown_on_its_field(staff, client_for):
    wren = _former_relevant(staff)
    client = client_for(staff.social_worker.user)
    url = reverse("leavers:leaver_contact", args=[wren.pk])
    today = timezone.localdate()
    bad = {**date_fields("contacted_on", today), "method": "PHONE", "in_touch": "NO", "activity": "F4"}
    bad |= {"accommodation": "U", "accommodation_suitable": "yes"}
    page = client.post(url, bad).content.decode()
    assert "When the young person is not in touch, their activity is" in page
    assert "govuk-error-summary" in page and not CareLeaverContact.objects.exists()
    good = {**bad, "in_touch": "YES"}
    response = client.post(url, good)
    assert response.status_code == 302 and response.url == reverse("leavers:leaver", args=[wren.pk])
    recorded = CareLeaverContact.objects.get()
    assert (recorded.activity, recorded.accommodation, recorded.accommodation_suitable) == ("F4", "U", True)


def test_recording_for_someone_not_owed_a_plan_says_why(staff, client_for):
    today = timezone.localdate()
    younger = care_leaver(staff, "Sol", "Hollybush", D(today.year - 15, 1, 1), D(today.year - 1, 1, 1), None)
    client = client_for(staff.social_worker.user)
    page = client.post(
        reverse("leavers:pathway_plan_review", args=[younger.pk]),
        {**date_fields("reviewed_on", today), "personal_adviser": "Robin", "summary": "Plan"},
    ).content.decode()
    assert "was not eligible, relevant or former relevant on" in page and "under 16" in page
    assert not PathwayPlanReview.objects.exists()


def test_the_worklist_has_the_pathway_plan_and_pa_contact_duties(staff):
    wren = _former_relevant(staff)
    items = [
        i for i in worklist_for_worker(staff.social_worker, user=staff.social_worker.user) if i.child_id == wren.pk
    ]
    # (the journey's case has no assessment, so the assessment duty is there too)
    ours = [item for item in items if item.url == reverse("leavers:leaver", args=[wren.pk])]
    duties = {item.duty for item in ours}
    assert {"Pathway plan: none recorded", "Personal adviser contact"} < duties
    # No contact yet, so the contact around her latest birthday whose window has opened (her 19th, or her
    # 20th from 3 months before it) is owed too, due a month after the birthday (T29B).
    (birthday,) = [item for item in ours if item.duty.startswith("Contact around their ")]
    assert duties == {"Pathway plan: none recorded", "Personal adviser contact", birthday.duty}
    assert "birthday (15 Jan " in birthday.duty and birthday.started.month == 1
    assert birthday.due == D(birthday.started.year, 2, 15) and "SSDA903 guide (OC3)" in birthday.rule


def test_pathway_plans_are_a_line_on_the_up_to_date_plans_page(staff):
    wren = _former_relevant(staff)
    today = timezone.localdate()
    pathway_review(staff, wren, today - datetime.timedelta(days=10))
    line = {line.plan_type.name: line for line in up_to_date_by_plan_type(today)}["Pathway plans"]
    assert line.recorded and line.indicator.id == "C01" and (line.numerator, line.denominator) == (1, 1)


def test_contacts_and_reviews_are_in_the_chronology_and_the_plan_in_the_summary(staff):
    from hearth.records.chronology import chronology_for
    from hearth.records.selectors import open_plans
    from hearth.testing.care_leaver_journeys import contact

    wren = _former_relevant(staff)
    assert [plan.title for plan in open_plans(wren)] == ["Pathway plan due (former relevant, none recorded)"]
    day = timezone.localdate() - datetime.timedelta(days=5)
    pathway_review(staff, wren, day, adviser="Robin Adviser")
    contact(staff, wren, day, activity="F4", accommodation="U", suitable=True)
    titles = {entry.title for entry in chronology_for(wren, kinds={"pathway_plan", "care_leaver_contact"})}
    assert titles == {
        "Pathway plan reviewed (personal adviser Robin Adviser)",
        "Care leaver contact: seen in person, in touch",
    }
    assert [plan.title for plan in open_plans(wren)] == ["Pathway plan (former relevant)"]


def test_the_care_leavers_list_reads_the_same_number_of_queries_for_one_young_person_or_four(staff, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff.social_worker.user)

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            listing = client.get(reverse("leavers:leaver_list")).content.decode()
        return len(captured), listing

    today = timezone.localdate()
    born = D(today.year - 19, 2, 1)
    first = care_leaver(staff, "Gus", "Alder", born, D(born.year + 15, 1, 10), D(born.year + 18, 2, 1))
    pathway_review(staff, first, today - datetime.timedelta(days=30), adviser="Robin Adviser")
    with_one, _ = queries()
    for name in ("Hal", "Ivy", "Jon"):
        other = care_leaver(staff, name, "Alder", born, D(born.year + 15, 1, 10), D(born.year + 18, 2, 1))
        pathway_review(staff, other, today - datetime.timedelta(days=40), adviser="Sam Adviser")
    with_four, listing = queries()
    assert all(f"{name} Alder" in listing for name in ("Gus", "Hal", "Ivy", "Jon"))
    assert with_four == with_one


def test_care_leavers_can_be_asked_about_a_date_in_the_calendars_first_years(staff):
    # The indicators API takes any date (the fuzzer found year 15 raised "year -6 is out of range").
    from hearth.leavers.selectors import care_leavers_on

    _former_relevant(staff)
    assert care_leavers_on(D(15, 6, 1)) == []
    assert care_leavers_on(D(1, 1, 1)) == []
