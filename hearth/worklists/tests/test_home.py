"""A social worker's and a team manager's home page is their working day (issue 20): the work due,
and what changed since the previous working day began; other roles keep their links.

Worked by hand with the 2024 bank holidays (Mon 6 May, Mon 27 May). Today is Mon 24 Jun 2024, so
"since" is the start of Fri 21 Jun. Ula's referral, Wed 17 Apr, is due 45 working days later on
Fri 21 Jun: not overdue on Friday, overdue today, so it "became overdue". Vic's, Tue 16 Apr, was due
Thu 20 Jun: overdue already before Friday, so it is overdue but not new."""

import datetime

import time_machine
from django.urls import reverse

from hearth.assessment.services import assessment_start
from hearth.testing.journeys import allocated_case, at, new_child, referred_case
from hearth.worklists.home import start_of_previous_working_day, working_day

D = datetime.date
MONDAY_NOON = datetime.datetime(2024, 6, 24, 11, 0, tzinfo=datetime.UTC)


def build_the_week(staff):
    with time_machine.travel(datetime.datetime(2024, 6, 20, 9, 0, tzinfo=datetime.UTC), tick=False):  # Thursday
        ula = allocated_case(staff, new_child(staff, "Ula"), at(D(2024, 4, 17), 10))
        allocated_case(staff, new_child(staff, "Vic"), at(D(2024, 4, 16), 10))
    with time_machine.travel(datetime.datetime(2024, 6, 21, 9, 0, tzinfo=datetime.UTC), tick=False):  # Friday
        allocated_case(staff, new_child(staff, "Wyn"), at(D(2024, 6, 21), 8))  # the manager allocates it
        referred_case(staff, new_child(staff, "Xan"), at(D(2024, 6, 21), 8))  # waits in North, unallocated
        assessment_start(actor=staff.social_worker.user, referral_id=ula.pk, started_on=D(2024, 6, 21))


def test_since_is_the_start_of_the_previous_working_day(staff):
    monday = datetime.datetime(2024, 6, 24, 9, 0, tzinfo=datetime.UTC)
    assert start_of_previous_working_day(monday).date() == D(2024, 6, 21)  # Friday, over the weekend
    tuesday_after_bank_holiday = datetime.datetime(2024, 5, 28, 9, 0, tzinfo=datetime.UTC)
    assert start_of_previous_working_day(tuesday_after_bank_holiday).date() == D(2024, 5, 24)


def test_the_social_workers_home_page_is_their_working_day(staff, client_for):
    build_the_week(staff)
    with time_machine.travel(MONDAY_NOON, tick=False):
        day = working_day(staff.social_worker.user)
        assert [a.referral.child.first_name for a in day["allocated"]] == ["Wyn"]
        assert [item.child_name for item in day["became_overdue"]] == ["Ula Example"]
        assert day["counts"]["overdue"] == 2  # Ula and Vic
        # What others recorded since Friday: Wyn's contact, screened by the MASH and allocated by the
        # manager. The worker's own start of Ula's assessment, and Thursday's work on Ula's and Vic's
        # cases, are not news to her.
        changes = [(c.child_name, c.what, c.by) for c in day["changes"]]
        manager = staff.team_manager.user.get_full_name() or staff.team_manager.user.username
        assert ("Wyn Example", "Allocated the case", manager) in changes
        assert ("Wyn Example", "Recorded a contact") in [(name, what) for name, what, _ in changes]
        assert {name for name, _, _ in changes} == {"Wyn Example"}
        page = client_for(staff.social_worker.user).get(reverse("home")).content.decode()
    assert "My working day" in page and "Since Friday 21 June" in page
    assert "Now overdue on my cases" in page and "Allocated to you" in page
    assert "Allocated the case" in page
    assert reverse("people:child_detail", args=[day["allocated"][0].referral.child_id]) in page


def test_the_team_managers_home_page_adds_the_teams_new_cases_and_what_workers_recorded(staff, client_for):
    build_the_week(staff)
    with time_machine.travel(MONDAY_NOON, tick=False):
        day = working_day(staff.team_manager.user)
        assert [case.child.first_name for case in day["new_unallocated"]] == ["Xan"]
        assert {item.child_name for item in day["team_became_overdue"]} == {"Ula Example"}
        assert ("Ula Example", "Started an assessment") in [(c.child_name, c.what) for c in day["changes"]]
        page = client_for(staff.team_manager.user).get(reverse("home")).content.decode()
    assert "New cases waiting to be allocated" in page and "Xan Example" in page
    assert "Now overdue in the team" in page


def test_other_roles_keep_their_links(staff, client_for):
    for user in (staff.service_manager, staff.screener, staff.councillor, staff.iro):
        assert working_day(user) is None
        page = client_for(user).get(reverse("home")).content.decode()
        assert "My working day" not in page and "Signed in as" in page
