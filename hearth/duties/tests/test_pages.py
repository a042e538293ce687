"""The review and health check pages, and the duties on the child's page."""

import datetime

import pytest
from django.urls import reverse

from hearth.duties.models import CareReview, HealthCheck
from hearth.testing.journeys import looked_after_child, make_staff, new_child
from hearth.worklists.selectors import worklist_for_child

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Ada", "Brightwater", D(2015, 1, 10)), D(2025, 6, 2))


def test_the_childs_page_lists_what_is_due_and_links_to_the_pages(staff, period, client):
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("people:child_detail", args=[period.child_id])).content.decode()
    # First review and IHA 20 WD from Mon 2 Jun 2025: Mon 30 Jun; dental 2 Jun 2026; visit Mon 9 Jun.
    assert "Looked-after duties" in page
    assert "30 June 2025" in page and "2 June 2026" in page and "9 June 2025" in page
    assert reverse("duties:review_record", args=[period.pk]) in page
    assert reverse("duties:health_check_record", args=[period.pk]) in page


def test_a_review_is_recorded_through_its_page_and_a_bad_one_changes_nothing(staff, period, client):
    client.force_login(staff.social_worker.user)
    url = reverse("duties:review_record", args=[period.pk])
    form = {
        "held_on_day": "27",
        "held_on_month": "6",
        "held_on_year": "2025",
        "chair": str(staff.iro.pk),
        "participation": "PN1",
        "recommendations": "Placement continues.",
    }
    bad = client.post(url, form | {"held_on_day": "1"})
    assert bad.status_code == 200 and "before the child became looked after" in bad.content.decode()
    assert not CareReview.objects.exists()
    assert client.post(url, form).status_code == 302
    assert CareReview.objects.get().held_on == D(2025, 6, 27)


def test_a_health_check_is_recorded_through_its_page(staff, period, client):
    client.force_login(staff.social_worker.user)
    url = reverse("duties:health_check_record", args=[period.pk])
    form = {"kind": "IHA", "done_on_day": "20", "done_on_month": "6", "done_on_year": "2025", "refused": "no"}
    missing = client.post(url, form)
    assert "Enter who carried out the check" in missing.content.decode()
    assert client.post(url, form | {"done_by": "Dr Ashdown"}).status_code == 302
    assert HealthCheck.objects.get().done_by == "Dr Ashdown"


def test_the_worklist_carries_review_health_and_dental_duties(staff, period):
    duties = {item.duty: item.due for item in worklist_for_child(period.child, user=staff.social_worker.user)}
    assert duties["First looked-after review (looked after)"] == D(2025, 6, 30)
    assert duties["Initial health assessment (looked after)"] == D(2025, 6, 30)
    assert duties["Dental check (looked after)"] == D(2026, 6, 2)
