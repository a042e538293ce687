"""A council that grows: the same mix of cases added again and again, through the services, so a
page's query count can be taken on a small council and again on a larger one (the count must not
grow with the council: issue 22). Each call adds one of everything a worker's pages list."""

import datetime
from itertools import count

from hearth.frontdoor.services import case_close
from hearth.people.services import child_restrict
from hearth.records.services import note_draft_save, note_finalise
from hearth.testing.care_leaver_journeys import care_leaver, contact, pathway_review
from hearth.testing.cin_journeys import child_on_cin_plan, review, visit
from hearth.testing.journeys import Staff, allocated_case, at, looked_after_child, new_child, referred_case
from hearth.testing.protection_journeys import child_on_plan

_names = count(1)


def _name() -> str:
    return f"Grow{next(_names)}"


def add_cases(staff: Staff, today: datetime.date) -> dict:
    """Adds to North, held by the social worker: an allocated case with its assessment due, an
    unallocated case, a child on a children in need plan with two reviews and two visits, a child on
    a child protection plan, a looked-after child, a care leaver (left care at 18, with a pathway
    plan review and an adviser's contact), a child whose case is closed, a restricted record, and a
    home visit note awaiting sign-off. Returns the new children and the period of care by what they
    are."""
    day = today - datetime.timedelta(days=120)
    allocated = new_child(staff, _name())
    allocated_case(staff, allocated, at(today - datetime.timedelta(days=10), 10))
    unallocated = new_child(staff, _name())
    referred_case(staff, unallocated, at(today - datetime.timedelta(days=8), 10), team=staff.north)
    in_need = new_child(staff, _name())
    plan = child_on_cin_plan(staff, in_need, day)
    review(staff, plan, day + datetime.timedelta(days=40))
    review(staff, plan, day + datetime.timedelta(days=90))
    visit(staff, plan.referral, day + datetime.timedelta(days=20))
    visit(staff, plan.referral, day + datetime.timedelta(days=50), seen=False, reason="NOT_HOME")
    protected = new_child(staff, _name())
    child_on_plan(staff, protected, day, day + datetime.timedelta(days=10))
    looked_after = new_child(staff, _name())
    period = looked_after_child(staff, looked_after, day)
    note = note_draft_save(
        actor=staff.social_worker.user,
        child_ids=[in_need.pk],
        note_type_code="HOME_VISIT",
        event_date=today - datetime.timedelta(days=2),
        text="Visited at home",
    )
    note_finalise(actor=staff.social_worker.user, note_id=note.pk, version=note.version)
    born = today.replace(year=today.year - 18) - datetime.timedelta(days=60)
    leaver = care_leaver(
        staff, _name(), "Leaver", born, born.replace(year=born.year + 15), today - datetime.timedelta(days=30)
    )
    pathway_review(staff, leaver, today - datetime.timedelta(days=20))
    contact(staff, leaver, today - datetime.timedelta(days=10))
    closed = new_child(staff, _name())
    case = allocated_case(staff, closed, at(today - datetime.timedelta(days=40), 10))
    case_close(
        actor=staff.team_manager.user, referral_id=case.pk, closed_on=today - datetime.timedelta(days=5), reason="RC7"
    )
    restricted = new_child(staff, _name())
    allocated_case(staff, restricted, at(today - datetime.timedelta(days=12), 10))
    child_restrict(
        actor=staff.service_manager,
        child_id=restricted.pk,
        reason="A member of staff is related to the child",
        allowed_user_ids=[staff.social_worker.user.pk],
    )
    return {
        "care_leaver": leaver,
        "closed": closed,
        "restricted": restricted,
        "allocated": allocated,
        "unallocated": unallocated,
        "in_need": in_need,
        "protected": protected,
        "looked_after": looked_after,
        "period": period,
    }
