"""Recording previous permanence and an adoption's decision, reversal and match: each DfE rule about
one fact refused at recording, worked by hand, with nothing written on a refusal."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.audit.models import AuditEvent
from hearth.permanence import services
from hearth.permanence.models import AdoptionDecision, AdoptionMatch, PreviousPermanence
from hearth.testing.adoption_journeys import (
    adoption_order,
    child_in_care,
    decide,
    match,
    place_for_adoption,
    placement_order,
)

D = datetime.date


@pytest.fixture
def period(staff):
    # Born 10 January 2020; looked after from 8 January 2024.
    return child_in_care(staff)


def _previous(staff, period, **kwargs):
    return services.previous_permanence_record(actor=staff.social_worker.user, period_id=period.pk, **kwargs)


def _refused(call, field=None, text=""):
    with pytest.raises(ValidationError) as refused:
        call()
    messages = refused.value.message_dict[field] if field else refused.value.messages
    assert any(text in message for message in messages), messages
    return refused


# Previous permanence --------------------------------------------------------------------------


def test_none_is_recorded_once_for_the_period_with_its_audit_row(staff, period):
    record = _previous(staff, period, option="Z1")
    assert (record.option, record.la_code, record.order_year, record.child_id) == ("Z1", "", None, period.child_id)
    assert AuditEvent.objects.filter(action="permanence.previous_permanence", object_id=str(record.pk)).exists()
    _refused(lambda: _previous(staff, period, option="P1"), text="is already recorded")
    assert PreviousPermanence.objects.get().option == "Z1"


def test_a_special_guardianship_order_with_only_its_month_known(staff, period):
    record = _previous(staff, period, option="P2", la_code=" 316 ", order_year=2022, order_month=5)
    assert (record.la_code, record.order_year, record.order_month, record.order_day) == ("316", 2022, 5, None)


@pytest.mark.parametrize(
    ("fields", "field", "text"),
    [
        ({"option": "Z1", "la_code": "316"}, "option", "rule 635"),
        ({"option": "Z1", "order_year": 2021}, "option", "rule 635"),
        ({"option": "P1", "la_code": "123"}, "la_code", "rule 633"),
        ({"option": "P9"}, "option", "Choose whether"),
        ({"option": "P1", "order_year": 2021, "order_day": 3}, "order_day", "only with its month"),
        ({"option": "P1", "order_month": 3}, "order_month", "only with its year"),
        ({"option": "P1", "order_year": 2021, "order_month": 2, "order_day": 30}, "order_day", "exists"),
        # Started care on 8 January 2024: "some day in 2024" may be after it (rule 632 takes the
        # latest day a partial date can be); the order on the day care started is not before it.
        ({"option": "P3", "order_year": 2024}, "order_year", "rule 632"),
        ({"option": "P3", "order_year": 2024, "order_month": 1, "order_day": 8}, "order_year", "rule 632"),
        # Born 10 January 2020: December 2019 is before birth.
        ({"option": "P2", "order_year": 2019, "order_month": 12}, "order_year", "before the child was born"),
    ],
)
def test_refused_previous_permanence_writes_nothing(staff, period, fields, field, text):
    _refused(lambda: _previous(staff, period, **fields), field, text)
    assert not PreviousPermanence.objects.exists()


def test_an_order_the_day_before_care_with_the_council_outside_england(staff, period):
    record = _previous(staff, period, option="P1", la_code="sco", order_year=2024, order_month=1, order_day=7)
    assert record.la_code == "SCO"


def test_an_iro_cannot_record_previous_permanence(staff, period):
    _refused(lambda: services.previous_permanence_record(actor=staff.iro, period_id=period.pk, option="Z1"))


# The decision ---------------------------------------------------------------------------------


def test_a_decision_belongs_to_the_period_it_was_made_in(staff, period):
    decision = decide(staff, period, on=D(2024, 3, 1))
    assert (decision.period_id, decision.decided_on, decision.in_force) == (period.pk, D(2024, 3, 1), True)
    assert AuditEvent.objects.filter(action="permanence.adoption_decision").count() == 1


def test_a_decision_before_the_child_was_looked_after_is_refused(staff, period):
    _refused(lambda: decide(staff, period, on=D(2024, 1, 7)), "decided_on", "rules 334 and 1003")
    assert not AdoptionDecision.objects.exists()


def test_a_decision_after_the_placement_order_is_refused(staff, period):
    placement_order(staff, period, on=D(2024, 5, 1))
    _refused(lambda: decide(staff, period, on=D(2024, 5, 2)), "decided_on", "rule 554")
    assert decide(staff, period, on=D(2024, 5, 1)).decided_on == D(2024, 5, 1)  # the same day is in time


def test_a_decision_after_the_placement_for_adoption_is_refused(staff, period):
    place_for_adoption(staff, period, on=D(2024, 9, 2), placement_type="A4")
    _refused(lambda: decide(staff, period, on=D(2024, 9, 3)), "decided_on", "rules 521 and 552")


def test_one_decision_in_force_and_a_new_one_only_after_the_reversal(staff, period):
    first = decide(staff, period, on=D(2024, 3, 1))
    _refused(lambda: decide(staff, period, on=D(2024, 4, 1)), "decided_on", "rule 579")
    services.adoption_decision_reverse(
        actor=staff.social_worker.user, decision_id=first.pk, version=1, reversed_on=D(2024, 6, 1), reason="RD1"
    )
    _refused(lambda: decide(staff, period, on=D(2024, 5, 31)), "decided_on", "reversed on 1 June 2024")
    second = decide(staff, period, on=D(2024, 6, 1))
    assert AdoptionDecision.objects.filter(reversed_on__isnull=True).get() == second


# Its reversal ---------------------------------------------------------------------------------


def _reverse(staff, decision, **kwargs):
    fields = {"version": decision.version, "reversed_on": D(2024, 6, 1), "reason": "RD3"} | kwargs
    return services.adoption_decision_reverse(actor=staff.social_worker.user, decision_id=decision.pk, **fields)


def test_a_reversal_has_its_date_and_reason(staff, period):
    decision = _reverse(staff, decide(staff, period))
    assert (decision.reversed_on, decision.reversal_reason, decision.version) == (D(2024, 6, 1), "RD3", 2)
    _refused(lambda: _reverse(staff, decision), text="was reversed on 1 June 2024")


@pytest.mark.parametrize(
    ("fields", "field", "text"),
    [
        ({"reason": ""}, "reason", "rule 119"),
        ({"reason": "RD9"}, "reason", "rule 119"),
        ({"reversed_on": D(2024, 2, 29)}, "reversed_on", "rule 522"),
        ({"version": 7}, None, "Someone else changed"),
    ],
)
def test_refused_reversals_change_nothing(staff, period, fields, field, text):
    decision = decide(staff, period, on=D(2024, 3, 1))
    _refused(lambda: _reverse(staff, decision, **fields), field, text)
    decision.refresh_from_db()
    assert (decision.reversed_on, decision.version) == (None, 1)


def test_a_reversal_after_care_ended_is_refused(staff, period):
    decision = decide(staff, period)
    adoption_order(staff, period, on=D(2024, 7, 1), reason="E13")
    _refused(lambda: _reverse(staff, decision, reversed_on=D(2024, 7, 2)), "reversed_on", "rule 117")
    assert _reverse(staff, decision, reversed_on=D(2024, 7, 1)).reversed_on == D(2024, 7, 1)


def test_the_decision_behind_an_adoption_is_never_reversed(staff, period):
    decision = decide(staff, period)
    placement_order(staff, period)
    match(staff, decision)
    place_for_adoption(staff, period)
    adoption_order(staff, period, on=D(2025, 6, 3))
    _refused(lambda: _reverse(staff, decision, reversed_on=D(2025, 6, 3)), text="rules 525 and 558")


# The match ------------------------------------------------------------------------------------


def test_a_match_with_the_adopters_details(staff, period):
    decision = decide(staff, period)
    recorded = match(staff, decision, on=D(2024, 8, 15), number=2, sex="FF", legal_status="L2")
    assert (recorded.matched_on, recorded.adopters_number, recorded.adopters_sex) == (D(2024, 8, 15), 2, "FF")
    assert AuditEvent.objects.filter(action="permanence.adoption_match").count() == 1
    _refused(lambda: match(staff, decision, on=D(2024, 8, 15)), "matched_on", "already recorded")


def test_a_match_before_the_decision_is_refused(staff, period):
    decision = decide(staff, period, on=D(2024, 3, 1))
    _refused(lambda: match(staff, decision, on=D(2024, 2, 29)), "matched_on", "rule 333")


def test_a_match_after_the_placement_for_adoption_is_refused(staff, period):
    decision = decide(staff, period)
    place_for_adoption(staff, period, on=D(2024, 9, 2))
    _refused(lambda: match(staff, decision, on=D(2024, 9, 3)), "matched_on", "rule 331")
    assert match(staff, decision, on=D(2024, 9, 2)).matched_on == D(2024, 9, 2)  # the same day is allowed


def test_a_match_on_the_day_of_the_adoption_order_is_refused(staff, period):
    decision = decide(staff, period)
    place_for_adoption(staff, period, on=D(2024, 9, 2), placement_type="A4")
    adoption_order(staff, period, on=D(2025, 6, 3))
    _refused(lambda: match(staff, decision, on=D(2025, 6, 3)), "matched_on", "rules 331 and 582")


def test_no_match_under_a_reversed_decision(staff, period):
    decision = _reverse(staff, decide(staff, period))
    _refused(lambda: match(staff, decision, on=D(2024, 5, 1)), text="was reversed on 1 June 2024")


@pytest.mark.parametrize(
    ("number", "sex", "legal_status", "field", "text"),
    [
        (2, "M1", "L11", "adopters_sex", "rule 511"),
        (1, "MM", "L0", "adopters_sex", "single man"),
        (2, "MM", "L0", "adopters_legal_status", "rule 514"),
        (2, "FF", "L11", "adopters_legal_status", "rule 520"),
        (2, "MF", "L12", "adopters_legal_status", "rule 524"),
        (1, "F1", "L2", "adopters_legal_status", "rule 519"),
        (2, "MM", "L3", "adopters_legal_status", "rule 517"),
        (2, "MF", "L4", "adopters_legal_status", "rule 518"),
        (3, "MF", "L11", "adopters_number", "one adopter or two"),
        (2, "XX", "L11", "adopters_sex", "Choose the adopters' sex"),
    ],
)
def test_adopters_details_that_do_not_fit_are_refused(staff, period, number, sex, legal_status, field, text):
    decision = decide(staff, period)
    _refused(lambda: match(staff, decision, number=number, sex=sex, legal_status=legal_status), field, text)
    assert not AdoptionMatch.objects.exists()


@pytest.mark.parametrize(
    ("number", "sex", "legal_status"),
    [(1, "M1", "L0"), (1, "F1", "L0"), (2, "MF", "L11"), (2, "MM", "L12"), (2, "MF", "L2"), (2, "MF", "L3")]
    + [(2, "FF", "L4")],
)
def test_adopters_details_that_fit_are_recorded(staff, period, number, sex, legal_status):
    decision = decide(staff, period)
    assert match(staff, decision, number=number, sex=sex, legal_status=legal_status).adopters_sex == sex


def test_a_child_adopted_who_comes_back_into_care_may_have_a_new_decision(staff):
    from hearth.frontdoor.services import case_close
    from hearth.testing.adoption_journeys import adopted_child
    from hearth.testing.journeys import looked_after_child

    first = adopted_child(staff, adopted_on=D(2025, 6, 3))
    case_close(actor=staff.team_manager.user, referral_id=first.referral_id, closed_on=D(2025, 6, 3), reason="RC1")
    again = looked_after_child(staff, first.child, D(2025, 9, 1))
    decision = decide(staff, again, on=D(2025, 10, 1))
    assert (decision.period_id, AdoptionDecision.objects.filter(reversed_on__isnull=True).count()) == (again.pk, 2)
