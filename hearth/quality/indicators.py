"""Quality indicators (DOMAIN.md 4: Q01, Q02).

Q01 is the share of the case audits done since 1 April graded good or outstanding; each audit is a
row whose subject names its grade, so the drill-down lists the audits by grade.

Q02 is the IRO (conference chair) escalations since 1 April by stage and outcome. The stages are
already counted, one indicator each, by protection's P08 family (concerns that reached each stage).
Q02 adds the outcome: one count per outcome (resolved, escalated to the next stage, still open),
each over the same rows, the escalation stages opened since 1 April, so that its drill-down lists
every stage with its outcome and the stage-by-outcome table on the case audits page adds up to
them. Escalations are protection's facts (protection.models.Escalation, EscalationStep); this
module only reads them.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, prefetch_related_objects

from hearth.core.shared_reads import shared
from hearth.performance.indicator import Indicator, Period, Polarity, Row, counted_figure, year_start
from hearth.protection.models import EscalationStage, EscalationStep, RaisedAt, StepOutcome
from hearth.quality.case_supervision import case_supervision_figure, needing_case_supervision
from hearth.quality.models import GOOD_OR_BETTER, CaseAudit
from hearth.quality.selectors import holder_on
from hearth.workforce.models import Allocation
from hearth.workforce.selectors import TRANSFERS, team_on


def audits_good_or_better_rows(as_of: datetime.date) -> list[Row]:
    """Q01. Denominator: case audits done from 1 April to as_of. Numerator: those graded good or
    outstanding. The worker is who held the case on the day of the audit."""
    audits = (
        CaseAudit.objects.filter(audited_on__gte=year_start(as_of), audited_on__lte=as_of)
        .select_related("child", "referral__team")
        .prefetch_related(
            Prefetch("referral__allocations", queryset=Allocation.objects.select_related("worker__user")),
            Prefetch("referral__transfers", queryset=TRANSFERS.queryset),
        )
        .order_by("audited_on", "pk")
    )
    rows = []
    for audit in audits:
        holder = holder_on(audit.referral, audit.audited_on)
        rows.append(
            Row(
                subject=f"Case audit {audit.pk}: {audit.get_grade_display()}",
                child_id=audit.child_id,
                child_name=str(audit.child),
                worker=str(holder) if holder else "Unallocated",
                team=str(team_on(audit.referral, as_of)),
                started=audit.audited_on,
                due=None,
                stopped=None,
                counted=audit.grade in GOOD_OR_BETTER,
            )
        )
    return rows


# The outcome of an escalation stage on a date: what StepOutcome says once the stage was closed by
# then, otherwise open.
OPEN = "OPEN"
OUTCOME_LABELS = {StepOutcome.RESOLVED: "Resolved", StepOutcome.ESCALATED: "Escalated", OPEN: "Open"}


@dataclass(frozen=True)
class StageOnDate:
    step: EscalationStep
    outcome: str  # StepOutcome.RESOLVED, StepOutcome.ESCALATED or OPEN, as at the date


@shared  # the three Q02 outcomes and the stage-by-outcome table
def escalation_stages_this_year(as_of: datetime.date) -> list[StageOnDate]:
    """Escalation stages opened from 1 April to as_of, with their outcome as at the end of as_of
    (a stage closed after as_of was still open then)."""
    steps = (
        EscalationStep.objects.filter(opened_on__gte=year_start(as_of), opened_on__lte=as_of)
        .select_related("escalation__child", "escalation__referral__team", "raised_by")
        .prefetch_related(Prefetch("escalation__referral__transfers", queryset=TRANSFERS.queryset))
        .order_by("opened_on", "pk")
    )
    return [
        StageOnDate(step=step, outcome=step.outcome if step.closed_on and step.closed_on <= as_of else OPEN)
        for step in steps
    ]


def escalations_by_stage_and_outcome(as_of: datetime.date) -> dict:
    """The table of counts: one line per stage, one column per outcome, with totals; and the same
    table for each meeting the concerns were raised at (conferences, looked-after reviews)."""
    stages = escalation_stages_this_year(as_of)
    table = _stage_by_outcome(stages)
    table["by_meeting"] = [
        {"meeting": meeting.label, **_stage_by_outcome([s for s in stages if s.step.escalation.raised_at == meeting])}
        for meeting in RaisedAt
    ]
    return table


def _stage_by_outcome(stages: list[StageOnDate]) -> dict:
    lines = []
    for stage in EscalationStage:
        counts = [sum(1 for s in stages if s.step.stage == stage and s.outcome == o) for o in OUTCOME_LABELS]
        lines.append({"stage": stage.label, "counts": counts, "total": sum(counts)})
    totals = [sum(line["counts"][i] for line in lines) for i in range(len(OUTCOME_LABELS))]
    return {"outcomes": list(OUTCOME_LABELS.values()), "lines": lines, "totals": totals, "total": sum(totals)}


def _outcome_rows(outcome: str):
    def rows(as_of: datetime.date) -> list[Row]:
        result = []
        for stage in escalation_stages_this_year(as_of):
            step = stage.step
            result.append(
                Row(
                    subject=f"Concern {step.escalation_id}, {step.get_stage_display().lower()}, with {step.with_whom}: "
                    f"{OUTCOME_LABELS[stage.outcome].lower()}",
                    child_id=step.escalation.child_id,
                    child_name=str(step.escalation.child),
                    worker=step.raised_by.get_full_name() or step.raised_by.username,
                    team=str(team_on(step.escalation.referral, as_of)),
                    started=step.opened_on,
                    due=None,
                    stopped=step.closed_on if stage.outcome != OPEN else None,
                    counted=stage.outcome == outcome,
                )
            )
        return result

    rows.__doc__ = f"Q02: escalation stages opened since 1 April; counted when {OUTCOME_LABELS[outcome].lower()}."
    return rows


def audits_good_or_better_figure(as_of: datetime.date) -> tuple[int, int]:
    """Q01 in SQL: the same (counted, rows) as audits_good_or_better_rows."""
    audits = CaseAudit.objects.filter(audited_on__gte=year_start(as_of), audited_on__lte=as_of)
    return counted_figure(audits, Q(grade__in=GOOD_OR_BETTER))


def _outcome_figure(outcome: str):
    def figure(as_of: datetime.date) -> tuple[int, int]:
        steps = EscalationStep.objects.filter(opened_on__gte=year_start(as_of), opened_on__lte=as_of)
        closed = Q(closed_on__isnull=False, closed_on__lte=as_of)
        return counted_figure(steps, ~closed if outcome == OPEN else closed & Q(outcome=outcome))

    return figure


def case_supervision_rows(as_of: datetime.date) -> list[Row]:
    """W06. The children on a child protection plan or looked after at the end of as_of; counted when
    their case supervision is not overdue (T42 monthly on a plan, else T41 quarterly:
    quality/case_supervision.py). The worker is who held the plan's case on as_of."""
    dues = needing_case_supervision(as_of)
    # The team that held each case on as_of (team_on): the cases' moves read once for all of them.
    prefetch_related_objects([due.referral for due in dues], TRANSFERS)
    holders = {
        allocation.referral_id: allocation.worker
        for allocation in Allocation.objects.filter(referral_id__in={due.referral.pk for due in dues})
        .filter(started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .select_related("worker__user")
    }
    return [
        Row(
            subject=f"Case supervision ({due.reason}): "
            + (f"last {due.last:%-d %b %Y}" if due.last else f"none since {due.status_started:%-d %b %Y}"),
            child_id=due.child_id,
            child_name=str(due.child),
            worker=str(holders.get(due.referral.pk, "Unallocated")),
            team=str(team_on(due.referral, as_of)),
            started=due.last or due.status_started,
            due=due.due,
            stopped=None,
            counted=due.in_timescale(as_of),
        )
        for due in dues
    ]


OUTCOME_IDS = {StepOutcome.RESOLVED: "Q02R", StepOutcome.ESCALATED: "Q02E", OPEN: "Q02O"}
OUTCOME_TITLES = {
    StepOutcome.RESOLVED: "resolved",
    StepOutcome.ESCALATED: "escalated to the next stage",
    OPEN: "still open",
}
SOURCE = "Local measure"
EVIDENCE = "Rotherham partnership papers: case audits graded, and IRO concerns by stage"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="Q01",
        title="Case audits graded good or outstanding",
        definition=(
            "Of the case audits done since 1 April, the share graded good or outstanding (the council's "
            "four-point scale: outstanding, good, requires improvement, inadequate). The drill-down lists "
            "each audit with its grade."
        ),
        source=SOURCE,
        evidence=EVIDENCE,
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="audits",
        rows=audits_good_or_better_rows,
        figure=audits_good_or_better_figure,
        counted_label="Good or outstanding",
    ),
    *(
        Indicator(
            id=OUTCOME_IDS[outcome],
            title=f"IRO escalations by outcome: {OUTCOME_TITLES[outcome]}",
            definition=(
                "Stages of the escalation procedure (informal, stage 1, 2, 3) opened since 1 April by an "
                "independent reviewing officer, from a conference or a looked-after review they chaired, "
                f"counting those {OUTCOME_TITLES[outcome]} at the end of the date. Each concern "
                "counts once at each stage it reached; P08 (conferences) and L31 (looked-after reviews) count them "
                "by stage."
            ),
            source=SOURCE,
            evidence=EVIDENCE,
            polarity=Polarity.CONTEXT,
            unit="count",
            period=Period.YEAR_TO_DATE,
            counts="escalation stages",
            rows=_outcome_rows(outcome),
            figure=_outcome_figure(outcome),
            counted_label=OUTCOME_TITLES[outcome].capitalize(),
        )
        for outcome in OUTCOME_IDS
    ),
)


# Clinic actions overdue (issue 19) --------------------------------------------------------------


def clinic_actions_open_on(as_of: datetime.date):
    """Clinic actions agreed at a clinic held by as_of and not completed by then."""
    from hearth.quality.models import ClinicAction

    return ClinicAction.objects.filter(clinic__held_on__lte=as_of).filter(
        Q(completed_on__isnull=True) | Q(completed_on__gt=as_of)
    )


def clinic_actions_overdue_rows(as_of: datetime.date) -> list[Row]:
    """W07. The clinic actions open at the end of as_of, each its owner's row (a worker's row, no
    child: docs/decisions/0009-worker-rows.md); counted when past its due date."""
    actions = clinic_actions_open_on(as_of).select_related("clinic", "owner__user", "owner__team")
    return [
        Row(
            subject=f"{action.owner}: clinic on {action.clinic.indicator_id} ({action.clinic.held_on:%-d %b %Y}): "
            f"{action.action[:80]}",
            child_id=None,
            child_name="",
            worker=str(action.owner),
            team=str(action.owner.team),
            started=action.clinic.held_on,
            due=action.due_on,
            stopped=None,
            counted=action.due_on < as_of,
        )
        for action in actions.order_by("due_on", "pk")
    ]


def clinic_actions_overdue_figure(as_of: datetime.date) -> tuple[int, int]:
    return counted_figure(clinic_actions_open_on(as_of), Q(due_on__lt=as_of))


# The workforce's indicators kept here because they read what the quality app holds (case
# supervision needs the looked-after cohort; clinics are quality's): listed in the catalogue with
# workforce's own W indicators (performance/catalogue.py), in id order.
WORKFORCE_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="W06",
        title="Case supervision in timescale",
        definition=(
            "Of the children on a child protection plan or looked after on the date, the share whose case "
            "supervision on file is not overdue: monthly for a child on a plan (timescale T42), quarterly for a "
            "looked-after child (T41), the council's local standards, from the last case supervision or the "
            "start of the plan or period of care."
        ),
        source="Local measure",
        evidence="Rotherham improvement papers: case supervision on each looked-after child's file",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.AS_AT,
        counts="children",
        rows=case_supervision_rows,
        figure=case_supervision_figure,
        counted_label="In timescale",
    ),
    Indicator(
        id="W07",
        title="Performance clinic actions overdue",
        definition=(
            "The actions agreed at performance clinics that are still open at the end of the date, counting those "
            "past their due date. The drill-down lists each action with its owner and their team."
        ),
        source="Local measure",
        evidence="Rotherham improvement papers: red indicators taken to performance clinics",
        polarity=Polarity.LOWER_IS_BETTER,
        unit="count",
        period=Period.AS_AT,
        counts="clinic actions",
        rows=clinic_actions_overdue_rows,
        figure=clinic_actions_overdue_figure,
        counted_label="Overdue",
        rows_are="workers",
    ),
)
