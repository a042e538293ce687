import datetime

import time_machine
from django.urls import reverse

from hearth.testing.journeys import allocated_case, at, new_child, referred_case
from hearth.worklists.selectors import caseloads, worklist_for_team, worklist_for_worker

D = datetime.date


@time_machine.travel(datetime.datetime(2024, 6, 20, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_a_social_workers_worklist_shows_the_assessment_due_with_its_rule(staff, client_for):
    # Referral Fri 3 May 2024: due Tue 9 Jul 2024 (45 WD, Working Together), local 35 WD Tue 25 Jun.
    allocated_case(staff, new_child(staff, "Robin"), at(D(2024, 5, 3), 10))
    [item] = worklist_for_worker(staff.social_worker, user=staff.social_worker.user)
    assert (item.due, item.local_due) == (D(2024, 7, 9), D(2024, 6, 25))
    assert item.rule == "45 working days from referral, Working Together 2023"
    page = client_for(staff.social_worker.user).get(reverse("worklists:mine")).content.decode()
    assert "Robin Example" in page and "9 Jul 2024" in page and "local target: 25 Jun 2024" in page
    assert "45 working days from referral, Working Together 2023" in page


@time_machine.travel(datetime.datetime(2024, 7, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_past_the_local_standard_and_overdue_are_told_apart(staff):
    allocated_case(staff, new_child(staff, "Lee"), at(D(2024, 5, 3), 10))
    [item] = worklist_for_worker(staff.social_worker, user=staff.social_worker.user)
    now = datetime.datetime(2024, 7, 1, 12, 0, tzinfo=datetime.UTC)
    assert item.status(now) == "past local standard"
    assert item.status(datetime.datetime(2024, 7, 10, 12, 0, tzinfo=datetime.UTC)) == "overdue"


@time_machine.travel(datetime.datetime(2024, 6, 20, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_team_manager_sees_the_teams_work_unallocated_cases_and_caseloads(staff, client_for):
    allocated_case(staff, new_child(staff, "Ash"), at(D(2024, 5, 3), 10))
    referred_case(staff, new_child(staff, "Bo"), at(D(2024, 6, 3), 10), team=staff.north)
    referred_case(staff, new_child(staff, "Cy"), at(D(2024, 6, 3), 10), team=staff.south)
    items = worklist_for_team(staff.north, user=staff.team_manager.user)
    assert {(i.child_name, i.worker) for i in items} == {
        ("Ash Example", str(staff.social_worker)),
        ("Bo Example", "Unallocated"),
    }
    [load] = caseloads(staff.north)
    assert (load.worker, load.children) == (staff.social_worker, 1)
    page = client_for(staff.team_manager.user).get(reverse("worklists:team")).content.decode()
    assert "Bo Example" in page and "Cy Example" not in page


@time_machine.travel(datetime.datetime(2024, 6, 20, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_unallocated_cases_show_their_urgency_most_urgent_first(staff, client_for):
    """A case opened for a strategy discussion comes first, then the MASH's red, amber and green
    ratings, then unrated; the oldest first within each. The page shows each case's urgency."""
    from hearth.frontdoor.models import ScreeningDecision
    from hearth.frontdoor.services import contact_rate_urgency
    from hearth.testing.journeys import new_contact, screen
    from hearth.worklists.selectors import unallocated_cases

    def case(first_name, day, urgency="", decision=ScreeningDecision.REFERRAL):
        contact = new_contact(staff, new_child(staff, first_name), at(D(2024, 6, day), 9))
        if urgency:
            contact_rate_urgency(actor=staff.screener, contact_id=contact.pk, urgency=urgency)
        screen(staff, contact, at(D(2024, 6, day), 11), decision, staff.north)

    case("Gale", 3, "GREEN")
    case("Uma", 4)
    case("Amos", 5, "AMBER")
    case("Reza", 10, "RED")
    case("Rhea", 6, "RED")
    case("Sol", 12, "AMBER", ScreeningDecision.STRATEGY_DISCUSSION)
    cases = unallocated_cases(staff.north, user=staff.team_manager.user)
    assert [(c.child.first_name, c.urgency_tag[0]) for c in cases] == [
        ("Sol", "Strategy discussion"),
        ("Rhea", "Red"),
        ("Reza", "Red"),
        ("Amos", "Amber"),
        ("Gale", "Green"),
        ("Uma", "Not rated"),
    ]
    page = client_for(staff.team_manager.user).get(reverse("worklists:team")).content.decode()
    assert page.index("Sol Example") < page.index("Rhea Example") < page.index("Uma Example")
    assert '<strong class="govuk-tag govuk-tag--red">Strategy discussion</strong>' in page
