"""Issue 19: the weekly exceptions, every overdue item on a team's cases grouped by worker, each
recorded by the team manager as taken up with what was agreed, so next week's list shows what was
chased and is still late (docs/workforce.md "Deficits taken up")."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.testing.journeys import looked_after_child, new_child
from hearth.workforce import services
from hearth.workforce.exceptions import weekly_exceptions
from hearth.workforce.models import DeficitTakenUp

D = datetime.date
WEDNESDAY = datetime.datetime(2025, 9, 10, 12, tzinfo=datetime.UTC)
NEXT_WEDNESDAY = datetime.datetime(2025, 9, 17, 12, tzinfo=datetime.UTC)


@pytest.fixture
def ada(staff):
    """Ada, looked after from 2 June 2025, Nina's, with no case supervision: due 2 September."""
    return looked_after_child(staff, new_child(staff, "Ada", "Lovelace"), D(2025, 6, 2))


def _supervision_exception(staff):
    [group] = [g for g in weekly_exceptions(staff.north, user=staff.team_manager.user) if g.worker == "Nina Tester"]
    return next(e for e in group.exceptions if e.item.duty.startswith("Case supervision"))


def test_the_manager_takes_up_an_overdue_item_and_next_week_it_shows_as_chased(staff, ada, client_for):
    with time_machine.travel(WEDNESDAY, tick=False):
        exception = _supervision_exception(staff)
        assert exception.item.due == D(2025, 9, 2) and exception.taken_up is None
        taken = services.deficit_take_up(
            actor=staff.team_manager.user, team_id=staff.north.pk, item_key=exception.key, agreed="Booked for Friday"
        )
        assert (taken.child, taken.week_starting, taken.worker_name) == (ada.child, D(2025, 9, 8), "Nina Tester")
        with pytest.raises(ValidationError, match="already taken up this week, on 10 September 2025"):
            services.deficit_take_up(
                actor=staff.team_manager.user, team_id=staff.north.pk, item_key=exception.key, agreed="Again"
            )
        assert _supervision_exception(staff).chased_this_week(D(2025, 9, 8))
    with time_machine.travel(NEXT_WEDNESDAY, tick=False):
        exception = _supervision_exception(staff)
        assert exception.chased_before(D(2025, 9, 15)) and exception.taken_up.agreed == "Booked for Friday"
        page = client_for(staff.team_manager.user).get(reverse("workforce:weekly_exceptions")).content.decode()
        assert "Chased, still late" in page and "Booked for Friday" in page
        services.deficit_take_up(
            actor=staff.team_manager.user, team_id=staff.north.pk, item_key=exception.key, agreed="Escalated"
        )
    assert DeficitTakenUp.objects.count() == 2


@time_machine.travel(WEDNESDAY, tick=False)
def test_taking_up_is_refused_without_an_agreement_for_an_item_not_overdue_or_by_another(staff, ada):
    key = _supervision_exception(staff).key
    with pytest.raises(ValidationError) as refused:
        services.deficit_take_up(actor=staff.team_manager.user, team_id=staff.north.pk, item_key=key, agreed=" ")
    assert refused.value.message_dict["agreed"] == [services.ERROR_AGREED_REQUIRED]
    with pytest.raises(ValidationError, match="no longer overdue"):
        services.deficit_take_up(
            actor=staff.team_manager.user, team_id=staff.north.pk, item_key="1|made up|2025-01-01", agreed="x"
        )
    with pytest.raises(ValidationError, match="Only the team's manager"):
        services.deficit_take_up(actor=staff.social_worker.user, team_id=staff.north.pk, item_key=key, agreed="x")
    assert not DeficitTakenUp.objects.exists()


@time_machine.travel(WEDNESDAY, tick=False)
def test_the_page_records_it_and_shows_a_refusal_on_the_page(staff, ada, client_for):
    client = client_for(staff.team_manager.user)
    url = reverse("workforce:weekly_exceptions")
    page = client.get(url).content.decode()
    assert "Nina Tester:" in page and "Case supervision (looked after; none yet)" in page
    key = _supervision_exception(staff).key
    refused = client.post(url, {"team": staff.north.pk, "item_key": key, "agreed": ""}).content.decode()
    assert "There is a problem" in refused and "Enter what was agreed with the worker" in refused
    response = client.post(url, {"team": staff.north.pk, "item_key": key, "agreed": "Nina to book it today"})
    assert response.status_code == 302
    assert "Taken up this week" in client.get(url).content.decode()
