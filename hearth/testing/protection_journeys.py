"""Child protection journey data, built through the protection services as users record it."""

import datetime

from hearth.protection.models import ConferenceDecision, Section47Outcome, StrategyDecision
from hearth.protection.services import (
    conference_book_initial,
    conference_hold_initial,
    section47_conclude,
    strategy_discussion_record,
)
from hearth.testing.journeys import allocated_case, at

# The reasons a conference gives for its decision, on every conference the journeys hold.
CONFERENCE_REASONS = "Neglect of basic care is persistent; the parents accept help but progress is slow."


def strategy_to_s47(staff, referral, held_on: datetime.date):
    """A strategy discussion (police and health) deciding on a section 47 enquiry: the enquiry."""
    discussion = strategy_discussion_record(
        actor=staff.social_worker.user,
        referral_id=referral.pk,
        held_on=held_on,
        police=True,
        health=True,
        social_care=True,
        education=False,
        other_agencies="",
        participants="Nina Tester (social worker); DC Rees (police); Dr Hale (paediatrician)",
        decision=StrategyDecision.SECTION_47,
        reasons="Unexplained bruising: joint enquiry with the police",
    )
    return discussion.section47


def icpc(staff, enquiry, held_on: datetime.date, *, decision=ConferenceDecision.PLAN, category="NEG", chair=None):
    """The enquiry concluded (conference needed), the ICPC booked and held by its chair."""
    chair = chair or staff.iro
    section47_conclude(
        actor=staff.social_worker.user, enquiry_id=enquiry.pk, outcome=Section47Outcome.ICPC, outcome_on=held_on
    )
    conference = conference_book_initial(
        actor=staff.social_worker.user, enquiry_id=enquiry.pk, booked_for=held_on, chair=chair
    )
    return conference_hold_initial(
        actor=chair,
        conference_id=conference.pk,
        held_on=held_on,
        attendance="Parents, school, health visitor, police",
        child_views="Said she feels safe at school but worries at home",
        decision_reasons=CONFERENCE_REASONS,
        decision=decision,
        category=category if decision == ConferenceDecision.PLAN else "",
    )


def child_on_plan(staff, child, s47_on: datetime.date, icpc_on: datetime.date, category="NEG"):
    """A child referred, allocated, with a strategy discussion on s47_on and an ICPC on icpc_on
    deciding a plan: returns the plan."""
    referral = allocated_case(staff, child, at(s47_on, 9))
    enquiry = strategy_to_s47(staff, referral, s47_on)
    conference = icpc(staff, enquiry, icpc_on, category=category)
    return conference.plan_started
