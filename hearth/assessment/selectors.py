"""Reads for assessments: one assessment's page, and the backlog of open assessments past the
local standard and the national 45 working days. Due dates come from timescales: rule T03, 45
working days from the referral (Working Together 2023), the one due date every page shows for an
assessment, with the council's local standard beside it."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from hearth.assessment.models import Assessment
from hearth.audit.models import AuditEvent
from hearth.core.roles import Role, has_role
from hearth.people.selectors import children_visible_to
from hearth.timescales.selectors import clock
from hearth.workforce.models import Team


def open_on(as_of: datetime.date):
    """Assessments open at the end of as_of: started by then and not yet authorised by then."""
    return Assessment.objects.filter(started_on__lte=as_of).filter(
        Q(authorised_on__isnull=True) | Q(authorised_on__gt=as_of)
    )


def assessments_with_details():
    """Assessments with everything their page shows, fetched together."""
    return Assessment.objects.select_related(
        "child", "worker__user", "referral__team", "started_by", "submitted_by", "authorised_by", "internal_review_by"
    ).prefetch_related("factors", "returns__returned_by", "returns__submitted_by")


def last_draft_save(assessment: Assessment):
    """The latest save of the assessment's draft (its audit row: who and when), or None."""
    return (
        AuditEvent.objects.filter(
            object_type="assessment.assessment", object_id=str(assessment.pk), action="assessment.record"
        )
        .select_related("actor")
        .order_by("-id")
        .first()
    )


@dataclass(frozen=True)
class BacklogRow:
    assessment: Assessment
    working_days: int  # working days from the referral to as_of (the referral is day 0)
    local_due: datetime.date | None
    due: datetime.date
    past_national: bool

    @property
    def child(self):
        return self.assessment.child


@dataclass
class WorkerGroup:
    worker: object
    rows: list[BacklogRow] = field(default_factory=list)


@dataclass
class TeamGroup:
    team: Team
    workers: list[WorkerGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(w.rows) for w in self.workers)


@dataclass(frozen=True)
class Backlog:
    as_of: datetime.date
    teams: list[TeamGroup]
    past_local: int  # past the local standard (35 working days), including those past 45
    past_national: int  # past the national 45 working days
    local_limit: int | None
    national_limit: int


def backlog_teams(user):
    """The teams whose backlog the user oversees: a team manager their own, a service manager all."""
    if user.is_superuser or has_role(user, Role.SERVICE_MANAGER):
        return Team.objects.all()
    return Team.objects.filter(workers__user=user)


def backlog(*, user, as_of: datetime.date) -> Backlog:
    """Open assessments past the local standard (or, without one, past 45 working days from the
    referral, T03) on as_of, grouped by the team holding the case and then the assessing worker,
    oldest first."""
    assessment_clock = clock("T03")
    teams = backlog_teams(user)
    assessments = (
        open_on(as_of)
        .filter(referral__team__in=teams, child__in=children_visible_to(user))
        .select_related("child", "worker__user", "referral__team")
        .order_by(
            "referral__team__name",
            "worker__user__last_name",
            "worker__user__first_name",
            "referral__referral_date",
            "started_on",
            "pk",
        )
    )
    by_team: dict[int, TeamGroup] = {}
    past_local = past_national = 0
    for assessment in assessments:
        referral_date = assessment.referral.referral_date
        due = assessment_clock.due(referral_date)
        local_due = assessment_clock.local_due(referral_date)
        late_national = as_of > due
        late_local = local_due is not None and as_of > local_due
        if not (late_national or late_local):
            continue
        past_national += late_national
        past_local += late_local or late_national
        row = BacklogRow(
            assessment=assessment,
            working_days=assessment_clock.calendar.working_days_between(referral_date, as_of),
            local_due=local_due,
            due=due,
            past_national=late_national,
        )
        team = assessment.referral.team
        group = by_team.setdefault(team.pk, TeamGroup(team=team))
        if not group.workers or group.workers[-1].worker.pk != assessment.worker_id:
            group.workers.append(WorkerGroup(worker=assessment.worker))
        group.workers[-1].rows.append(row)
    return Backlog(
        as_of=as_of,
        teams=list(by_team.values()),
        past_local=past_local,
        past_national=past_national,
        local_limit=assessment_clock.local_limit,
        national_limit=assessment_clock.rule.limit,
    )
