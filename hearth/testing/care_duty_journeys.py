"""Test journeys for a looked-after child's duties: reviews, health checks, care plans, visits and
moves, each through its real writer (synthetic data only)."""

import datetime

from hearth.care import services
from hearth.care.models import PeriodOfCare
from hearth.duties import services as duty_services
from hearth.testing.journeys import Staff, foster_placement
from hearth.visits.services import visit_record


def review(staff: Staff, period, held_on: datetime.date, participation="PN1"):
    return duty_services.care_review_record(
        actor=staff.social_worker.user,
        period_id=period.pk,
        held_on=held_on,
        chair_id=staff.iro.pk,
        participation=participation,
        recommendations="Placement continues; contact with mother fortnightly.",
    )


def check(staff: Staff, period, kind: str, done_on: datetime.date, refused=False):
    return duty_services.health_check_record(
        actor=staff.social_worker.user,
        period_id=period.pk,
        kind=kind,
        done_on=done_on,
        refused=refused,
        done_by="" if refused else "Looked-after children's nurse",
    )


def care_plan(staff: Staff, period, agreed_on: datetime.date):
    return services.care_plan_record(
        actor=staff.social_worker.user,
        period_id=period.pk,
        agreed_on=agreed_on,
        permanence_plan="Long-term fostering with the current carers.",
        summary="Health, education and contact needs, and who meets them.",
    )


def seen(staff: Staff, period, visited_on: datetime.date):
    return visit_record(
        actor=staff.social_worker.user,
        referral_id=period.referral_id,
        visited_on=visited_on,
        visitor_id=staff.social_worker.pk,
        happened=True,
        seen=True,
        seen_alone=True,
        child_voice="Said the carers are kind and school is fine.",
        place="PLACEMENT",
        bedroom_seen=True,
        others_seen="Both foster carers",
        observations="Settled; the room has the child's own things in it.",
        next_steps="Next visit within six weeks.",
    )


def move(staff: Staff, period, changed_on: datetime.date, reason="CREQO", **placement):
    period = PeriodOfCare.objects.get(pk=period.pk)
    fields = {"carer": f"Carers from {changed_on:%d %b %Y}"} | placement
    return services.placement_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=changed_on,
        reason=reason,
        placement=foster_placement(**fields),
    )


def pep(staff: Staff, period, held_on: datetime.date, virtual_school="ATTENDED", school="Brightwater Primary"):
    return duty_services.pep_record(
        actor=staff.social_worker.user,
        period_id=period.pk,
        held_on=held_on,
        school=school,
        designated_teacher="Mrs Fernhill",
        virtual_school=virtual_school,
        targets="Reading at the expected level by summer; one-to-one maths tuition (pupil premium plus).",
    )


def health_plan(staff: Staff, assessment, agreed_on: datetime.date | None = None):
    return duty_services.health_plan_record(
        actor=staff.social_worker.user,
        assessment_id=assessment.pk,
        agreed_on=agreed_on or assessment.done_on,
        actions="Dentist registration by the carers within a month; eye test booked.",
        lead="Looked-after children's nurse",
    )
