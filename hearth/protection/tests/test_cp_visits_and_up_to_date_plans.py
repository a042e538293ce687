"""P06 (CP visits in timescale) and N02 (CP plans up to date) with hand-worked examples; children on
a CP plan on the visits worklist and the visit form; the child protection row of the up-to-date
plans page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from hearth.cin.plan_types import up_to_date_by_plan_type
from hearth.performance.selectors import display_value, result_by_id
from hearth.protection import services
from hearth.protection.models import ConferenceDecision
from hearth.testing.cin_journeys import visit
from hearth.testing.journeys import new_child
from hearth.testing.protection_journeys import CONFERENCE_REASONS, child_on_plan
from hearth.visits.plans import plans_for_visits
from hearth.visits.timeliness import PlanKind

D = datetime.date
pytestmark = pytest.mark.django_db


def on_plan(staff, name, icpc_on, s47_on=None):
    return child_on_plan(
        staff, new_child(staff, name, "Protect"), s47_on or icpc_on - datetime.timedelta(days=7), icpc_on
    )


def test_p06_cp_visits_in_timescale_on_1_september_2025(staff):
    # Every plan starts at an ICPC on Mon 11 Aug 2025; Mon 25 Aug 2025 is a bank holiday.
    # T09, 10 working days (day 0 the start): from Mon 11 Aug: 12, 13, 14, 15 (4), 18-22 (9), [25 Aug
    #   bank holiday], Tue 26 Aug (10): due Tue 26 Aug.
    # Ada seen Fri 15 Aug: 18-22 (5), [25], 26, 27, 28, 29 (9), Mon 1 Sep (10): due Mon 1 Sep, in
    #   timescale on 1 Sep (the due day itself), overdue on Tue 2 Sep.
    # Ben never visited: due Tue 26 Aug, overdue.
    # Cal visited Wed 20 Aug but not seen, and Fri 22 Aug the visit could not happen (abroad): neither
    #   stops the clock: due Tue 26 Aug, overdue; his row says why.
    # Dee seen alone Thu 28 Aug: 29 Aug, 1-5 Sep (6), 8-11 Sep (10): due Thu 11 Sep, in timescale.
    # Eve seen Fri 8 Aug, before her plan began: it does not count: due Tue 26 Aug, overdue.
    # So on Mon 1 Sep: Ada and Dee, 2 of 5 = 40.0%; on Tue 2 Sep: Dee only, 1 of 5 = 20.0%.
    ada = on_plan(staff, "Ada", D(2025, 8, 11))
    visit(staff, ada.referral, D(2025, 8, 15))
    on_plan(staff, "Ben", D(2025, 8, 11))
    cal = on_plan(staff, "Cal", D(2025, 8, 11))
    visit(staff, cal.referral, D(2025, 8, 20), seen=False)
    visit(staff, cal.referral, D(2025, 8, 22), reason="ABROAD")
    dee = on_plan(staff, "Dee", D(2025, 8, 11))
    visit(staff, dee.referral, D(2025, 8, 28), alone=True)
    eve = on_plan(staff, "Eve", D(2025, 8, 11), s47_on=D(2025, 8, 4))
    visit(staff, eve.referral, D(2025, 8, 8))

    result = result_by_id("P06", D(2025, 9, 1))
    assert (result.numerator, result.denominator, display_value(result)) == (2, 5, Decimal("40.0"))
    rows = {row.child_name.split()[0]: row for row in result.rows}
    assert (rows["Ada"].counted, rows["Ada"].due, rows["Ada"].stopped) == (True, D(2025, 9, 1), D(2025, 8, 15))
    assert (rows["Ben"].counted, rows["Ben"].due) == (False, D(2025, 8, 26))
    assert (rows["Cal"].counted, rows["Cal"].due) == (False, D(2025, 8, 26))
    assert "could not happen: Child out of the country" in rows["Cal"].subject
    assert (rows["Dee"].counted, rows["Dee"].due) == (True, D(2025, 9, 11))
    assert (rows["Eve"].counted, rows["Eve"].due, rows["Eve"].stopped) == (False, D(2025, 8, 26), None)
    assert rows["Ada"].worker == "Nina Tester"

    later = result_by_id("P06", D(2025, 9, 2))
    assert (later.numerator, later.denominator) == (1, 5)


def test_p06_follows_the_councils_local_visiting_standard(staff):
    # With a local standard of 8 working days, Ben (never visited, plan from Mon 11 Aug) is due
    # 8 WD on: 12, 13, 14, 15 (4), 18, 19, 20, Thu 21 Aug (8): in timescale on 21 Aug, not on 22 Aug.
    from hearth.timescales.models import LocalStandard

    on_plan(staff, "Ben", D(2025, 8, 11))
    LocalStandard.objects.create(rule_id="T09", limit=8, source="Local: CP visits every 8 working days (test)")
    assert [(row.due, row.counted) for row in result_by_id("P06", D(2025, 8, 21)).rows] == [(D(2025, 8, 21), True)]
    assert [row.counted for row in result_by_id("P06", D(2025, 8, 22)).rows] == [False]


def test_children_on_cp_plans_are_on_the_visits_worklist_and_their_visit_form(staff, client_for):
    plan = on_plan(staff, "Ivy", D(2025, 8, 11))
    offered = plans_for_visits([plan.referral])
    assert [(p.kind, p.started_on, p.child_id) for p in offered] == [
        (PlanKind.CHILD_PROTECTION, D(2025, 8, 11), plan.child_id)
    ]
    from hearth.visits.worklist import visit_due_items

    items = visit_due_items([plan.referral])
    assert [(i.duty, i.due) for i in items] == [
        ("Visit (child protection plan): not yet seen on the plan", D(2025, 8, 26))
    ]
    page = client_for(staff.social_worker.user).get(reverse("visits:record", args=[plan.referral_id]))
    assert "On a child protection plan since 11 August 2025" in page.content.decode()
    assert "26 August 2025" in page.content.decode()
    # Ended: no longer offered.
    services.protection_plan_end(
        actor=staff.team_manager.user, plan_id=plan.pk, ended_on=D(2025, 9, 1), reason="NO_RISK"
    )
    assert plans_for_visits([plan.referral]) == []


def review(staff, plan, held_on, decision=ConferenceDecision.CONTINUE):
    plan.refresh_from_db()
    services.review_conference_record(
        actor=staff.iro,
        plan_id=plan.pk,
        held_on=held_on,
        chair=staff.iro,
        attendance="Parents, school, health",
        child_views="Wants things to stay calm at home",
        decision_reasons=CONFERENCE_REASONS,
        decision=decision,
        category=plan.latest_category if decision == ConferenceDecision.CONTINUE else "",
    )


@pytest.fixture
def plans(staff):
    """T07: first review within 3 months of the ICPC; T08: then within 6 months of the last review.

    Ann  ICPC Fri 13 Jun 2025: first review due Sat 13 Sep; held late, Fri 10 Oct (next due 10 Apr 2026).
    Bob  ICPC Mon 2 Jun 2025: reviewed Mon 1 Sep (due 2 Sep); next due Sun 1 Mar 2026.
    Cat  ICPC Mon 1 Sep 2025: first review due Mon 1 Dec.
    Dan  ICPC Mon 3 Feb 2025: reviewed Fri 2 May (due 3 May); next due Sun 2 Nov 2025.
    Eli  ICPC Wed 5 Mar 2025: plan ended at a review on Mon 2 Jun 2025.
    """
    ann = on_plan(staff, "Ann", D(2025, 6, 13))
    review(staff, ann, D(2025, 10, 10))
    bob = on_plan(staff, "Bob", D(2025, 6, 2))
    review(staff, bob, D(2025, 9, 1))
    on_plan(staff, "Cat", D(2025, 9, 1))
    dan = on_plan(staff, "Dan", D(2025, 2, 3))
    review(staff, dan, D(2025, 5, 2))
    eli = on_plan(staff, "Eli", D(2025, 3, 5))
    review(staff, eli, D(2025, 6, 2), decision=ConferenceDecision.END)


def test_n02_cp_plans_up_to_date_on_30_september_2025(plans):
    # On Tue 30 Sep 2025 Ann, Bob, Cat and Dan are on plans (Eli's ended 2 Jun). Ann's first review
    # was due 13 Sep and not held by 30 Sep (10 Oct is later): not up to date. Bob (due 1 Mar 2026),
    # Cat (due 1 Dec) and Dan (due 2 Nov) are: 3 of 4 = 75.0%.
    result = result_by_id("N02", D(2025, 9, 30))
    assert (result.numerator, result.denominator, display_value(result)) == (3, 4, Decimal("75.0"))
    rows = {row.child_name.split()[0]: row for row in result.rows}
    assert (rows["Ann"].counted, rows["Ann"].due, rows["Ann"].stopped) == (False, D(2025, 9, 13), None)
    assert (rows["Bob"].counted, rows["Bob"].due, rows["Bob"].stopped) == (True, D(2026, 3, 1), D(2025, 9, 1))
    assert (rows["Dan"].counted, rows["Dan"].due) == (True, D(2025, 11, 2))
    # On Sat 13 Sep, Ann's due day, her plan is still up to date: 4 of 4.
    assert result_by_id("N02", D(2025, 9, 13)).numerator == 4


def test_the_up_to_date_plans_page_shows_child_protection_with_its_lowest_point(plans):
    # Month-ends Nov 2024 to Sep 2025, and 31 Oct 2025 itself: before Feb 2025 no plans (no figure);
    # 28 Feb to 31 Aug every plan on it is within its review interval (100%); 30 Sep 75.0% (above);
    # 31 Oct: Ann reviewed 10 Oct, Bob, Cat and Dan (due 2 Nov) all up to date: 4 of 4, 100%.
    lines = {line.plan_type.name: line for line in up_to_date_by_plan_type(D(2025, 10, 31))}
    cp = lines["Child protection"]
    assert cp.recorded and cp.indicator.id == "N02"
    assert (cp.now, cp.numerator, cp.denominator, cp.lowest, cp.lowest_on) == (
        Decimal("100.0"),
        4,
        4,
        Decimal("75.0"),
        D(2025, 9, 30),
    )


def test_the_lowest_point_at_a_published_month_end_is_the_figure_as_published(plans, staff):
    # September 2025 is published at 75.0% (3 of 4, above). Then Fay's plan is recorded: ICPC Mon
    # 2 Jun 2025 and no review since, so her first review was due Tue 2 Sep and the record now says
    # 30 Sep was 3 of 5 (60.0%). The page reads 30 Sep as it was published, 75.0%, as the scorecard
    # does; on 31 Oct (worked out from the record) Ann, Bob, Cat and Dan are up to date and Fay is
    # not: 4 of 5, 80.0%. The lowest point is 75.0% on 30 Sep, as published.
    from hearth.performance.services import snapshot_publish

    snapshot_publish(actor=staff.performance_officer, month=D(2025, 9, 1))
    on_plan(staff, "Fay", D(2025, 6, 2))
    assert result_by_id("N02", D(2025, 9, 30)).numerator == 3  # the record: 3 of 5
    assert result_by_id("N02", D(2025, 9, 30)).denominator == 5
    cp = {line.plan_type.name: line for line in up_to_date_by_plan_type(D(2025, 10, 31))}["Child protection"]
    assert (cp.now, cp.lowest, cp.lowest_on, cp.lowest_published) == (
        Decimal("80.0"),
        Decimal("75.0"),
        D(2025, 9, 30),
        True,
    )
