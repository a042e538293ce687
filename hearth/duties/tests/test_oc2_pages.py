"""The OC2 pages: each records its fact through its service, shows a rule's message on a bad one and
writes nothing, and shows the period's OC2 history; the child's page links to them."""

import datetime

import pytest
from django.urls import reverse

from hearth.duties.models import Conviction, HealthStatus, Sdq, SubstanceMisuse
from hearth.testing.journeys import looked_after_child, make_staff, new_child

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Ada", "Brightwater", D(2012, 1, 10)), D(2025, 6, 2))


def _date(name: str, day: datetime.date) -> dict:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_an_sdq_is_recorded_through_its_page_and_a_score_with_a_reason_is_refused(staff, period, client):
    client.force_login(staff.social_worker.user)
    url = reverse("duties:sdq_record", args=[period.pk])
    bad = client.post(url, _date("completed_on", D(2025, 7, 1)) | {"score": "12", "reason": "SDQ2"})
    assert "Give a reason only when there is no SDQ score (903 rule 197a)" in bad.content.decode()
    assert not Sdq.objects.exists()
    assert client.post(url, _date("completed_on", D(2025, 7, 1)) | {"score": "12"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Strengths and Difficulties Questionnaires" in page and "1 Jul 2025" in page
    child_page = client.get(reverse("people:child_detail", args=[period.child_id])).content.decode()
    assert "Latest SDQ: score 12 on 1 July 2025" in child_page and url in child_page


def test_the_other_oc2_facts_are_recorded_through_their_pages(staff, period, client):
    client.force_login(staff.social_worker.user)
    status = _date("as_at", D(2025, 7, 1)) | {"kind": "IMM", "up_to_date": "yes", "source": "LAC nurse"}
    assert client.post(reverse("duties:health_status_record", args=[period.pk]), status).status_code == 302
    under_5 = client.post(reverse("duties:health_status_record", args=[period.pk]), status | {"kind": "DEV"})
    assert "(903 rule 546)" in under_5.content.decode()
    conviction = _date("convicted_on", D(2025, 8, 1)) | {"offence": "Theft"}
    assert client.post(reverse("duties:conviction_record", args=[period.pk]), conviction).status_code == 302
    misuse = _date("identified_on", D(2025, 8, 2)) | {"intervention": "REFUSED"}
    assert client.post(reverse("duties:substance_misuse_record", args=[period.pk]), misuse).status_code == 302
    assert HealthStatus.objects.get().up_to_date is True
    assert Conviction.objects.get().offence == "Theft"
    assert SubstanceMisuse.objects.get().intervention == "REFUSED"
    page = client.get(reverse("duties:conviction_record", args=[period.pk])).content.decode()
    assert "Theft" in page and "An intervention was offered and the child refused it" in page


def test_only_the_cases_workers_record_oc2_facts(staff, period, client):
    client.force_login(staff.other_social_worker.user)
    assert client.get(reverse("duties:sdq_record", args=[period.pk])).status_code == 403


def test_the_period_of_care_page_shows_the_oc2_history(staff, period, client):
    from hearth.testing.oc2_journeys import sdq

    sdq(staff, period, D(2025, 7, 1), score=17)
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("care:period", args=[period.pk])).content.decode()
    assert "Health and wellbeing outcomes (OC2)" in page and "1 Jul 2025" in page
    assert reverse("duties:conviction_record", args=[period.pk]) in page
