"""Journeys for adoption tests, through the real services: a child looked after, the decision that
they should be placed for adoption, the placement order, the match, the placement for adoption and
the adoption order. Each step is its own function so a test can stop where it needs to."""

import datetime

from hearth.care import services as care
from hearth.permanence.services import adoption_decision_record, adoption_match_record
from hearth.testing.journeys import foster_placement, looked_after_child, new_child, provider_in_register

D = datetime.date
BORN, IN_CARE, DECIDED, ORDERED = D(2020, 1, 10), D(2024, 1, 8), D(2024, 3, 1), D(2024, 5, 1)
MATCHED, PLACED, ADOPTED = D(2024, 8, 15), D(2024, 9, 2), D(2025, 6, 3)


def child_in_care(staff, first_name="Ada", last_name="Pimpernel", born=BORN, started_on=IN_CARE):
    """A child (born 10 January 2020) looked after from 8 January 2024 under an interim care order."""
    return looked_after_child(staff, new_child(staff, first_name, last_name, born=born), started_on)


def decide(staff, period, on=DECIDED):
    return adoption_decision_record(actor=staff.social_worker.user, child_id=period.child_id, decided_on=on)


def placement_order(staff, period, on=ORDERED):
    period.refresh_from_db()
    care.legal_status_change(
        actor=staff.social_worker.user, period_id=period.pk, version=period.version, changed_on=on, legal_status="E1"
    )
    period.refresh_from_db()
    return period


ADOPTERS = "Mr and Mrs Adoptive"
FOSTER_CARERS = "Mr and Mrs Fernhill"  # the household `looked_after_child` places the child with


def match(staff, decision, on=MATCHED, number=2, sex="MF", legal_status="L11", adopters=ADOPTERS):
    """The match with the adopters of this name in the register (made if need be), the household the
    child is placed with for adoption by `place_for_adoption`."""
    return adoption_match_record(
        actor=staff.social_worker.user,
        decision_id=decision.pk,
        matched_on=on,
        adopters_number=number,
        adopters_sex=sex,
        adopters_legal_status=legal_status,
        adopters_id=provider_in_register(adopters, "A6").pk,
    )


def place_for_adoption(staff, period, on=PLACED, placement_type="A6", carer=None):
    """The placement change to `placement_type`: with `carer` if given, else with the adopters
    (A4, A6) or the current foster carers (A3, A5)."""
    period.refresh_from_db()
    care.placement_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=on,
        reason="CARPL",
        # A3 and A5 are with the current foster carers (903 rule 217): the default foster placement's.
        placement=foster_placement(
            placement_type=placement_type,
            carer=carer or (FOSTER_CARERS if placement_type in ("A3", "A5") else ADOPTERS),
        ),
    )
    period.refresh_from_db()
    return period


def adoption_order(staff, period, on=ADOPTED, reason="E11"):
    period.refresh_from_db()
    return care.care_end(
        actor=staff.social_worker.user, period_id=period.pk, version=period.version, ended_on=on, reason=reason
    )


def adopted_child(staff, first_name="Ada", last_name="Pimpernel", placement_type="A6", adopted_on=ADOPTED):
    """The whole journey: in care 8 Jan 2024, decision 1 Mar 2024, placement order 1 May 2024,
    matched 15 Aug 2024 (a married couple, a man and a woman), placed 2 Sep 2024, adopted."""
    period = child_in_care(staff, first_name, last_name)
    decision = decide(staff, period)
    placement_order(staff, period)
    # A3 and A5: adopted by the foster carers the child lives with, whom the match names.
    match(staff, decision, adopters=FOSTER_CARERS if placement_type in ("A3", "A5") else ADOPTERS)
    place_for_adoption(staff, period, placement_type=placement_type)
    adoption_order(staff, period, on=adopted_on)
    period.refresh_from_db()
    return period
