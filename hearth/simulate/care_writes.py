"""How the generator writes the many duties to a looked-after child and a care leaver: through the
services one call at a time (the demo, and whenever the bulk path is not asked for), or in bulk
(`Simulation(bulk=True)`).

Both writers take the same calls in the same order from hearth/simulate/care.py, which makes every
random draw itself, so one seed gives one council whichever writer wrote it. `BulkCare` writes the
rows `care_review_record`, `care_plan_record`, `health_check_record`, `visit_record` (as
`BulkCasework` does), `pathway_plan_review_record` and `care_leaver_contact_record` would write, each
with the audit row its service appends (same action, actor, child, object and detail). They are held
in memory and inserted with `bulk_create`, table by table in the services' order, when `flush()` is
called: the care simulation calls it after a child's duties, before the end of their care (written
through `care_end`), and after their leaving care, before anything else is written through the
services. The start of care, placement and legal status changes, IROs' appointments and the end of
care stay with the services: they are a few a child and carry the cross-record rules.

The bulk writer refuses, with the services' own checks and messages, what the generator acts on when
a service refuses it: a review whose participation code does not fit the child's age on the day
(`(day - birth).days // 365` and the 903's age differ near a birthday), a duty dated outside the
period of care, a health check or pathway plan for which the services would say no, and a care
leaver's contact or pathway plan on a day the young person is not owed one (their status read from
their periods of care, as the service reads it). What it does not repeat is the checking of input the
generator draws valid (the writer is the child's worker, the chair an IRO, a check's kind and its
carer named, each kind of duty's days one after another so never two on a day), the row locks, and
each audit row's sealed-record lookup, which adds to the row only an opening of a sealed record: the
generator opens none. The test hearth/simulate/tests/test_bulk_care.py builds a council both ways
and compares every table."""

from django.core.exceptions import ValidationError

from hearth.care.models import CarePlan
from hearth.care.services import care_plan_record
from hearth.duties.models import CareReview, HealthCheck
from hearth.duties.services import (
    _in_period_errors,
    _participation_errors,
    _refused_or_done_by_errors,
    care_review_record,
    health_check_record,
)
from hearth.leavers.models import CareLeaverContact, PathwayPlanReview
from hearth.leavers.selectors import SUPPORT_TO_25_PREFETCH, periods_prefetch, status_of
from hearth.leavers.services import (
    ERROR_NOT_OWED,
    _circumstance_errors,
    care_leaver_contact_record,
    pathway_plan_review_record,
)
from hearth.people.models import Child
from hearth.simulate.casework_writes import BulkCasework, ServiceCasework
from hearth.simulate.frontdoor_writes import BATCH_SIZE


class ServiceCare(ServiceCasework):
    """The duties as workers record them, one service call at a time (visits as ServiceCasework)."""

    def review(self, *, actor, period, held_on, chair, participation, recommendations, child_voice) -> None:
        care_review_record(
            actor=actor,
            period_id=period.pk,
            held_on=held_on,
            chair_id=chair.pk,
            participation=participation,
            recommendations=recommendations,
            child_voice=child_voice,
        )

    def care_plan(self, *, actor, period, agreed_on, permanence_plan, summary, child_voice) -> None:
        care_plan_record(
            actor=actor,
            period_id=period.pk,
            agreed_on=agreed_on,
            permanence_plan=permanence_plan,
            summary=summary,
            child_voice=child_voice,
        )

    def health_check(self, *, actor, period, kind, done_on, refused, done_by) -> None:
        health_check_record(
            actor=actor, period_id=period.pk, kind=kind, done_on=done_on, refused=refused, done_by=done_by
        )

    def pathway_review(self, *, actor, child, reviewed_on, personal_adviser, summary, child_voice) -> None:
        pathway_plan_review_record(
            actor=actor,
            child_id=child.pk,
            reviewed_on=reviewed_on,
            personal_adviser=personal_adviser,
            summary=summary,
            child_voice=child_voice,
        )

    def leaver_contact(self, *, actor, child, contacted_on, **circumstances) -> None:
        care_leaver_contact_record(actor=actor, child_id=child.pk, contacted_on=contacted_on, **circumstances)


class BulkCare(BulkCasework):
    """The same rows as ServiceCare, held in memory and inserted when flushed."""

    def _clear(self) -> None:
        super()._clear()
        self.care_reviews, self.care_plans, self.health_checks = [], [], []
        self.pathway_reviews, self.leaver_contacts = [], []
        self.leavers = {}  # child id -> the child with their periods of care, as the leavers' services read it

    def review(self, *, actor, period, held_on, chair, participation, recommendations, child_voice) -> None:
        # As care_review_record: in the period, and the participation code the child's age allows.
        errors = _in_period_errors("held_on", held_on, period) | _participation_errors(
            participation, period.child, held_on
        )
        if errors:
            raise ValidationError(errors)
        review = CareReview(
            period=period,
            held_on=held_on,
            chair=chair,
            participation=participation,
            recommendations=recommendations.strip(),
            child_voice=child_voice.strip(),
            recorded_by=actor,
        )
        self.care_reviews.append(review)
        self._audit(actor, "care.review", review, period.child, {"participation": participation})

    def care_plan(self, *, actor, period, agreed_on, permanence_plan, summary, child_voice) -> None:
        # The generator agrees a plan within the period, after its review (care_plan_record's dates).
        plan = CarePlan(
            period=period,
            agreed_on=agreed_on,
            permanence_plan=permanence_plan.strip(),
            summary=summary.strip(),
            child_voice=child_voice.strip(),
            recorded_by=actor,
        )
        self.care_plans.append(plan)
        self._audit(actor, "care.care_plan_record", plan, period.child)

    def health_check(self, *, actor, period, kind, done_on, refused, done_by) -> None:
        # As health_check_record: in the period, refused or done by someone.
        errors = _in_period_errors("done_on", done_on, period) | _refused_or_done_by_errors(refused, done_by)
        if errors:
            raise ValidationError(errors)
        check = HealthCheck(
            period=period, kind=kind, done_on=done_on, refused=refused, done_by=done_by.strip(), recorded_by=actor
        )
        self.health_checks.append(check)
        self._audit(actor, "care.health_check", check, period.child, {"kind": kind, "refused": refused})

    def pathway_review(self, *, actor, child, reviewed_on, personal_adviser, summary, child_voice) -> None:
        leaver = self._owed_a_plan(child, reviewed_on, "reviewed_on")
        review = PathwayPlanReview(
            child=leaver,
            reviewed_on=reviewed_on,
            personal_adviser=personal_adviser.strip(),
            summary=summary.strip(),
            child_voice=child_voice.strip(),
            recorded_by=actor,
        )
        self.pathway_reviews.append(review)
        self._audit(actor, "care.pathway_plan_review", review, leaver)

    def leaver_contact(
        self, *, actor, child, contacted_on, method, in_touch, activity, accommodation, accommodation_suitable, note=""
    ) -> None:
        errors = _circumstance_errors(in_touch, activity, accommodation, accommodation_suitable)
        if errors:
            raise ValidationError(errors)
        leaver = self._owed_a_plan(child, contacted_on, "contacted_on")
        contact = CareLeaverContact(
            child=leaver,
            contacted_on=contacted_on,
            method=method,
            in_touch=in_touch,
            activity=activity,
            accommodation=accommodation,
            accommodation_suitable=accommodation_suitable,
            note=note.strip(),
            recorded_by=actor,
        )
        self.leaver_contacts.append(contact)
        detail = {"in_touch": in_touch, "activity": activity, "accommodation": accommodation}
        self._audit(actor, "care.leaver_contact", contact, leaver, detail)

    def _owed_a_plan(self, child, day, field: str) -> Child:
        """As the leavers' services: refused, with the reason, unless the young person is owed a
        pathway plan on the day. Their periods are read once until the next flush (nothing written in
        bulk changes them)."""
        leaver = self.leavers.get(child.pk)
        if leaver is None:
            leaver = Child.objects.prefetch_related(periods_prefetch(), *SUPPORT_TO_25_PREFETCH).get(pk=child.pk)
            self.leavers[child.pk] = leaver
        status = status_of(leaver, day)
        if not status.owed_pathway_plan:
            reason = status.reason[0].lower() + status.reason[1:] if status.reason else "no status"
            raise ValidationError({field: ERROR_NOT_OWED.format(child=leaver, date=f"{day:%-d %B %Y}", reason=reason)})
        return leaver

    def _insert(self) -> None:
        super()._insert()  # the visits
        CareReview.objects.bulk_create(self.care_reviews, batch_size=BATCH_SIZE)
        CarePlan.objects.bulk_create(self.care_plans, batch_size=BATCH_SIZE)
        HealthCheck.objects.bulk_create(self.health_checks, batch_size=BATCH_SIZE)
        PathwayPlanReview.objects.bulk_create(self.pathway_reviews, batch_size=BATCH_SIZE)
        CareLeaverContact.objects.bulk_create(self.leaver_contacts, batch_size=BATCH_SIZE)


def care_writer(bulk: bool):
    return BulkCare() if bulk else ServiceCare()
