"""How the generator writes the casework after a referral: through the services one call at a time
(the demo, and whenever the bulk path is not asked for), or in bulk (`Simulation(bulk=True)`).

Both writers take the same calls in the same order from hearth/simulate/council.py,
assessment.py, cin.py and protection.py, which make every random draw themselves, so one seed
gives one council whichever writer wrote it. `BulkCasework` writes the rows `case_allocate` (a
case's first allocation), `assessment_start`, `assessment_record`, `assessment_submit`,
`assessment_return`, `assessment_authorise`, `visit_record`, `cin_plan_review` (with the plan's
end when a review ends it) and `core_group_record` would write: each row with its final fields
(an assessment's version counts its changes, as the services raise it), an assessment's factors,
and the audit row each service appends (same action, actor, child, object and detail). They are
held in memory and inserted with `bulk_create`, table by table in the services' order, when
`flush()` is called: the generator calls it before every step still written through the services
(a strategy discussion, a conference, a plan's start, a case's closure) and at the end of each
case, because those read what came before from the database. So every table's rows, and the audit
trail's, keep the order the services give them.

What the bulk path does not repeat is the services' checking of input the generator draws valid
(the allocated worker records, the team's manager authorises, dates follow one another, a visit
that did not happen has a reason), the row locks taken against a second writer (there is none),
and each audit row's sealed-record lookup: no record is sealed during the casework (adoption
orders come later, with care), so the lookup adds nothing. The test
hearth/simulate/tests/test_bulk_front_door.py builds a council both ways and compares every table."""

from django.db import transaction

from hearth.assessment.models import NARRATIVE_SECTIONS, Assessment, AssessmentFactor, AssessmentReturn
from hearth.assessment.services import (
    assessment_authorise,
    assessment_record,
    assessment_return,
    assessment_start,
    assessment_submit,
)
from hearth.audit.models import AuditEvent
from hearth.cin.models import CinPlan, CinPlanReview, ReviewDecision
from hearth.cin.services import cin_plan_review
from hearth.core.request_memo import forget
from hearth.protection.models import CoreGroup
from hearth.protection.services import core_group_record
from hearth.simulate.frontdoor_writes import BATCH_SIZE, PendingAudit
from hearth.visits.models import PLACES_WITH_THE_CHILDS_BEDROOM, Visit, VisitNotPossibleReason
from hearth.visits.services import visit_record
from hearth.workforce.models import Allocation
from hearth.workforce.services import case_allocate


class ServiceCasework:
    """The casework as workers and managers record it, one service call at a time."""

    def allocate(self, *, actor, referral, worker, started_on) -> None:
        case_allocate(actor=actor, referral_id=referral.pk, worker_id=worker.pk, started_on=started_on)

    def start_assessment(self, *, actor, referral, worker, started_on) -> Assessment:
        return assessment_start(actor=actor, referral_id=referral.pk, started_on=started_on)

    def record_assessment(
        self, *, actor, assessment, factor_codes, wishes_and_feelings, seen_on, seen_alone, narrative=None
    ) -> None:
        assessment_record(
            actor=actor,
            assessment_id=assessment.pk,
            factor_codes=factor_codes,
            wishes_and_feelings=wishes_and_feelings,
            child_seen_on=seen_on,
            child_seen_alone=seen_alone,
            narrative=narrative,
        )

    def submit_assessment(self, *, actor, assessment, submitted_on) -> None:
        assessment_submit(actor=actor, assessment_id=assessment.pk, submitted_on=submitted_on)

    def return_assessment(self, *, actor, assessment, returned_on, reason) -> None:
        assessment_return(actor=actor, assessment_id=assessment.pk, returned_on=returned_on, reason=reason)

    def authorise_assessment(self, *, actor, assessment, authorised_on, outcome, reasons) -> None:
        assessment_authorise(
            actor=actor, assessment_id=assessment.pk, authorised_on=authorised_on, outcome=outcome, reasons=reasons
        )

    def visit(self, *, actor, referral_id, child, visitor, visited_on, happened, seen, seen_alone, **said) -> None:
        visit_record(
            actor=actor,
            referral_id=referral_id,
            visited_on=visited_on,
            visitor_id=visitor.pk,
            happened=happened,
            seen=seen,
            seen_alone=seen_alone,
            **said,
        )

    def cin_plan_version(self, plan) -> int:
        # As a worker's form does: the version the page was built from, read afresh.
        return CinPlan.objects.values_list("version", flat=True).get(pk=plan.pk)

    def review_cin_plan(self, *, actor, plan, version, **review) -> None:
        cin_plan_review(actor=actor, plan_id=plan.pk, version=version, **review)

    def core_group(self, *, actor, plan, held_on, attendance, summary) -> None:
        core_group_record(actor=actor, plan_id=plan.pk, held_on=held_on, attendance=attendance, summary=summary)

    def flush(self) -> None:
        pass  # every call has written already


class BulkCasework:
    """The same rows as ServiceCasework, held in memory and inserted when flushed."""

    def __init__(self):
        self._factors = {factor.code: factor for factor in AssessmentFactor.objects.filter(active=True)}
        self._reasons = {reason.code: reason for reason in VisitNotPossibleReason.objects.filter(active=True)}
        self._clear()

    def _clear(self) -> None:
        self.allocations, self.assessments, self.returns, self.visits = [], [], [], []
        self.reviews, self.core_groups, self.audits = [], [], []
        self.factors_of = {}  # assessment (by identity) -> its factors, as assessment_record sets them
        self.plans_changed = {}  # CinPlan (by identity) -> the plan, its version and end to write

    # Allocation and the assessment -------------------------------------------------------------
    def allocate(self, *, actor, referral, worker, started_on) -> None:
        # As case_allocate on a case with no allocation yet (the generator allocates each case once).
        allocation = Allocation(referral=referral, worker=worker, started_on=started_on, allocated_by=actor)
        self.allocations.append(allocation)
        self._audit(actor, "case.allocate", allocation, referral.child, {"worker": worker.pk})

    def start_assessment(self, *, actor, referral, worker, started_on) -> Assessment:
        # The worker is the case's allocated worker, as assessment_start takes it.
        assessment = Assessment(
            referral=referral, child=referral.child, worker=worker, started_on=started_on, started_by=actor
        )
        self.assessments.append(assessment)
        self._audit(actor, "assessment.start", assessment, referral.child)
        return assessment

    def record_assessment(
        self, *, actor, assessment, factor_codes, wishes_and_feelings, seen_on, seen_alone, narrative=None
    ) -> None:
        # As factors_from_codes: each code once, in the order given.
        factors = [self._factors[code] for code in dict.fromkeys(code.strip().upper() for code in factor_codes)]
        # As _narrative_values: every section stripped, none written when no narrative is given.
        sections = (
            {} if narrative is None else {name: (narrative.get(name) or "").strip() for name, _ in NARRATIVE_SECTIONS}
        )
        # As _unchanged: a record of nothing new writes nothing.
        recorded = self.factors_of.get(id(assessment), (assessment, []))[1]
        if (
            {f.code for f in factors} == {f.code for f in recorded}
            and assessment.wishes_and_feelings == wishes_and_feelings.strip()
            and (assessment.child_seen_on, assessment.child_seen_alone) == (seen_on, seen_alone)
            and all(getattr(assessment, name) == value for name, value in sections.items())
        ):
            return
        assessment.wishes_and_feelings = wishes_and_feelings.strip()
        assessment.child_seen_on, assessment.child_seen_alone = seen_on, seen_alone
        for name, value in sections.items():
            setattr(assessment, name, value)
        assessment.version += 1
        self.factors_of[id(assessment)] = (assessment, factors)
        detail = {
            "factors": [factor.code for factor in factors],
            "child_seen_on": seen_on.isoformat() if seen_on else None,
            "child_seen_alone": seen_alone,
            "narrative_sections_written": sorted(name for name, value in sections.items() if value),
        }
        self._audit(actor, "assessment.record", assessment, assessment.child, detail)

    def submit_assessment(self, *, actor, assessment, submitted_on) -> None:
        assessment.submitted_on, assessment.submitted_by = submitted_on, actor
        assessment.version += 1
        self._audit(
            actor, "assessment.submit", assessment, assessment.child, {"submitted_on": submitted_on.isoformat()}
        )

    def return_assessment(self, *, actor, assessment, returned_on, reason) -> None:
        self.returns.append(
            AssessmentReturn(
                assessment=assessment,
                submitted_on=assessment.submitted_on,
                submitted_by=assessment.submitted_by,
                returned_on=returned_on,
                returned_by=actor,
                reason=reason.strip(),
            )
        )
        assessment.submitted_on, assessment.submitted_by = None, None
        assessment.version += 1
        self._audit(actor, "assessment.return", assessment, assessment.child, {"returned_on": returned_on.isoformat()})

    def authorise_assessment(self, *, actor, assessment, authorised_on, outcome, reasons) -> None:
        assessment.authorised_on, assessment.authorised_by, assessment.outcome = authorised_on, actor, outcome
        assessment.authorisation_reasons = reasons.strip()
        assessment.version += 1
        codes = sorted(factor.code for factor in self.factors_of.get(id(assessment), (assessment, []))[1])
        self._audit(actor, "assessment.authorise", assessment, assessment.child, {"outcome": outcome, "factors": codes})

    # Visits, reviews, core groups --------------------------------------------------------------
    def visit(
        self,
        *,
        actor,
        referral_id,
        child,
        visitor,
        visited_on,
        happened,
        seen,
        seen_alone,
        child_voice="",
        not_possible_reason="",
        not_possible_detail="",
        place="",
        bedroom_seen=None,
        others_seen="",
        observations="",
        next_steps="",
    ) -> None:
        asks_for_bedroom = bool(happened and seen and place in PLACES_WITH_THE_CHILDS_BEDROOM)
        visit = Visit(
            referral_id=referral_id,
            child=child,
            visited_on=visited_on,
            visitor=visitor,
            happened=happened,
            seen=bool(happened and seen),
            seen_alone=bool(happened and seen and seen_alone),
            child_voice=child_voice.strip() if happened and seen else "",
            not_possible_reason=None if happened else self._reasons[not_possible_reason],
            not_possible_detail=not_possible_detail.strip() if not happened else "",
            place=place if happened else "",
            bedroom_seen=bedroom_seen if asks_for_bedroom else None,
            others_seen=others_seen.strip() if happened else "",
            observations=observations.strip() if happened else "",
            next_steps=next_steps.strip() if happened else "",
            recorded_by=actor,
        )
        self.visits.append(visit)
        detail = {
            "happened": happened,
            "seen": visit.seen,
            "seen_alone": visit.seen_alone,
            "place": visit.place,
            "bedroom_seen": visit.bedroom_seen,
        }
        self._audit(actor, "visit.record", visit, child, detail)

    def cin_plan_version(self, plan) -> int:
        return plan.version  # kept up to date here, and read afresh by the caller after a flush

    def review_cin_plan(
        self,
        *,
        actor,
        plan,
        version,
        reviewed_on,
        attendees,
        decision,
        changes="",
        end_reason="",
        end_note="",
        decision_reasons="",
    ) -> None:
        review = CinPlanReview(
            plan=plan,
            reviewed_on=reviewed_on,
            attendees=attendees.strip(),
            decision=decision,
            changes=changes.strip(),
            decision_reasons=decision_reasons.strip(),
            recorded_by=actor,
        )
        self.reviews.append(review)
        self._audit(actor, "cin_plan.review", review, plan.child, {"decision": decision})
        if decision == ReviewDecision.END:  # as the service's _end: the plan ends on the review's day
            plan.ended_on, plan.end_reason, plan.ended_by = reviewed_on, end_reason, actor
            plan.end_note = end_note.strip()
            self._audit(actor, "cin_plan.end", plan, plan.child, {"reason": end_reason})
        plan.version += 1
        self.plans_changed[id(plan)] = plan

    def core_group(self, *, actor, plan, held_on, attendance, summary) -> None:
        core_group = CoreGroup(
            plan=plan,
            child=plan.child,
            held_on=held_on,
            attendance=attendance.strip(),
            summary=summary.strip(),
            recorded_by=actor,
        )
        self.core_groups.append(core_group)
        self._audit(actor, "core_group.record", core_group, plan.child)

    # Writing -----------------------------------------------------------------------------------
    def flush(self) -> None:
        """Insert what is held, parents first (each bulk_create gives its rows their ids, which
        the rows after them point to), audit rows last, all or nothing."""
        if not self.audits:
            return
        with transaction.atomic():
            self._insert()
            AuditEvent.objects.bulk_create([audit.row() for audit in self.audits], batch_size=BATCH_SIZE)
        forget()  # bulk writes send no post_save: what a request remembered may be stale
        self._clear()

    def _insert(self) -> None:
        """Every held row but the audit rows, each table in its rows' order."""
        Allocation.objects.bulk_create(self.allocations, batch_size=BATCH_SIZE)
        Assessment.objects.bulk_create(self.assessments, batch_size=BATCH_SIZE)
        AssessmentReturn.objects.bulk_create(self.returns, batch_size=BATCH_SIZE)
        Assessment.factors.through.objects.bulk_create(self._factor_links(), batch_size=BATCH_SIZE)
        Visit.objects.bulk_create(self.visits, batch_size=BATCH_SIZE)
        CinPlanReview.objects.bulk_create(self.reviews, batch_size=BATCH_SIZE)
        CoreGroup.objects.bulk_create(self.core_groups, batch_size=BATCH_SIZE)
        for plan in self.plans_changed.values():
            CinPlan.objects.filter(pk=plan.pk).update(
                version=plan.version,
                ended_on=plan.ended_on,
                end_reason=plan.end_reason,
                end_note=plan.end_note,
                ended_by=plan.ended_by,
            )

    def _factor_links(self) -> list:
        """As Assessment.factors.set on a new assessment: one link a factor, in the order the
        related manager adds them (a set of the factors' ids)."""
        link = Assessment.factors.through
        return [
            link(assessment_id=assessment.pk, assessmentfactor_id=factor_id)
            for assessment, factors in self.factors_of.values()
            for factor_id in {factor.pk for factor in factors}
        ]

    def _audit(self, actor, action, obj, child, detail=None) -> None:
        self.audits.append(PendingAudit(actor, action, obj, child, dict(detail or {})))


def casework_writer(bulk: bool):
    return BulkCasework() if bulk else ServiceCasework()
