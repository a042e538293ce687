"""The child protection pages: who may use them, what they write, what they show."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse

from hearth.protection.models import Conference, EscalationStep, ProtectionPlan, Section47Enquiry, StrategyDiscussion
from hearth.protection.services import ERROR_CATEGORY, ERROR_END_ON_START
from hearth.records.chronology import chronology_for
from hearth.testing.journeys import allocated_case, at, new_child
from hearth.testing.protection_journeys import child_on_plan, strategy_to_s47
from hearth.worklists.selectors import worklist_for_child

D = datetime.date


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


@pytest.fixture
def case(staff):
    return allocated_case(staff, new_child(staff, "Page", "Protectee"), at(D(2025, 4, 28), 9))


def test_the_social_worker_records_a_strategy_discussion_starting_a_s47(staff, case, client_for):
    client = client_for(staff.social_worker.user)
    url = reverse("protection:strategy_discussion", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            **date_fields("held_on", D(2025, 5, 1)),
            "agencies": ["social_care", "police", "health"],
            "participants": "Nina (SW), DC Rees, Dr Hale",
            "decision": "S47",
            "reasons": "Disclosure of physical harm",
        },
    )
    assert response.status_code == 302
    discussion = StrategyDiscussion.objects.get()
    assert (discussion.police, discussion.health, discussion.education) == (True, True, False)
    assert discussion.section47.started_on == D(2025, 5, 1)
    page = client.get(reverse("people:child_detail", args=[case.child_id])).content.decode()
    assert "Section 47 enquiries and initial conferences" in page and "Record the outcome" in page


def test_a_strategy_discussion_without_a_second_agency_shows_the_error_on_the_agencies(staff, case, client_for):
    client = client_for(staff.social_worker.user)
    response = client.post(
        reverse("protection:strategy_discussion", args=[case.pk]),
        {
            **date_fields("held_on", D(2025, 5, 1)),
            "agencies": ["social_care"],
            "participants": "x",
            "decision": "S47",
            "reasons": "y",
        },
    )
    assert response.status_code == 200
    assert "at least one other agency" in response.content.decode()
    assert not StrategyDiscussion.objects.exists()


def test_another_teams_social_worker_and_a_councillor_are_refused(staff, case, client_for):
    for user in (staff.other_social_worker.user, staff.councillor, staff.iro):
        client = client_for(user)
        assert client.get(reverse("protection:strategy_discussion", args=[case.pk])).status_code == 403


def test_the_chair_holds_the_icpc_and_the_plan_shows_on_the_childs_page(staff, case, client_for):
    enquiry = strategy_to_s47(staff, case, D(2025, 5, 1))
    sw = client_for(staff.social_worker.user)
    sw.post(
        reverse("protection:section47_outcome", args=[enquiry.pk]),
        {"outcome": "ICPC", **date_fields("outcome_on", D(2025, 5, 12)), "version": 1},
    )
    response = sw.post(
        reverse("protection:conference_book", args=[enquiry.pk]),
        {**date_fields("booked_for", D(2025, 5, 20)), "chair": staff.iro.pk},
    )
    assert response.status_code == 302
    conference = Conference.objects.get()
    # The social worker cannot record the conference; the chair, who now sees the child, can.
    assert sw.get(reverse("protection:conference_hold", args=[conference.pk])).status_code == 403
    chair = client_for(staff.iro)
    hold_url = reverse("protection:conference_hold", args=[conference.pk])
    fields = {
        **date_fields("held_on", D(2025, 5, 20)),
        "attendance": "Mother, school",
        "child_views": "Wants things to be calmer",
        "decision": "PLAN",
        "decision_reasons": "Neglect persists; parents not yet engaging.",
        "version": conference.version,
    }
    refused = chair.post(hold_url, {**fields, "category": "ABC"})
    assert "Choose a category of abuse from the list" in refused.content.decode()
    refused = chair.post(hold_url, fields)
    assert ERROR_CATEGORY in refused.content.decode()
    assert chair.post(hold_url, {**fields, "category": "NEG"}).status_code == 302
    plan = ProtectionPlan.objects.get()
    assert plan.started_on == D(2025, 5, 20)
    page = chair.get(reverse("people:child_detail", args=[case.child_id])).content.decode()
    assert "Child protection plan since 20 May 2025" in page and "First core group meeting" in page


@pytest.fixture
def plan(staff):
    return child_on_plan(staff, new_child(staff, "Plan", "Holder"), D(2025, 5, 1), D(2025, 5, 20))


def test_ending_a_plan_on_its_start_day_is_refused_on_the_page(staff, plan, client_for):
    client = client_for(staff.team_manager.user)
    response = client.post(
        reverse("protection:plan_end", args=[plan.pk]),
        {**date_fields("ended_on", D(2025, 5, 20)), "reason": "NO_RISK", "version": plan.version},
    )
    assert ERROR_END_ON_START.format(date="20 May 2025") in response.content.decode()
    plan.refresh_from_db()
    assert plan.is_open


def test_a_stale_page_cannot_end_a_plan_someone_changed(staff, plan, client_for):
    client = client_for(staff.team_manager.user)
    response = client.post(
        reverse("protection:plan_end", args=[plan.pk]),
        {**date_fields("ended_on", D(2025, 9, 1)), "reason": "NO_RISK", "version": plan.version - 1 or 99},
    )
    assert "Someone else changed this record" in response.content.decode()


def test_social_worker_records_a_core_group_and_the_manager_a_review(staff, plan, client_for):
    sw = client_for(staff.social_worker.user)
    response = sw.post(
        reverse("protection:core_group", args=[plan.pk]),
        {**date_fields("held_on", D(2025, 6, 2)), "attendance": "Mother, school", "summary": "On track"},
    )
    assert response.status_code == 302 and plan.core_groups.count() == 1
    assert sw.get(reverse("protection:review_conference", args=[plan.pk])).status_code == 403
    manager = client_for(staff.team_manager.user)
    response = manager.post(
        reverse("protection:review_conference", args=[plan.pk]),
        {
            **date_fields("held_on", D(2025, 8, 18)),
            "chair": staff.iro.pk,
            "attendance": "All",
            "child_views": "Better",
            "decision": "CONTINUE",
            "decision_reasons": "Progress, but the core group's actions are not complete.",
            "category": "EMO",
            "version": plan.version,
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.latest_category == "EMO"


def test_the_chair_completes_the_checklist_and_escalates_a_concern(staff, plan, client_for):
    conference = plan.initial_conference
    assert (
        client_for(staff.team_manager.user).get(reverse("protection:checklist", args=[conference.pk])).status_code
        == 403
    )
    chair = client_for(staff.iro)
    from hearth.protection.checklist import questions

    answers = {key: "yes" for key, _ in questions()}
    assert (
        chair.post(reverse("protection:checklist", args=[conference.pk]), {**answers, "plan_smart": "no"}).status_code
        == 302
    )
    assert conference.checklist.answers["plan_smart"] is False
    response = chair.post(
        reverse("protection:escalation_raise", args=[conference.pk]),
        {**date_fields("raised_on", D(2025, 5, 21)), "concern": "Plan not SMART", "with_whom": "Tomas, team manager"},
    )
    assert response.status_code == 302
    step = EscalationStep.objects.get()
    response = chair.post(
        reverse("protection:escalation_step", args=[step.pk]),
        {
            **date_fields("closed_on", D(2025, 5, 28)),
            "outcome": "ESCALATED",
            "outcome_detail": "No revised plan",
            "next_with_whom": "Serena, service manager",
            "version": step.version,
        },
    )
    assert response.status_code == 302
    assert list(EscalationStep.objects.values_list("stage", flat=True)) == ["INFORMAL", "STAGE_1"]
    page = chair.get(reverse("protection:conference_detail", args=[conference.pk])).content.decode()
    assert "Plan not SMART" in page and "Stage 1" in page and "questions version 2026-1" in page
    child_page = chair.get(reverse("people:child_detail", args=[plan.child_id])).content.decode()
    assert "Independent reviewing officer's concerns" in child_page


def test_the_worklist_shows_the_icpc_then_the_plans_duties_from_the_rules(staff, case):
    enquiry = strategy_to_s47(staff, case, D(2025, 5, 1))
    items = worklist_for_child(case.child, user=staff.social_worker.user)
    icpc = next(i for i in items if i.duty.startswith("Initial child protection conference"))
    assert icpc.due == D(2025, 5, 23) and "15 working days" in icpc.rule
    from hearth.testing.protection_journeys import icpc as hold_icpc

    hold_icpc(staff, enquiry, D(2025, 5, 23))
    duties = {i.duty: i.due for i in worklist_for_child(case.child, user=staff.social_worker.user)}
    assert duties["First core group meeting (child protection plan)"] == D(2025, 6, 9)
    assert duties["First review child protection conference (child protection plan)"] == D(2025, 8, 23)
    assert not any(d.startswith("Initial child protection conference") for d in duties)


def test_the_chronology_lists_the_protection_facts(staff, plan):
    titles = [
        entry.title
        for entry in chronology_for(plan.child, kinds={"strategy discussion", "conference", "child protection plan"})
    ]
    assert "Child protection plan started: neglect" in titles
    assert "Initial child protection conference: child protection plan (neglect)" in titles
    assert "Strategy discussion: start a section 47 enquiry" in titles


def test_no_enquiry_no_conference_booking_page(staff, case, client_for):
    assert not Section47Enquiry.objects.exists()
    client = client_for(staff.social_worker.user)
    assert client.get(reverse("protection:conference_book", args=[999999])).status_code == 404


def test_an_iro_who_chairs_none_of_the_childs_conferences_cannot_see_or_record_them(staff, plan, client_for):
    from hearth.core.roles import Role
    from hearth.workforce.services import user_create

    other_iro = user_create(
        actor=None,
        username="otto",
        first_name="Otto",
        last_name="Chair",
        email="otto@example.org",
        password="x-unused-x",
        role=Role.IRO,
    )
    client = client_for(other_iro)
    assert client.get(reverse("people:child_detail", args=[plan.child_id])).status_code == 403
    for name, pk in (
        ("protection:review_conference", plan.pk),
        ("protection:plan_end", plan.pk),
        ("protection:checklist", plan.initial_conference_id),
        ("protection:conference_detail", plan.initial_conference_id),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 403, name
    # The chair of the child's conference can.
    chair = client_for(staff.iro)
    assert chair.get(reverse("protection:review_conference", args=[plan.pk])).status_code == 200


def test_the_conference_page_warns_of_the_cin_plan_and_says_it_ended(staff, client_for):
    from hearth.protection.services import conference_book_initial, section47_conclude
    from hearth.testing.cin_journeys import child_on_cin_plan

    cin_plan = child_on_cin_plan(staff, new_child(staff, "Cina", "Protectee"), D(2025, 6, 2))
    enquiry = strategy_to_s47(staff, cin_plan.referral, D(2025, 9, 1))
    section47_conclude(actor=staff.social_worker.user, enquiry_id=enquiry.pk, outcome="ICPC", outcome_on=D(2025, 9, 5))
    conference = conference_book_initial(
        actor=staff.social_worker.user, enquiry_id=enquiry.pk, booked_for=D(2025, 9, 12), chair=staff.iro
    )
    chair = client_for(staff.iro)
    hold_url = reverse("protection:conference_hold", args=[conference.pk])
    form_page = chair.get(hold_url).content.decode()
    assert "is on a child in need plan (from 2 June 2025)" in form_page
    assert "the child in need plan ends on the date the conference sat" in form_page
    done = chair.post(
        hold_url,
        {
            **date_fields("held_on", D(2025, 9, 12)),
            "attendance": "Mother, school",
            "child_views": "Wants things to be calmer",
            "decision": "PLAN",
            "decision_reasons": "Neglect persists; parents not yet engaging.",
            "category": "NEG",
            "version": conference.version,
        },
        follow=True,
    ).content.decode()
    assert (
        "Initial conference recorded. The child in need plan from 2 June 2025 ended on 12 September 2025: "
        "a child protection plan started" in done
    )


def test_the_manager_books_a_review_ahead_the_chair_sees_it_and_records_it(staff, client_for):
    # client_for signs the one test client in as each person in turn.
    today = datetime.date.today()
    child = new_child(staff, "Tansy", "Ahead")
    plan = child_on_plan(staff, child, today - timedelta(days=40), today - timedelta(days=20))
    booked_for = today + timedelta(days=10)
    book_url = reverse("protection:review_book", args=[plan.pk])
    booking = {**date_fields("booked_for", booked_for), "chair": staff.iro.pk}
    child_page = reverse("people:child_detail", args=[plan.child_id])
    assert client_for(staff.social_worker.user).get(book_url).status_code == 403

    manager = client_for(staff.team_manager.user)
    assert book_url in manager.get(child_page).content.decode()
    assert manager.post(book_url, booking).status_code == 302
    booked = Conference.objects.get(plan=plan, held_on__isnull=True)
    assert (booked.booked_for, booked.chair, booked.booked_by) == (booked_for, staff.iro, staff.team_manager.user)
    when = f"{booked_for:%-d %b %Y}"
    assert f"Booked for {when}" in manager.get(child_page).content.decode()

    chair = client_for(staff.iro)
    mine = chair.get(reverse("protection:chairs_work")).content.decode()
    assert "Booked, not yet held (1)" in mine
    assert "Tansy Ahead" in mine and "Review child protection conference" in mine and when in mine
    detail = chair.get(reverse("protection:conference_detail", args=[booked.pk])).content.decode()
    assert reverse("protection:review_conference", args=[plan.pk]) in detail
    form = chair.get(reverse("protection:review_conference", args=[plan.pk])).content.decode()
    assert f"Booked for {booked_for:%-d %B %Y}" in form and f'value="{booked_for.day}"' in form
    # A second booking while this one waits is refused on the page, with the reason.
    refused = chair.post(book_url, {**booking, **date_fields("booked_for", booked_for + timedelta(days=7))})
    assert f"already booked for {booked_for:%-d %B %Y}" in refused.content.decode()

    response = chair.post(
        reverse("protection:review_conference", args=[plan.pk]),
        {
            **date_fields("held_on", today),  # brought forward: it sat today
            "chair": staff.iro.pk,
            "attendance": "Mother, school, health visitor",
            "child_views": "Happier at school",
            "decision": "CONTINUE",
            "category": "NEG",
            "decision_reasons": "Progress, but the core group's actions are not complete.",
            "version": plan.version,
        },
    )
    assert response.status_code == 302
    booked.refresh_from_db()
    assert (booked.held_on, booked.booked_for, plan.reviews.count()) == (today, booked_for, 1)
    assert "Booked, not yet held (0)" in chair.get(reverse("protection:chairs_work")).content.decode()
