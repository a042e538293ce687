"""Correcting a missing episode recorded wrongly (missing or away, its start, its return): the
correction is saved with an audit row naming what changed; the same rules as recording refuse bad
input and nothing changes; a correction on a page opened before someone else's change is refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.core.forms import ERROR_MISSING_VERSION
from hearth.missing import services
from hearth.missing.models import MissingEpisode
from hearth.testing.journeys import at, looked_after_child, make_staff, new_child
from hearth.testing.missing_journeys import came_back, interview_offered, went_missing

D = datetime.date
START = D(2025, 6, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Kit", "Harrow", D(2011, 3, 4)), START)


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    error = raised.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def _correct(staff, episode, version, **changes):
    arguments = {
        "kind": episode.kind,
        "started_at": episode.started_at,
        "returned_at": episode.returned_at,
    } | changes
    return services.missing_episode_correct(
        actor=staff.social_worker.user, episode_id=episode.pk, version=version, **arguments
    )


def _values(episode) -> tuple:
    episode.refresh_from_db()
    return (episode.kind, episode.started_at, episode.returned_at, episode.version)


def test_the_kind_start_and_return_are_corrected_with_an_audit_row(staff, period):
    episode = came_back(staff, went_missing(staff, period, at(D(2025, 7, 1), 22)), at(D(2025, 7, 2), 9))
    _correct(staff, episode, 2, kind="A", started_at=at(D(2025, 7, 1), 21), returned_at=at(D(2025, 7, 2), 8))
    assert _values(episode) == ("A", at(D(2025, 7, 1), 21), at(D(2025, 7, 2), 8), 3)
    event = AuditEvent.objects.get(action="missing.correct")
    assert (event.child_id, event.object_id) == (period.child_id, str(episode.pk))
    assert event.detail == {"changed": ["kind", "returned_at", "started_at"]}


def test_a_return_recorded_in_error_is_taken_off_and_the_episode_is_open_again(staff, period):
    episode = came_back(staff, went_missing(staff, period, at(D(2025, 7, 1), 22)), at(D(2025, 7, 2), 9))
    _correct(staff, episode, 2, returned_at=None)
    assert _values(episode)[2] is None and episode.is_open


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": ""}, "kind", services.ERROR_KIND_REQUIRED),
        ({"started_at": None}, "started_at", services.ERROR_START_REQUIRED),
        (
            {"started_at": at(D(2025, 5, 30), 22)},
            "started_at",
            services.ERROR_NOT_LOOKED_AFTER.format(date="30 May 2025"),
        ),
        (
            {"returned_at": at(D(2025, 7, 1), 21)},
            "returned_at",
            services.ERROR_RETURN_BEFORE_START.format(start="1 July 2025 at 22:00"),
        ),
        (
            {"returned_at": at(D(2025, 7, 4), 9)},
            "returned_at",
            services.ERROR_RETURN_AFTER_INTERVIEW.format(date="3 July 2025 at 15:00"),
        ),
        (
            {"returned_at": None},
            "returned_at",
            services.ERROR_RETURN_NEEDED_FOR_INTERVIEW.format(date="3 July 2025 at 15:00"),
        ),
    ],
)
def test_a_bad_correction_is_refused_and_changes_nothing(staff, period, changes, field, message):
    episode = came_back(staff, went_missing(staff, period, at(D(2025, 7, 1), 22)), at(D(2025, 7, 2), 9))
    episode = interview_offered(staff, episode, at(D(2025, 7, 3), 15), response="accepted")
    before = _values(episode)
    assert _errors(lambda: _correct(staff, episode, 3, **changes))[field] == [message]
    assert _values(episode) == before
    assert not AuditEvent.objects.filter(action="missing.correct").exists()


def test_a_correction_cannot_make_two_episodes_overlap_rule_574(staff, period):
    first = came_back(staff, went_missing(staff, period, at(D(2025, 7, 1), 22)), at(D(2025, 7, 2), 9))
    second = came_back(staff, went_missing(staff, period, at(D(2025, 7, 10), 22)), at(D(2025, 7, 11), 9))
    errors = _errors(lambda: _correct(staff, second, 2, started_at=at(D(2025, 7, 2), 8)))
    assert errors == {
        "started_at": [services.ERROR_OVERLAPS.format(start="1 July 2025 at 22:00", end="2 July 2025 at 09:00")]
    }
    assert _values(second)[1] == at(D(2025, 7, 10), 22)
    # Moving the first episode's own times never counts as overlapping itself.
    _correct(staff, first, 2, started_at=at(D(2025, 7, 1), 20))
    assert _values(first)[1] == at(D(2025, 7, 1), 20)


def test_a_stale_correction_is_refused_and_the_first_stays(staff, period):
    episode = went_missing(staff, period, at(D(2025, 7, 1), 22))
    _correct(staff, episode, 1, kind="A")
    assert _errors(lambda: _correct(staff, episode, 1, kind="M")) == {"__all__": [services.ERROR_CHANGED_MEANWHILE]}
    assert _values(episode)[0] == "A"


def _form(prefix: str, day: D, time: str) -> dict:
    return {
        f"{prefix}_on_day": str(day.day),
        f"{prefix}_on_month": str(day.month),
        f"{prefix}_on_year": str(day.year),
        f"{prefix}_time": time,
    }


def test_an_episode_is_corrected_through_its_page(staff, period, client):
    episode = went_missing(staff, period, at(D(2025, 7, 1), 22))
    client.force_login(staff.social_worker.user)
    url = reverse("missing:episode_correct", args=[episode.pk])
    assert url in client.get(reverse("missing:episode", args=[episode.pk])).content.decode()
    form = client.get(url).content.decode()
    assert 'value="22:00"' in form and 'name="version" value="1"' in form
    refused = client.post(url, {"kind": "M", "version": "1"} | _form("started", D(2025, 5, 30), "22:00"))
    assert "DfE rules 578 and 581" in refused.content.decode()
    no_version = client.post(url, {"kind": "A"} | _form("started", D(2025, 7, 1), "21:00"))
    assert ERROR_MISSING_VERSION in no_version.content.decode()
    assert _values(episode) == ("M", at(D(2025, 7, 1), 22), None, 1)
    done = client.post(
        url,
        {"kind": "A", "version": "1"}
        | _form("started", D(2025, 7, 1), "21:00")
        | _form("returned", D(2025, 7, 2), "07:15"),
    )
    assert done.status_code == 302 and done.url == reverse("missing:episode", args=[episode.pk])
    assert _values(episode) == ("A", at(D(2025, 7, 1), 21), at(D(2025, 7, 2), 7, 15), 2)
    stale = client.post(url, {"kind": "M", "version": "1"} | _form("started", D(2025, 7, 1), "21:00"))
    assert "Someone else changed this missing episode" in stale.content.decode()
    assert MissingEpisode.objects.get().kind == "A"


def test_a_worker_off_the_case_cannot_correct(staff, period, client):
    episode = went_missing(staff, period, at(D(2025, 7, 1), 22))
    client.force_login(staff.other_social_worker.user)
    assert client.get(reverse("missing:episode_correct", args=[episode.pk])).status_code == 403
