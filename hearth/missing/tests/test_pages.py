"""The missing pages, the child's page section, the chronology and the worklist."""

import datetime

import pytest
from django.urls import reverse

from hearth.missing.models import MissingEpisode
from hearth.records.chronology import chronology_for
from hearth.testing.journeys import at, looked_after_child, make_staff, new_child
from hearth.testing.missing_journeys import interview_offered, went_missing
from hearth.worklists.selectors import worklist_for_child

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Kit", "Harrow", D(2011, 3, 4)), D(2025, 6, 2))


def _form(prefix: str, day: D, time: str) -> dict:
    return {
        f"{prefix}_on_day": str(day.day),
        f"{prefix}_on_month": str(day.month),
        f"{prefix}_on_year": str(day.year),
        f"{prefix}_time": time,
    }


def test_an_episode_is_recorded_through_the_pages_and_a_refusal_writes_nothing(staff, period, client):
    client.force_login(staff.social_worker.user)
    url = reverse("missing:episode_record", args=[period.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"kind": "M"} | _form("started", D(2025, 5, 30), "22:00"))
    assert refused.status_code == 200 and "DfE rules 578 and 581" in refused.content.decode()
    half_return = client.post(url, {"kind": "M", "returned_time": "09:00"} | _form("started", D(2025, 7, 1), "22:00"))
    assert "Enter both the date and the time" in half_return.content.decode()
    assert not MissingEpisode.objects.exists()
    done = client.post(url, {"kind": "A"} | _form("started", D(2025, 7, 1), "22:00"))
    episode = MissingEpisode.objects.get()
    assert done.status_code == 302 and done.url == reverse("missing:episode", args=[episode.pk])
    assert (episode.kind, episode.started_at) == ("A", at(D(2025, 7, 1), 22))

    back = reverse("missing:return_record", args=[episode.pk])
    assert client.post(back, {"version": "1"} | _form("returned", D(2025, 7, 2), "09:30")).status_code == 302
    interview = reverse("missing:interview_record", args=[episode.pk])
    stale = client.post(interview, {"version": "1", "response": "accepted"} | _form("offered", D(2025, 7, 3), "10:00"))
    assert "Someone else changed this missing episode" in stale.content.decode()
    fresh = client.post(interview, {"version": "2", "response": "accepted"} | _form("offered", D(2025, 7, 3), "10:00"))
    assert fresh.status_code == 302
    episode.refresh_from_db()
    assert (episode.returned_at, episode.interview_offered_at, episode.interview_response) == (
        at(D(2025, 7, 2), 9, 30),
        at(D(2025, 7, 3), 10),
        "accepted",
    )
    page = client.get(reverse("missing:episode", args=[episode.pk])).content.decode()
    assert "within 72 hours" in page and "accepted" in page


def test_the_childs_page_flags_an_open_episode_and_lists_the_history(staff, period, client):
    went_missing(staff, period, at(D(2025, 7, 1), 22), at(D(2025, 7, 2), 9))
    went_missing(staff, period, at(D(2025, 8, 1), 16))
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("people:child_detail", args=[period.child_id])).content.decode()
    assert "Missing and away from placement" in page
    assert "Missing since 1 August 2025, 16:00" in page
    assert "due by 5 Jul 2025, 09:00" in page  # the first episode's interview: 72 hours from the return
    assert reverse("missing:episode_record", args=[period.pk]) in page


def test_someone_who_cannot_see_the_child_is_refused_and_a_reader_cannot_record(staff, period, client):
    episode = went_missing(staff, period, at(D(2025, 7, 1), 22))
    client.force_login(staff.other_social_worker.user)  # South: not their case
    assert client.get(reverse("missing:episode", args=[episode.pk])).status_code == 403
    assert client.get(reverse("missing:episode_record", args=[period.pk])).status_code == 403
    client.force_login(staff.iro)  # not the child's IRO: refused too
    assert client.get(reverse("missing:return_record", args=[episode.pk])).status_code == 403


def test_the_worklist_has_the_interview_until_it_is_offered_and_the_chronology_has_both(staff, period):
    episode = went_missing(staff, period, at(D(2025, 7, 1), 22), at(D(2025, 7, 2), 9))
    items = [i for i in worklist_for_child(period.child, user=staff.social_worker.user) if "Return home" in i.duty]
    assert [(i.due, i.rule) for i in items] == [
        (
            at(D(2025, 7, 5), 9),
            "72 hours from the child's return from being missing or away from placement, "
            "Missing from home or care guidance 2014",
        )
    ]
    assert items[0].url == reverse("missing:interview_record", args=[episode.pk])
    interview_offered(staff, episode, at(D(2025, 7, 4), 9))
    assert not [i for i in worklist_for_child(period.child, user=staff.social_worker.user) if "Return home" in i.duty]
    titles = [entry.title for entry in chronology_for(period.child, kinds={"missing"})]
    assert titles == ["Return home interview offered", "Missing"]


def test_the_subject_access_export_holds_the_episodes_in_their_period(staff, period):
    from hearth.care.subject_access import subject_access_sections

    went_missing(staff, period, at(D(2025, 7, 1), 22), at(D(2025, 7, 2), 9), kind="A")
    [exported] = subject_access_sections(period.child)["periods_of_care"]
    [episode] = exported["missing_episodes"]
    assert episode["kind"] == "Away from placement without authorisation (whereabouts known)"
