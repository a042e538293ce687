"""The care record's pages: start care, change legal status and placement, end care, record a care
plan, the period of care, and how a looked-after child shows on their page, summary, chronology,
family and subject access export. Bad input shows the form again with its message and writes
nothing; a stale form is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from hearth.care import services
from hearth.care.models import CarePlan, PeriodOfCare, Placement
from hearth.people.exports import subject_access_record
from hearth.people.services import relationship_add
from hearth.records.chronology import chronology_for
from hearth.testing.journeys import (
    allocated_case,
    approved,
    at,
    foster_placement,
    looked_after_child,
    new_child,
    provider_in_register,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START = TODAY - datetime.timedelta(days=60)
MOVED = TODAY - datetime.timedelta(days=10)


def _date(prefix: str, day: datetime.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _placement_post(**overrides) -> dict:
    return {
        "placement_type": "U6",
        "provider": provider_in_register("Ms Okafor").pk,
        "postcode": "kv4 1aa",
        "home_postcode": "",
    } | overrides


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Ivo", "Talbot"), START)


def test_a_social_worker_starts_care_from_the_case(staff, client):
    child = new_child(staff, "Wren", "Talbot")
    referral = allocated_case(staff, child, at(START, 9))
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert reverse("care:care_start", args=[referral.pk]) in page
    response = client.post(
        reverse("care:care_start", args=[referral.pk]),
        _date("started_on", START)
        | {"category_of_need": "N1", "legal_status": "V2", "approved_by": str(staff.service_manager.pk)}
        | _date("approved_on", START)
        | _placement_post(),
    )
    period = PeriodOfCare.objects.get(child=child)
    assert response.status_code == 302 and response["Location"] == reverse("care:period", args=[period.pk])
    assert period.placements.get().postcode == "KV4 1AA"
    assert (period.decision.approved_by, period.decision.approved_on) == (staff.service_manager, START)
    follow = client.get(response["Location"]).content.decode()
    assert "Wren Talbot is now looked after" in follow


def test_bad_input_shows_the_message_and_writes_nothing(staff, client):
    referral = allocated_case(staff, new_child(staff, "Wren", "Talbot"), at(START, 9))
    client.force_login(staff.social_worker.user)
    response = client.post(
        reverse("care:care_start", args=[referral.pk]),
        _date("started_on", START)
        | {"category_of_need": "N1", "legal_status": "C1"}
        | _placement_post(placement_type="T4", postcode="not a postcode"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert services.ERROR_POSTCODE_FORMAT in page and services.ERROR_STARTS_TEMPORARY in page
    assert services.ERROR_DECISION_REQUIRED in page  # neither who approved it nor an emergency
    assert "Error: Start care" in page
    assert not PeriodOfCare.objects.exists()


def test_a_missing_answer_is_asked_for_by_the_form(staff, client):
    referral = allocated_case(staff, new_child(staff, "Wren", "Talbot"), at(START, 9))
    client.force_login(staff.social_worker.user)
    response = client.post(reverse("care:care_start", args=[referral.pk]), {"carer": "", "postcode": ""})
    page = response.content.decode()
    assert "Enter the date care started" in page and "Choose who provides the placement from the register" in page
    assert not PeriodOfCare.objects.exists()


def test_a_placement_move_is_recorded_with_the_reason_the_old_one_ended(staff, client, period):
    client.force_login(staff.social_worker.user)
    response = client.post(
        reverse("care:placement_change", args=[period.pk]),
        {"version": period.version, "reason": "CREQB"} | _date("changed_on", MOVED) | _placement_post(),
    )
    assert response.status_code == 302
    old, new = period.placements.order_by("started_on")
    assert (old.ended_on, old.change_reason, new.carer) == (MOVED, "CREQB", "Ms Okafor")
    page = client.get(reverse("care:period", args=[period.pk])).content.decode()
    assert "Carer asked for the placement to end because of the child&#x27;s behaviour" in page
    assert '<td class="govuk-table__cell">P</td>' in page  # the move's episode


def test_a_stale_form_is_refused_and_nothing_is_written(staff, client, period):
    client.force_login(staff.social_worker.user)
    stale = period.version
    services.legal_status_change(
        actor=staff.team_manager.user, period_id=period.pk, version=stale, changed_on=MOVED, legal_status="C2"
    )
    response = client.post(
        reverse("care:placement_change", args=[period.pk]),
        {"version": stale, "reason": "CARPL"} | _date("changed_on", TODAY) | _placement_post(),
    )
    assert response.status_code == 200
    assert "Someone else changed this child&#x27;s care" in response.content.decode()
    assert Placement.objects.filter(period=period).count() == 1


def test_legal_status_change_and_end_pages(staff, client, period):
    client.force_login(staff.social_worker.user)
    response = client.post(
        reverse("care:legal_status_change", args=[period.pk]),
        {"version": period.version, "legal_status": "C1"} | _date("changed_on", MOVED),
    )
    assert services.ERROR_SAME_LEGAL_STATUS.format(code="C1") in response.content.decode()
    response = client.post(
        reverse("care:legal_status_change", args=[period.pk]),
        {"version": period.version, "legal_status": "C2"} | _date("changed_on", MOVED),
    )
    assert response.status_code == 302
    response = client.post(
        reverse("care:care_end", args=[period.pk]),
        {"version": 2, "reason": "E8", "note": ""} | _date("ended_on", TODAY),
    )
    assert escape(services.ERROR_END_NOTE_REQUIRED) in response.content.decode()
    response = client.post(
        reverse("care:care_end", args=[period.pk]), {"version": 2, "reason": "E4A"} | _date("ended_on", TODAY)
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert (period.ended_on, period.end_reason) == (TODAY, "E4A")
    page = client.get(reverse("care:placement_change", args=[period.pk])).content.decode()
    assert "Nothing more can be changed in it" in page and "<form" not in page.split("</header>")[-1]


def test_a_care_plan_is_recorded_from_its_page(staff, client, period):
    client.force_login(staff.social_worker.user)
    url = reverse("care:care_plan_record", args=[period.pk])
    bad = client.post(url, _date("agreed_on", START - datetime.timedelta(days=1)) | {"permanence_plan": "x"})
    assert bad.status_code == 200 and "Enter what the care plan says" in bad.content.decode()
    assert not CarePlan.objects.exists()
    good = client.post(
        url, _date("agreed_on", MOVED) | {"permanence_plan": "Long-term fostering", "summary": "Stays at school."}
    )
    assert good.status_code == 302
    page = client.get(reverse("care:period", args=[period.pk])).content.decode()
    assert "Long-term fostering" in page and "(in force)" in page


def test_the_childs_page_shows_the_looked_after_section_and_the_summary(staff, client, period):
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("people:child_detail", args=[period.child_id])).content.decode()
    assert "Looked after (C1 interim care order (Children Act 1989 s38))" in page  # the summary's plan
    assert "Placed with Mr and Mrs Fernhill (U6, KV1 2AB)" in page  # the summary's row
    assert 'id="looked-after"' in page and "No care plan recorded" in page
    assert reverse("care:placement_change", args=[period.pk]) in page
    # A performance officer may read the record but not change the care.
    client.force_login(staff.performance_officer)
    page = client.get(reverse("people:child_detail", args=[period.child_id])).content.decode()
    assert "Placed with Mr and Mrs Fernhill" in page
    assert reverse("care:placement_change", args=[period.pk]) not in page


def test_another_teams_worker_cannot_open_or_change_the_care(staff, client, period):
    client.force_login(staff.other_social_worker.user)
    assert client.get(reverse("care:period", args=[period.pk])).status_code == 403
    response = client.post(
        reverse("care:placement_change", args=[period.pk]),
        {"version": period.version, "reason": "CARPL"} | _date("changed_on", TODAY) | _placement_post(),
    )
    assert response.status_code == 403
    assert Placement.objects.filter(period=period).count() == 1


def test_the_chronology_and_subject_access_hold_the_care_facts(staff, period):
    worker = staff.social_worker.user
    services.legal_status_change(actor=worker, period_id=period.pk, version=1, changed_on=MOVED, legal_status="C2")
    services.placement_change(
        actor=worker,
        period_id=period.pk,
        version=2,
        changed_on=TODAY,
        reason="CARPL",
        placement=foster_placement(carer="Ms Okafor"),
    )
    services.care_plan_record(
        actor=worker, period_id=period.pk, agreed_on=MOVED, permanence_plan="Adoption", summary="s"
    )
    services.care_end(actor=worker, period_id=period.pk, version=3, ended_on=TODAY, reason="E4A")
    titles = [e.title for e in chronology_for(period.child, kinds={"looked_after"})]
    assert titles == [
        "Ceased to be looked after: E4A: returned home to parents or others with parental responsibility, as planned",
        "Placement moved: U6: foster placement with another carer, other, with Ms Okafor (KV1 2AB)",
        "Care plan agreed",
        "Legal status changed: C2: full care order (s31)",
        "Became looked after: C1: interim care order (Children Act 1989 s38)",
    ]
    (exported,) = subject_access_record(period.child)["periods_of_care"]
    assert [s["legal status"] for s in exported["legal_statuses"]] == [
        "C1: interim care order (Children Act 1989 s38)",
        "C2: full care order (s31)",
    ]
    assert [p["provider"].split(" (")[0] for p in exported["placements"]] == ["Mr and Mrs Fernhill", "Ms Okafor"]
    assert exported["care_plans"][0]["permanence plan"] == "Adoption"


def test_brothers_and_sisters_in_care_are_shown_together_only_where_the_viewer_may_see_them(staff, client, period):
    worker = staff.social_worker.user
    together = looked_after_child(staff, new_child(staff, "Mae", "Talbot"), START)
    apart = looked_after_child(
        staff, new_child(staff, "Rory", "Talbot"), START, placement=foster_placement(carer="Mr Dunmore")
    )
    hidden_child = new_child(staff, "Hush", "Talbot")
    hidden_referral = allocated_case(staff, hidden_child, at(START, 9), worker=staff.other_social_worker)
    services.care_start(
        actor=staff.other_social_worker.user,
        referral_id=hidden_referral.pk,
        started_on=START,
        category_of_need="N1",
        legal_status="C1",
        placement=foster_placement(carer="Mrs Hidden"),
        decision=approved(staff, START),
    )
    for sibling in (together.child, apart.child, hidden_child):
        relationship_add(
            actor=staff.service_manager,
            child_id=period.child_id,
            relationship_code="SIBLING",
            other_child_id=sibling.pk,
        )
    client.force_login(worker)
    page = client.get(reverse("people:child_detail", args=[period.child_id])).content.decode()
    group = page.split("Brothers and sisters in care")[1].split("</table>")[0]
    assert "Mae Talbot" in group and "Placed together" in group
    assert "Rory Talbot" in group and "Mr Dunmore" in group and "Placed apart" in group
    assert "Hush" not in group and "Mrs Hidden" not in page


def test_the_case_close_page_warns_while_the_child_is_looked_after(staff, client, period):
    client.force_login(staff.team_manager.user)
    url = reverse("workforce:close", args=[period.referral_id])
    assert "Ivo Talbot is looked after" in client.get(url).content.decode()
    response = client.post(url, _date("closed_on", TODAY) | {"reason": "RC7"})
    assert response.status_code == 200 and "end the period of care first" in response.content.decode()
    period.referral.refresh_from_db()
    assert period.referral.closed_on is None
