"""The permanence tracker: each looked-after child with a plan for permanence, the last milestone,
the days since it, the next milestone and whether they are past the council's target, worked by
hand; the filters by plan and team; who may read it; and a query count that does not grow with the
number of children."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.care.services import care_start
from hearth.permanence import services
from hearth.permanence.selectors import permanence_tracker
from hearth.testing.adoption_journeys import child_in_care, decide, placement_order
from hearth.testing.journeys import allocated_case, approved, at, foster_placement, new_child

D = datetime.date
AS_OF = D(2024, 12, 1)


def _plan(staff, period, plan, on, actor=None):
    return services.permanence_plan_record(
        actor=actor or staff.social_worker.user, child_id=period.child_id, plan=plan, agreed_on=on, version=0
    )


def _in_care_in_south(staff, first_name, started_on=None):
    started_on = started_on or D(2024, 1, 8)
    child = new_child(staff, first_name, "Southwood", born=D(2016, 2, 2))
    referral = allocated_case(staff, child, at(started_on - datetime.timedelta(days=3), 10), staff.other_social_worker)
    return care_start(
        actor=staff.other_social_worker.user,
        referral_id=referral.pk,
        started_on=started_on,
        category_of_need="N1",
        legal_status="C1",
        placement=foster_placement(),
        decision=approved(staff, started_on),
    )


def _council(staff):
    # Ada: adoption agreed 20 Feb 2024, decision 1 Mar, placement order 1 May, no match yet.
    ada = child_in_care(staff)
    _plan(staff, ada, "adoption", D(2024, 2, 20))
    decide(staff, ada)
    placement_order(staff, ada)
    # Ben: special guardianship agreed 1 Oct 2024.
    ben = child_in_care(staff, "Ben", "Brightwater")
    _plan(staff, ben, "special_guardianship", D(2024, 10, 1))
    # Cal (South): long-term fostering agreed 1 Mar 2024.
    cal = _in_care_in_south(staff, "Cal")
    _plan(staff, cal, "long_term_fostering", D(2024, 3, 1), actor=staff.other_social_worker.user)
    # Dee: looked after with no plan yet: not on the tracker.
    child_in_care(staff, "Dee", "Dunmore")
    return ada, ben, cal


def test_each_child_with_a_plan_worked_by_hand(staff, settings):
    settings.HEARTH_PERMANENCE_TARGET_DAYS = 121
    _council(staff)
    rows = permanence_tracker(staff.service_manager, AS_OF)
    seen = [
        (r.period.child.first_name, r.last_milestone, r.last_on, r.next_milestone, r.days_since, r.past_target)
        for r in rows
    ]
    assert seen == [
        ("Cal", "Plan agreed", D(2024, 3, 1), "Long-term foster placement confirmed", 275, True),
        ("Ada", "Placement order", D(2024, 5, 1), "Match with adopters", 214, True),
        ("Ben", "Plan agreed", D(2024, 10, 1), "Special guardianship order", 61, False),
    ]
    assert [(r.worker, r.team) for r in rows] == [
        ("Sol Tester", "South"),
        ("Nina Tester", "North"),
        ("Nina Tester", "North"),
    ]
    settings.HEARTH_PERMANENCE_TARGET_DAYS = 214  # the council's own target: Ada's 214 days are not past it
    assert [r.past_target for r in permanence_tracker(staff.service_manager, AS_OF)] == [True, False, False]


def test_adoption_before_the_decision_and_before_the_order(staff):
    period = child_in_care(staff)
    _plan(staff, period, "adoption", D(2024, 2, 20))
    [row] = permanence_tracker(staff.service_manager, AS_OF)
    assert (row.next_milestone, row.days_since) == ("Decision that the child should be placed for adoption", 285)
    decide(staff, period)
    [row] = permanence_tracker(staff.service_manager, AS_OF)
    assert (row.last_milestone, row.next_milestone) == ("Decision to place for adoption", "Placement order")


def test_filters_by_plan_and_team(staff):
    _council(staff)
    by_plan = permanence_tracker(staff.service_manager, AS_OF, plan="adoption")
    assert [r.period.child.first_name for r in by_plan] == ["Ada"]
    by_team = permanence_tracker(staff.service_manager, AS_OF, team_id=staff.south.pk)
    assert [r.period.child.first_name for r in by_team] == ["Cal"]


def test_the_page_for_the_matching_panel_and_who_may_read_it(staff, client):
    _council(staff)
    url = reverse("permanence:tracker")
    client.force_login(staff.team_manager.user)
    home = client.get(reverse("home")).content.decode()
    assert url in home
    page = client.get(url, {"plan": "adoption"}).content.decode()
    assert "Ada Pimpernel" in page and "Ben Brightwater" not in page and "Past target" in page
    assert "Cal Southwood" not in client.get(url).content.decode()  # North's manager sees North's children
    client.force_login(staff.performance_officer)
    assert "Cal Southwood" in client.get(url, {"team": staff.south.pk, "plan": "nonsense"}).content.decode()
    client.force_login(staff.social_worker.user)
    assert client.get(url).status_code == 403


def test_the_query_count_does_not_grow_with_the_children(staff):
    def count():
        with CaptureQueriesContext(connection) as captured:
            rows = permanence_tracker(staff.service_manager, AS_OF)
        return len(rows), len(captured)

    for i in range(2):
        period = child_in_care(staff, f"Kid{i}", "Adoptee")
        _plan(staff, period, "adoption", D(2024, 2, 20))
        decide(staff, period)
    count()  # the first read also learns the user's roles, remembered after
    few, few_queries = count()
    for i in range(2, 6):
        period = child_in_care(staff, f"Kid{i}", "Adoptee")
        _plan(staff, period, "adoption", D(2024, 2, 20))
        decide(staff, period)
        placement_order(staff, period)
        other = _in_care_in_south(staff, f"South{i}")
        _plan(staff, other, "return_home", D(2024, 3, 1), actor=staff.other_social_worker.user)
    many, many_queries = count()
    assert (few, many) == (2, 10)
    assert many_queries == few_queries
