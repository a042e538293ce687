"""Q01 and Q02 worked by hand, with the stage-by-outcome table on the case audits page."""

import datetime
from decimal import Decimal

import pytest

from hearth.performance.selectors import display_value, result_by_id
from hearth.protection.services import escalation_raise, escalation_step_close
from hearth.quality.indicators import escalations_by_stage_and_outcome
from hearth.quality.models import Grade
from hearth.quality.services import ActionDraft, case_audit_record
from hearth.testing.journeys import allocated_case, at, new_child
from hearth.testing.protection_journeys import icpc, strategy_to_s47

D = datetime.date
AS_OF = D(2025, 9, 30)  # the year to date runs from 1 April 2025
pytestmark = pytest.mark.django_db


def test_q01_is_the_share_of_this_years_audits_graded_good_or_outstanding(staff):
    case = allocated_case(staff, new_child(staff, "Hazel", "Marsh"), at(D(2025, 3, 1), 9))

    def audit(day, grade):
        actions = [] if grade in (Grade.GOOD, Grade.OUTSTANDING) else [ActionDraft("Act", staff.social_worker.pk, day)]
        case_audit_record(
            actor=staff.performance_officer,
            referral_id=case.pk,
            audited_on=day,
            grade=grade,
            strengths="s",
            findings="f",
            child_voice_evident=True,
            actions=actions,
        )

    audit(D(2025, 3, 31), Grade.INADEQUATE)  # last year: not counted
    audit(D(2025, 4, 1), Grade.OUTSTANDING)  # first day of the year: in
    audit(D(2025, 5, 10), Grade.GOOD)
    audit(D(2025, 6, 10), Grade.REQUIRES_IMPROVEMENT)
    audit(D(2025, 7, 10), Grade.INADEQUATE)
    audit(D(2025, 9, 30), Grade.GOOD)  # the date itself: in
    audit(D(2025, 10, 1), Grade.GOOD)  # after the date: not yet
    result = result_by_id("Q01", AS_OF)
    # 5 audits from 1 April to 30 September; outstanding, good, good are good or better: 3 / 5.
    assert (result.numerator, result.denominator) == (3, 5)
    assert display_value(result) == Decimal("60.0")
    assert [row.subject.split(": ")[1] for row in result.rows] == [
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
        "Good",
    ]
    assert {row.worker for row in result.rows} == {"Nina Tester"} and {row.team for row in result.rows} == {"North"}


def test_q02_counts_this_years_escalation_stages_by_outcome_as_at_the_date(staff):
    case = allocated_case(staff, new_child(staff, "Corin", "Ash"), at(D(2025, 5, 1), 9))
    conference = icpc(staff, strategy_to_s47(staff, case, D(2025, 5, 1)), D(2025, 5, 20))

    def raise_concern(day):
        concern = escalation_raise(
            actor=staff.iro, conference_id=conference.pk, raised_on=day, concern="Reports late", with_whom="TM"
        )
        return concern.steps.get()

    def close(step, day, outcome, next_with_whom=""):
        return escalation_step_close(
            actor=staff.iro,
            step_id=step.pk,
            closed_on=day,
            outcome=outcome,
            outcome_detail="Detail",
            next_with_whom=next_with_whom,
        )

    close(raise_concern(D(2025, 5, 21)), D(2025, 5, 28), "RESOLVED")  # A: informal, resolved
    close(raise_concern(D(2025, 6, 2)), D(2025, 6, 9), "ESCALATED", "Service manager")  # B: informal, escalated
    # ... and B's stage 1 opened 9 June, still open.
    close(raise_concern(D(2025, 7, 1)), D(2025, 10, 5), "RESOLVED")  # C: resolved after the date: open then
    raise_concern(D(2025, 10, 2))  # D: raised after the date: not counted

    # As at 30 September: A informal resolved; B informal escalated; B stage 1 open; C informal open.
    counts = {i: result_by_id(i, AS_OF).numerator for i in ("Q02R", "Q02E", "Q02O")}
    assert counts == {"Q02R": 1, "Q02E": 1, "Q02O": 2}
    assert {result_by_id(i, AS_OF).denominator for i in counts} == {4}
    assert display_value(result_by_id("Q02O", AS_OF)) == Decimal(2)
    assert result_by_id("P08I", AS_OF).numerator == 3  # the stages agree with P08's count
    table = escalations_by_stage_and_outcome(AS_OF)
    assert table["outcomes"] == ["Resolved", "Escalated", "Open"]
    assert [(line["stage"], line["counts"]) for line in table["lines"]] == [
        ("Informal", [1, 1, 1]),
        ("Stage 1", [0, 0, 1]),
        ("Stage 2", [0, 0, 0]),
        ("Stage 3", [0, 0, 0]),
    ]
    assert table["totals"] == [1, 1, 2] and table["total"] == 4
    # After C's resolution on 5 October it counts as resolved.
    assert result_by_id("Q02R", D(2025, 10, 5)).numerator == 2
