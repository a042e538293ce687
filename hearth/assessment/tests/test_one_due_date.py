"""One due date for one assessment (issue 20): the worklist, the assessment's page, its start page,
the backlog and A03 all count Working Together's 45 working days from the referral (T03), with the
council's 35 as the local target, even when the assessment started weeks after the referral.

Worked by hand with the 2024 bank holidays (Mon 6 May, Mon 27 May): referral Fri 3 May 2024 is
day 0; working day 35 is Tue 25 Jun and working day 45 Tue 9 Jul. Counted from the start, Mon 20
May, day 45 would be Tue 23 Jul: a date no page may show."""

import datetime

import time_machine
from django.urls import reverse

from hearth.assessment.selectors import backlog
from hearth.assessment.services import assessment_start
from hearth.performance.selectors import result_by_id
from hearth.testing.journeys import allocated_case, at, new_child
from hearth.worklists.selectors import worklist_for_worker

D = datetime.date


@time_machine.travel(datetime.datetime(2024, 7, 10, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_worklist_the_assessment_page_and_the_backlog_show_the_same_due_date(staff, client_for):
    referral = allocated_case(staff, new_child(staff, "Tam"), at(D(2024, 5, 3), 10))
    worker = staff.social_worker.user
    start_page = client_for(worker).get(reverse("assessment:start", args=[referral.pk])).content.decode()
    assert "Due 9 July 2024" in start_page and "Local target: 25 June 2024" in start_page
    assessment = assessment_start(actor=worker, referral_id=referral.pk, started_on=D(2024, 5, 20))

    [item] = worklist_for_worker(staff.social_worker, user=worker)
    assert (item.due, item.local_due) == (D(2024, 7, 9), D(2024, 6, 25))

    page = client_for(worker).get(reverse("assessment:detail", args=[assessment.pk])).content.decode()
    assert "Due 9 July 2024: 45 working days from referral, Working Together 2023 (3 May 2024)" in page
    assert "Local target: 25 June 2024" in page
    assert "23 July 2024" not in page

    [team] = backlog(user=staff.team_manager.user, as_of=D(2024, 7, 10)).teams
    [row] = team.workers[0].rows
    assert (row.due, row.local_due, row.working_days, row.past_national) == (D(2024, 7, 9), D(2024, 6, 25), 46, True)

    [a03_row] = result_by_id("A03", D(2024, 7, 10)).rows
    assert (a03_row.started, a03_row.due) == (D(2024, 5, 3), D(2024, 7, 9))
