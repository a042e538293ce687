"""An assessment that can no longer be done is not shown as due (issue 20): a case whose child has
been looked after from it (still in care, or a care leaver), or on which a plan has started, owes no
"start and authorise" item dated from a referral years ago; a live case still does, and an
assessment already started stays on the list until it is authorised."""

import datetime

import time_machine
from django.urls import reverse

from hearth.assessment.models import Assessment
from hearth.assessment.services import assessment_start
from hearth.testing.care_leaver_journeys import care_leaver
from hearth.testing.journeys import allocated_case, at, looked_after_child, new_child
from hearth.testing.protection_journeys import child_on_plan
from hearth.worklists.selectors import assessment_still_owed, worklist_for_child, worklist_for_worker

D = datetime.date
NOW = datetime.datetime(2024, 6, 20, 12, 0, tzinfo=datetime.UTC)


def assessment_items(items):
    return [(item.child_name, item.duty) for item in items if item.duty.startswith("Assessment")]


@time_machine.travel(NOW, tick=False)
def test_a_looked_after_childs_old_case_owes_no_assessment_while_a_live_case_does(staff, client_for):
    looked_after_child(staff, new_child(staff, "Kit", "Carer"), D(2019, 3, 11))  # case opened 8 Mar 2019
    # Referral Fri 3 May 2024: due 45 working days later, Tue 9 Jul 2024 (local 35: Tue 25 Jun).
    allocated_case(staff, new_child(staff, "Robin"), at(D(2024, 5, 3), 10))
    items = worklist_for_worker(staff.social_worker, user=staff.social_worker.user)
    assert assessment_items(items) == [("Robin Example", "Assessment: start and authorise")]
    [robin] = [item for item in items if item.duty.startswith("Assessment")]
    assert (robin.due, robin.local_due) == (D(2024, 7, 9), D(2024, 6, 25))
    page = client_for(staff.social_worker.user).get(reverse("worklists:mine")).content.decode()
    assert "Kit Carer" in page  # the looked-after child's real duties are still listed
    assert page.count("Assessment: start and authorise") == 1


@time_machine.travel(NOW, tick=False)
def test_a_care_leavers_case_owes_no_assessment_on_the_childs_page_either(staff):
    child = care_leaver(staff, "Sam", "Leaver", D(2005, 1, 10), D(2018, 9, 3), D(2023, 1, 10))
    assert assessment_items(worklist_for_child(child, user=staff.social_worker.user)) == []
    assert assessment_items(worklist_for_worker(staff.social_worker, user=staff.social_worker.user)) == []


@time_machine.travel(NOW, tick=False)
def test_a_case_whose_protection_plan_started_owes_no_assessment(staff):
    child_on_plan(staff, new_child(staff, "Ari"), D(2023, 2, 1), D(2023, 2, 20))
    assert assessment_items(worklist_for_worker(staff.social_worker, user=staff.social_worker.user)) == []


@time_machine.travel(NOW, tick=False)
def test_an_assessment_started_before_care_stays_owed_until_authorised(staff):
    period = looked_after_child(staff, new_child(staff, "Jo", "Started"), D(2024, 5, 20))
    assessment_start(actor=staff.social_worker.user, referral_id=period.referral_id, started_on=D(2024, 5, 17))
    assert assessment_items(worklist_for_worker(staff.social_worker, user=staff.social_worker.user)) == [
        ("Jo Started", "Assessment started 17 May 2024: record, submit and authorise")
    ]


def test_the_rule_by_hand():
    started, authorised = Assessment(started_on=D(2024, 1, 2)), Assessment(authorised_on=D(2024, 1, 5))
    assert assessment_still_owed([], past_assessment=False)  # a live case at its assessment stage
    assert not assessment_still_owed([], past_assessment=True)  # care or a plan started: superseded
    assert assessment_still_owed([started], past_assessment=True)  # started: it can be finished
    assert not assessment_still_owed([authorised], past_assessment=False)
