"""The pages: start, review and end a plan; record a visit; the child's page; the plans table;
the worklist duties and chronology entries they feed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.cin.models import CinPlan
from hearth.records.chronology import chronology_for
from hearth.testing.cin_journeys import child_on_cin_plan, review, visit
from hearth.testing.journeys import authorised_assessment, new_child
from hearth.visits.models import Visit
from hearth.worklists.selectors import worklist_for_worker

D = datetime.date
pytestmark = pytest.mark.django_db


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def test_a_social_worker_starts_a_plan_from_the_page(staff, client_for):
    assessment = authorised_assessment(staff, new_child(staff, "Iris"), D(2025, 6, 2), D(2025, 6, 20))
    client = client_for(staff.social_worker.user)
    url = reverse("cin:start", args=[assessment.referral_id])
    page = client.post(url, date_fields("started_on", D(2025, 6, 23)) | {"aims": "", "agreed_with": "Mother"})
    assert page.status_code == 200 and "Enter the plan&#x27;s aims" in page.content.decode()
    page = client.post(
        url, date_fields("started_on", D(2025, 6, 19)) | {"aims": "Safe at home", "agreed_with": "Mother"}
    )
    assert "The plan cannot start before the assessment was authorised (20 June 2025)" in page.content.decode()
    assert not CinPlan.objects.exists()
    response = client.post(
        url, date_fields("started_on", D(2025, 6, 23)) | {"aims": "Safe at home", "agreed_with": "Mother"}
    )
    assert response.status_code == 302
    assert CinPlan.objects.get().started_on == D(2025, 6, 23)


def test_another_teams_social_worker_is_refused_and_nothing_is_written(staff, client_for):
    plan = child_on_cin_plan(staff, new_child(staff, "Jude"), D(2025, 6, 2))
    client = client_for(staff.other_social_worker.user)
    response = client.post(
        reverse("cin:review", args=[plan.pk]),
        {"version": 1, "attendees": "Mother", "decision": "CONTINUE"} | date_fields("reviewed_on", D(2025, 8, 1)),
    )
    assert response.status_code == 403
    response = client.post(
        reverse("visits:record", args=[plan.referral_id]),
        {"visitor": staff.other_social_worker.pk, "happened": "no", "not_possible_reason": "NOT_HOME"}
        | date_fields("visited_on", D(2025, 6, 9)),
    )
    assert response.status_code == 403
    assert plan.reviews.count() == 0 and not Visit.objects.exists()


def test_a_review_from_a_page_opened_before_someone_elses_review_is_refused(staff, client_for):
    plan = child_on_cin_plan(staff, new_child(staff, "Kit"), D(2025, 6, 2))
    client = client_for(staff.team_manager.user)
    page = client.get(reverse("cin:review", args=[plan.pk])).content.decode()
    assert "Keep the children safe at home" in page and 'name="version" value="1"' in page
    review(staff, plan, D(2025, 8, 28))  # meanwhile
    response = client.post(
        reverse("cin:review", args=[plan.pk]),
        {"version": 1, "attendees": "Mother", "decision": "CONTINUE"} | date_fields("reviewed_on", D(2025, 8, 29)),
    )
    assert "Someone else changed this plan while you had it open" in response.content.decode()
    assert plan.reviews.count() == 1


def test_the_plan_is_ended_from_its_page(staff, client_for):
    plan = child_on_cin_plan(staff, new_child(staff, "Lou"), D(2025, 6, 2))
    client = client_for(staff.social_worker.user)
    response = client.post(
        reverse("cin:end", args=[plan.pk]),
        {"version": 1, "reason": "NEEDS_MET"} | date_fields("ended_on", D(2025, 6, 1)),
    )
    assert "The plan cannot end before it started (2 June 2025)" in response.content.decode()
    response = client.post(
        reverse("cin:end", args=[plan.pk]),
        {"version": 1, "reason": "NEEDS_MET"} | date_fields("ended_on", D(2025, 9, 1)),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.ended_on == D(2025, 9, 1)


def test_recording_a_visit_from_the_page_and_the_child_page_shows_plan_and_last_visit(staff, client_for):
    plan = child_on_cin_plan(staff, new_child(staff, "Mae"), D(2025, 6, 2))
    client = client_for(staff.social_worker.user)
    url = reverse("visits:record", args=[plan.referral_id])
    bad = client.post(
        url,
        {"visitor": staff.social_worker.pk, "happened": "yes", "seen": "no", "seen_alone": "yes"}
        | date_fields("visited_on", D(2025, 6, 9)),
    )
    assert "A child who was not seen cannot have been seen alone" in bad.content.decode()
    ok = client.post(
        url,
        {
            "visitor": staff.social_worker.pk,
            "happened": "yes",
            "seen": "yes",
            "seen_alone": "yes",
            "child_voice": "Told me about her new rabbit, Biscuit.",
            "place": "HOME",
            "bedroom_seen": "yes",
            "observations": "Warm home; Mae relaxed with her mum.",
            "next_steps": "Next visit within 20 working days.",
        }
        | date_fields("visited_on", D(2025, 6, 9)),
    )
    assert ok.status_code == 302
    page = client.get(reverse("people:child_detail", args=[plan.child_id])).content.decode()
    assert "Child in need plan" in page and "Keep the children safe at home" in page
    assert "Last visit 9 June 2025 by Nina Tester: child seen alone." in page
    assert "Told me about her new rabbit, Biscuit." in page
    assert "Review overdue" in page  # started 2 Jun 2025, never reviewed


def test_the_visit_form_leaves_the_date_blank_and_offers_the_visitor_first(staff, client_for):
    plan = child_on_cin_plan(staff, new_child(staff, "Ned"), D(2025, 6, 2))
    page = client_for(staff.social_worker.user).get(reverse("visits:record", args=[plan.referral_id])).content.decode()
    assert 'name="visited_on_day" type="text" inputmode="numeric">' in page  # no value: never guessed
    assert f'<option value="{staff.social_worker.pk}" selected>' in page


def test_the_worklist_shows_the_review_and_the_visit_due(staff):
    plan = child_on_cin_plan(staff, new_child(staff, "Oli"), D(2025, 6, 2))
    visit(staff, plan.referral, D(2025, 6, 9))
    review(staff, plan, D(2025, 8, 28))
    items = {
        item.duty.split(" (")[0].split(":")[0]: item
        for item in worklist_for_worker(staff.social_worker, user=staff.social_worker.user)
    }
    # Review: 28 Aug 2025 + 3 months = 28 Nov 2025. Visit: seen 9 Jun 2025 + 20 WD = Mon 7 Jul 2025.
    assert items["Child in need plan review"].due == D(2025, 11, 28)
    assert items["Visit"].due == D(2025, 7, 7)
    assert items["Visit"].status(timezone.now()) == "overdue"
    assert "local standard" in items["Visit"].rule


def test_the_chronology_has_the_plan_its_reviews_its_end_and_the_visits(staff):
    plan = child_on_cin_plan(staff, new_child(staff, "Pip"), D(2025, 6, 2))
    visit(staff, plan.referral, D(2025, 6, 9), alone=True)
    visit(staff, plan.referral, D(2025, 6, 16), reason="HOSPITAL")
    review(staff, plan, D(2025, 8, 28), decision="END", end_reason="NEEDS_MET")
    titles = [(entry.day, entry.title) for entry in chronology_for(plan.child, kinds={"cin_plan", "visit"})]
    assert sorted(titles, reverse=True) == titles  # newest first
    assert set(titles) == {
        (D(2025, 8, 28), "Child in need plan reviewed: the plan ends"),
        (D(2025, 8, 28), "Child in need plan ended: child's needs met: no longer a child in need"),
        (D(2025, 6, 16), "Visit: could not happen: Child in hospital"),
        (D(2025, 6, 9), "Visit: child seen alone"),
        (D(2025, 6, 2), "Child in need plan started"),
    }


def test_the_plans_table_shows_unrecorded_plan_types_as_such_not_as_zero(staff, client_for):
    child_on_cin_plan(staff, new_child(staff, "Quin"), D(2025, 6, 2))
    page = (
        client_for(staff.director)
        .get(reverse("cin:up_to_date_plans"), date_fields("as_of", D(2025, 7, 31)))
        .content.decode()
    )
    # Every plan type is recorded now (L02 looked after, C01 pathway plans): none shows as unrecorded.
    assert "Not yet recorded in Hearth" not in page
    assert "N02 Children on child protection plans with an up-to-date plan" in page
    assert "L02 Looked-after children with an up-to-date care plan" in page
    assert "C01 Care leavers with an up-to-date pathway plan" in page
    assert "100.0%" in page and "1 of 1 children" in page
    assert "Quin" not in page


def test_the_drill_downs_list_the_children_behind_n01_v01_and_v02(staff, client_for):
    plan = child_on_cin_plan(staff, new_child(staff, "Rue", "Drilldown"), D(2025, 6, 2))
    visit(staff, plan.referral, D(2025, 6, 9), reason="REFUSED")
    client = client_for(staff.performance_officer)
    for indicator_id in ("N01", "V01", "V02"):
        page = client.get(reverse("performance:drilldown", args=[indicator_id]), date_fields("as_of", D(2025, 6, 30)))
        assert page.status_code == 200 and "Rue Drilldown" in page.content.decode(), indicator_id
    v02 = client.get(reverse("performance:drilldown", args=["V02"]), date_fields("as_of", D(2025, 6, 30)))
    assert "Visit could not happen: Family refused access" in v02.content.decode()


def test_the_review_page_asks_for_the_reasons_and_shows_them(staff, client_for):
    plan = child_on_cin_plan(staff, new_child(staff, "Mo"), D(2025, 6, 2))
    client = client_for(staff.social_worker.user)
    url = reverse("cin:review", args=[plan.pk])
    fields = {"version": 1, "attendees": "Mother; school", "decision": "CONTINUE"} | date_fields(
        "reviewed_on", D(2025, 8, 28)
    )
    refused = client.post(url, fields).content.decode()
    assert "Enter the reasons for the review&#x27;s decision" in refused
    assert plan.reviews.count() == 0
    response = client.post(url, fields | {"decision_reasons": "Attendance up; routines holding."})
    assert response.status_code == 302
    assert plan.reviews.get().decision_reasons == "Attendance up; routines holding."
    page = client.get(url).content.decode()
    assert "Reasons for the decision" in page and "Attendance up; routines holding." in page
    plan.reviews.update(decision_reasons="")  # a review recorded before the reasons were kept
    assert "Not recorded in Hearth (reviewed before the reasons were kept here)" in client.get(url).content.decode()


def test_the_chronology_page_and_its_pdf_carry_a_reviews_reasons(staff, client_for):
    """The PDF is rendered from the chronology's own list template (hearth/records/pdf.py)."""
    plan = child_on_cin_plan(staff, new_child(staff, "Nell"), D(2025, 6, 2))
    review(staff, plan, D(2025, 8, 28), decision_reasons="Nell's attendance is up; mum is sleeping better.")
    client = client_for(staff.social_worker.user)
    page = client.get(reverse("records:chronology", args=[plan.child_id]), {"kinds": ["cin_plan"]}).content.decode()
    assert "Reasons for the decision: Nell&#x27;s attendance is up; mum is sleeping better." in page
    pdf = client.get(reverse("records:chronology_pdf", args=[plan.child_id]), {"kinds": ["cin_plan"]})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
