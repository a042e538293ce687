"""The child's voice on care plans, looked-after reviews and pathway plans, recorded as visits and
assessments record it (a `child_voice` in their own words), shown on the child's page and in the
chronology."""

import datetime

import pytest
from django.urls import reverse

from hearth.care.models import CarePlan
from hearth.care.services import care_plan_record
from hearth.duties.models import CareReview
from hearth.duties.services import care_review_record
from hearth.leavers.models import PathwayPlanReview
from hearth.leavers.services import pathway_plan_review_record
from hearth.records.chronology import chronology_for
from hearth.testing.care_leaver_journeys import care_leaver
from hearth.testing.journeys import looked_after_child, new_child

D = datetime.date
pytestmark = pytest.mark.django_db


def test_the_childs_voice_on_a_care_plan_and_a_review_is_on_the_childs_page_and_chronology(staff, client_for):
    child = new_child(staff, "Ada", "Voiceley", born=D(2014, 5, 1))
    period = looked_after_child(staff, child, D(2025, 6, 2))
    care_plan_record(
        actor=staff.social_worker.user,
        period_id=period.pk,
        agreed_on=D(2025, 6, 20),
        permanence_plan="Long-term fostering",
        summary="Needs and how they are met",
        child_voice="  I want to stay with my sister and keep going to Brightwater.  ",
    )
    care_review_record(
        actor=staff.social_worker.user,
        period_id=period.pk,
        held_on=D(2025, 7, 1),
        chair_id=staff.iro.pk,
        participation="PN1",
        recommendations="Placement continues",
        child_voice="I like my carers but I miss my dog.",
    )
    assert CarePlan.objects.get().child_voice == "I want to stay with my sister and keep going to Brightwater."
    assert CareReview.objects.get().child_voice == "I like my carers but I miss my dog."

    page = client_for(staff.social_worker.user).get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert "The child's voice: I want to stay with my sister and keep going to Brightwater." in page
    assert "Last looked-after review: 1 July 2025" in page
    assert "The child's voice: I like my carers but I miss my dog." in page

    entries = {entry.title: entry.detail for entry in chronology_for(child)}
    assert entries["Care plan agreed"].endswith(
        "The child's voice: I want to stay with my sister and keep going to Brightwater."
    )
    review = next(detail for title, detail in entries.items() if title.startswith("Looked-after review held"))
    assert (
        review == "PN1: child attended and spoke for themselves. The child's voice: I like my carers but I miss my dog."
    )


def test_the_forms_take_the_childs_voice(staff, client_for):
    child = new_child(staff, "Ben", "Voiceley", born=D(2014, 5, 1))
    period = looked_after_child(staff, child, D(2025, 6, 2))
    client = client_for(staff.social_worker.user)
    form = {
        "agreed_on_day": "20",
        "agreed_on_month": "6",
        "agreed_on_year": "2025",
        "permanence_plan": "Return home",
        "summary": "Contact plan",
        "child_voice": "I want to go home to mum.",
    }
    assert client.post(reverse("care:care_plan_record", args=[period.pk]), form).status_code == 302
    assert CarePlan.objects.get().child_voice == "I want to go home to mum."
    # Bad input elsewhere on the form: refused, nothing written, the voice kept on the page.
    bad = form | {"agreed_on_day": "21", "summary": ""}
    page = client.post(reverse("care:care_plan_record", args=[period.pk]), bad).content.decode()
    assert "There is a problem" in page and "I want to go home to mum." in page
    assert CarePlan.objects.count() == 1


def test_the_young_persons_voice_on_a_pathway_plan(staff, client_for):
    juno = care_leaver(staff, "Juno", "Voiceley", D(2007, 6, 10), D(2023, 3, 1), D(2025, 6, 10))
    pathway_plan_review_record(
        actor=staff.social_worker.user,
        child_id=juno.pk,
        reviewed_on=D(2025, 7, 1),
        personal_adviser="Robin Adviser",
        summary="College in September",
        child_voice="I want my own flat near college.",
    )
    assert PathwayPlanReview.objects.get().child_voice == "I want my own flat near college."
    client = client_for(staff.social_worker.user)
    leaver = client.get(reverse("leavers:leaver", args=[juno.pk])).content.decode()
    assert "The young person's voice: I want my own flat near college." in leaver
    page = client.get(reverse("people:child_detail", args=[juno.pk])).content.decode()
    assert "The young person&#x27;s voice (1 July 2025): I want my own flat near college." in page
    (entry,) = [e for e in chronology_for(juno) if e.kind == "pathway_plan"]
    assert entry.detail == "College in September The young person's voice: I want my own flat near college."
