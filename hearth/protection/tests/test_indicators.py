"""Each child protection indicator with a hand-worked example.

The council (statutory year 2025-26, figures as at Tue 30 September 2025, 20,000 children aged 0-17):

  Ada   strategy/s47 Thu 1 May, ICPC Fri 23 May (working day 15: on time), plan NEG; first core group
        Mon 9 June (WD 10: on time); review Fri 22 Aug (due 23 Aug: on time) changes category to EMO.
  Ben   s47 Thu 1 May, ICPC Tue 27 May (WD 16, late), plan EMO; first core group Wed 11 June (due
        Tue 10 June: late); no review by 30 Sept though the first was due Wed 27 Aug.
  Cal   s47 Mon 2 June, ICPC Mon 16 June (WD 10: on time), no plan.
  Dee   s47 Mon 2 June: concerns not substantiated, no conference.
  Eve   first plan from an ICPC on Mon 15 July 2024 (s47 Mon 1 July 2024), PHY, ended Fri 1 Aug 2025 (a
        year); then s47 Mon 1 Sept 2025, ICPC Fri 12 Sept (WD 9), plan SAB: her second plan; no core
        group by 30 Sept though it was due Fri 26 Sept (WD 10).
  Fay   plan from Fri 2 June 2023 ended Mon 2 June 2025: exactly 2 years.

(Bank holidays: Mon 5 May and Mon 26 May 2025.) Concerns: Ada's chair raised one on Fri 23 May at
the informal stage, escalated to stage 1 on Fri 30 May, resolved Fri 6 June; Ben's chair raised one
on Tue 27 May, resolved informally on Wed 28 May.
"""

import datetime
from decimal import Decimal

import pytest

from hearth.performance.selectors import display_value, result_by_id
from hearth.performance.services import population_set
from hearth.protection import services
from hearth.protection.models import ConferenceDecision, Section47Outcome
from hearth.testing.journeys import allocated_case, at, new_child
from hearth.testing.protection_journeys import CONFERENCE_REASONS, child_on_plan, icpc, strategy_to_s47

D = datetime.date
AS_OF = D(2025, 9, 30)


def core_group(staff, plan, day):
    services.core_group_record(
        actor=staff.social_worker.user, plan_id=plan.pk, held_on=day, attendance="Family, school", summary="Reviewed"
    )


def concern(staff, conference, raised_on):
    return services.escalation_raise(
        actor=staff.iro, conference_id=conference.pk, raised_on=raised_on, concern="Late reports", with_whom="TM"
    ).steps.get()


@pytest.fixture
def council(staff):
    population_set(actor=staff.performance_officer, year=2025, children=20000, source="ONS mid-2024 (synthetic)")
    ada = child_on_plan(staff, new_child(staff, "Ada", "Indic"), D(2025, 5, 1), D(2025, 5, 23), category="NEG")
    core_group(staff, ada, D(2025, 6, 9))
    services.review_conference_record(
        actor=staff.iro,
        plan_id=ada.pk,
        held_on=D(2025, 8, 22),
        chair=staff.iro,
        attendance="All",
        child_views="Happier",
        decision_reasons=CONFERENCE_REASONS,
        decision=ConferenceDecision.CONTINUE,
        category="EMO",
    )
    ben = child_on_plan(staff, new_child(staff, "Ben", "Indic"), D(2025, 5, 1), D(2025, 5, 27), category="EMO")
    core_group(staff, ben, D(2025, 6, 11))

    cal_case = allocated_case(staff, new_child(staff, "Cal", "Indic"), at(D(2025, 6, 2), 9))
    icpc(staff, strategy_to_s47(staff, cal_case, D(2025, 6, 2)), D(2025, 6, 16), decision=ConferenceDecision.NO_PLAN)
    dee_case = allocated_case(staff, new_child(staff, "Dee", "Indic"), at(D(2025, 6, 2), 9))
    services.section47_conclude(
        actor=staff.social_worker.user,
        enquiry_id=strategy_to_s47(staff, dee_case, D(2025, 6, 2)).pk,
        outcome=Section47Outcome.NOT_SUBSTANTIATED,
        outcome_on=D(2025, 6, 20),
    )

    eve_first = child_on_plan(staff, new_child(staff, "Eve", "Indic"), D(2024, 7, 1), D(2024, 7, 15), category="PHY")
    services.protection_plan_end(
        actor=staff.team_manager.user, plan_id=eve_first.pk, ended_on=D(2025, 8, 1), reason="NO_RISK"
    )
    icpc(staff, strategy_to_s47(staff, eve_first.referral, D(2025, 9, 1)), D(2025, 9, 12), category="SAB")

    fay = child_on_plan(staff, new_child(staff, "Fay", "Indic"), D(2023, 5, 22), D(2023, 6, 2))
    services.protection_plan_end(actor=staff.team_manager.user, plan_id=fay.pk, ended_on=D(2025, 6, 2), reason="MOVED")

    informal = concern(staff, ada.initial_conference, D(2025, 5, 23))
    stage_1 = services.escalation_step_close(
        actor=staff.iro,
        step_id=informal.pk,
        closed_on=D(2025, 5, 30),
        outcome="ESCALATED",
        outcome_detail="No reply",
        next_with_whom="Service manager",
    )
    services.escalation_step_close(
        actor=staff.iro, step_id=stage_1.pk, closed_on=D(2025, 6, 6), outcome="RESOLVED", outcome_detail="Agreed"
    )
    services.escalation_step_close(
        actor=staff.iro,
        step_id=concern(staff, ben.initial_conference, D(2025, 5, 27)).pk,
        closed_on=D(2025, 5, 28),
        outcome="RESOLVED",
        outcome_detail="Sorted",
    )


def figure(indicator_id, as_of=AS_OF):
    result = result_by_id(indicator_id, as_of)
    return result.numerator, result.denominator, display_value(result)


def test_s01_s47_enquiries_per_10000(council):
    # Started since 1 April 2025: Ada, Ben, Cal, Dee, Eve's second = 5 (Eve's 2024 and Fay's 2023
    # enquiries are last years'). 5 x 10,000 / 20,000 = 2.5.
    assert figure("S01") == (5, 20000, Decimal("2.5"))


def test_s02_icpcs_within_15_working_days(council):
    # Held since 1 April: Ada (WD 15), Ben (WD 16, late), Cal (WD 10), Eve (WD 9): 3 of 4.
    assert figure("S02") == (3, 4, Decimal("75.0"))
    late = [row for row in result_by_id("S02", AS_OF).rows if not row.counted]
    assert [(row.child_name, row.due, row.stopped) for row in late] == [("Ben Indic", D(2025, 5, 23), D(2025, 5, 27))]


def test_p01_children_on_plans_per_10000(council):
    # Open on 30 Sept: Ada, Ben, Eve (second plan). 3 x 10,000 / 20,000 = 1.5. On 31 May: Ada, Ben,
    # Eve's first plan (to 1 Aug) and Fay's (to 2 June): 4, so 2.0.
    assert figure("P01") == (3, 20000, Decimal("1.5"))
    assert figure("P01", D(2025, 5, 31)) == (4, 20000, Decimal("2.0"))  # Ada, Ben, Eve's first, Fay


def test_p01_has_no_value_without_a_population(council):
    from hearth.performance.models import ChildPopulation

    ChildPopulation.objects.all().delete()
    assert figure("P01") == (3, 0, None)


def test_p02_plans_by_latest_category_as_it_stood_on_the_date(council):
    # 30 Sept: Ada EMO (changed at her 22 Aug review), Ben EMO, Eve SAB: EMO 2 of 3, NEG none.
    assert figure("P02EMO") == (2, 3, Decimal("66.7"))
    assert figure("P02NEG") == (0, 3, Decimal("0.0"))
    assert figure("P02SAB") == (1, 3, Decimal("33.3"))
    # 21 Aug, before the review: Ada NEG, Ben EMO (Eve's first plan ended 1 Aug): NEG 1 of 2.
    assert figure("P02NEG", D(2025, 8, 21)) == (1, 2, Decimal("50.0"))


def test_p03_plans_ended_lasting_two_years_or_more(council):
    # Ended since 1 April: Fay's (2 June 2023 to 2 June 2025: exactly 2 years, counted) and Eve's
    # first (15 July 2024 to 1 Aug 2025). 1 of 2.
    assert figure("P03") == (1, 2, Decimal("50.0"))


def test_p04_second_or_subsequent_plans(council):
    # Started since 1 April: Ada, Ben, Eve's second (one previous plan): 1 of 3.
    assert figure("P04") == (1, 3, Decimal("33.3"))


def test_p05_reviews_in_timescale(council):
    # On a plan 3 months or more on 30 Sept: Ada (from 23 May) and Ben (from 27 May); Eve's started
    # 12 Sept. Ada's review 22 Aug was due 23 Aug and her next is due 22 Feb 2026: counted. Ben's
    # first was due 27 Aug and has not happened: not counted. 1 of 2.
    assert figure("P05") == (1, 2, Decimal("50.0"))
    ben = next(row for row in result_by_id("P05", AS_OF).rows if row.child_name == "Ben Indic")
    assert ben.due == D(2025, 8, 27) and not ben.counted


def test_p07_first_core_group_within_10_working_days(council):
    # Started since 1 April: Ada (core group on its due date 9 June: counted), Ben (11 June, due 10
    # June: late), Eve (due 26 Sept, none by 30 Sept: late). 1 of 3. On 20 Sept Eve is still inside
    # her 10 working days and is left out: 1 of 2.
    assert figure("P07") == (1, 3, Decimal("33.3"))
    assert figure("P07", D(2025, 9, 20)) == (1, 2, Decimal("50.0"))


def test_conference_concerns_by_stage(council):
    # Informal: Ada's (23 May) and Ben's (27 May) = 2; stage 1: Ada's (30 May) = 1; stages 2 and 3: 0.
    assert figure("P08I")[0] == 2
    assert figure("P08S1")[0] == 1
    assert figure("P08S2")[0] == 0 and figure("P08S3")[0] == 0
    # Before 30 May the stage 1 step had not opened.
    assert figure("P08S1", D(2025, 5, 29))[0] == 0


def test_a_published_month_freezes_the_rate_with_its_population(staff, council):
    from hearth.performance.services import snapshot_publish

    snapshot = snapshot_publish(actor=staff.performance_officer, month=D(2025, 9, 1))
    p01 = snapshot.figures.get(indicator_id="P01")
    assert (p01.unit, p01.numerator, p01.denominator, p01.value) == ("per 10,000", 3, 20000, Decimal("1.5"))
    assert sorted(p01.rows.values_list("child__first_name", flat=True)) == ["Ada", "Ben", "Eve"]


def test_the_performance_page_shows_rates_per_10000_with_the_population(staff, council, client_for):
    from django.urls import reverse

    client = client_for(staff.performance_officer)
    page = client.get(
        reverse("performance:index"), {"as_of_day": 30, "as_of_month": 9, "as_of_year": 2025}
    ).content.decode()
    assert "1.5 per 10,000" in page and "3 children; 20000 children aged 0-17" in page
    drilldown = client.get(
        reverse("performance:drilldown", args=["P01"]), {"as_of_day": 30, "as_of_month": 9, "as_of_year": 2025}
    ).content.decode()
    assert "1.5 per 10,000 children" in drilldown and "Ben Indic" in drilldown
