"""The 903's OC2 file (outcomes for children looked after continuously for 12 months at 31 March),
built from the record: the cohort from the periods of care and their legal statuses, each column
from the dated facts (hearth/duties/models.py) and the health and dental checks Hearth already keeps.
Nothing here is typed for the return. Column names, order and codes are the DfE validator's
(csc-validator-be-903 0.1.17, `lac_validator.config` and the 2025-26 rules); docs/returns-903.md says
where each column comes from and which rules apply.

The cohort follows the validator's own reading of "looked after continuously for 12 months"
(lac_validator/utils.py, add_col_to_episodes_CONTINUOUSLY_LOOKED_AFTER): looked after during the
year, with no period of care starting after 1 April, none ending (other than on 31 March itself)
before 31 March, and no short-break legal status (V3, V4) in force on any day of the year.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from hearth.calendar.workingdays import add_months
from hearth.care.codes import SHORT_BREAK_STATUSES
from hearth.care.models import LegalStatusSpell, PeriodOfCare
from hearth.core.shared_reads import shared
from hearth.duties import due_dates
from hearth.duties.codes import HealthCheckKind, HealthStatusKind, SdqReason, SubstanceIntervention
from hearth.duties.models import Conviction, HealthCheck, HealthStatus, Sdq, SubstanceMisuse

OC2_COLUMNS = (
    "CHILD",
    "DOB",
    "SDQ_SCORE",
    "SDQ_REASON",
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
)


def oc2_prefetch(start: datetime.date, end: datetime.date) -> tuple[Prefetch, ...]:
    """The facts Oc2Year reads, as lists on the period (`oc2_sdqs` and so on): each only for the days
    it is read on (the year; health assessments up to its end, for HEALTH_ASSESSMENT) and only with
    the columns read. A child looked after for years has years of checks and statements, and
    building each with every column, then a filtered queryset per period and fact to hold them
    (what a prefetch without `to_attr` does), cost more than the rest of the OC2 file. Each model's
    own ordering (newest first) is kept."""

    # Health assessments (initial and review) up to the year's end; dental checks in the year only.
    checks_read = Q(kind__in=[HealthCheckKind.INITIAL, HealthCheckKind.REVIEW], done_on__lte=end) | Q(
        kind=HealthCheckKind.DENTAL, done_on__range=(start, end)
    )

    def facts(name: str, queryset) -> Prefetch:
        return Prefetch(name, queryset=queryset, to_attr=f"oc2_{name}")

    return (
        facts(
            "legal_statuses",
            LegalStatusSpell.objects.only("period_id", "legal_status", "started_on", "ended_on").order_by(
                "started_on", "pk"
            ),
        ),
        facts(
            "health_checks",
            HealthCheck.objects.filter(checks_read).only("period_id", "kind", "done_on", "refused"),
        ),
        facts(
            "sdqs",
            Sdq.objects.filter(completed_on__range=(start, end)).only("period_id", "completed_on", "score", "reason"),
        ),
        facts(
            "health_statuses",
            HealthStatus.objects.filter(as_at__range=(start, end)).only("period_id", "kind", "as_at", "up_to_date"),
        ),
        facts(
            "convictions", Conviction.objects.filter(convicted_on__range=(start, end)).only("period_id", "convicted_on")
        ),
        facts(
            "substance_misuse",
            SubstanceMisuse.objects.filter(identified_on__range=(start, end)).only(
                "period_id", "identified_on", "intervention"
            ),
        ),
    )


def birthday(born: datetime.date, years: int) -> datetime.date:
    """The day a child turns `years`, as the validator counts it (pandas DateOffset: a 29 February
    birthday falls on 28 February)."""
    return add_months(born, 12 * years)


def _short_breaks_in_year(period: PeriodOfCare, start: datetime.date, end: datetime.date) -> bool:
    """A V3 or V4 legal status in force on any day of the year, its last day included (the episode
    ending on 1 April still counts as in the year for the validator)."""
    return any(
        spell.legal_status in SHORT_BREAK_STATUSES
        and spell.started_on <= end
        and (spell.ended_on is None or spell.ended_on >= start)
        for spell in period.oc2_legal_statuses
    )


def oc2_cohort(year_start: datetime.date, year_end: datetime.date) -> list[PeriodOfCare]:
    """The periods of care of the children looked after continuously for the whole year (1 April to 31
    March) and not on short breaks in it, ordered by the child's Hearth ID."""
    periods = (
        PeriodOfCare.objects.filter(started_on__lte=year_start)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=year_end))
        .select_related("child")
        .prefetch_related(*oc2_prefetch(year_start, year_end))
        .order_by("child_id")
    )
    return [period for period in periods if not _short_breaks_in_year(period, year_start, year_end)]


@dataclass(frozen=True)
class Oc2Year:
    """One child's OC2 facts for a collection year, read from the period of care."""

    period: PeriodOfCare
    start: datetime.date
    end: datetime.date

    def _in_year(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def born(self) -> datetime.date | None:
        return self.period.child.date_of_birth

    def _turns_by(self, years: int) -> datetime.date | None:
        return birthday(self.born, years) if self.born else None

    def sdq(self) -> tuple[str, str]:
        """(SDQ_SCORE, SDQ_REASON): the latest score completed in the year, else the latest reason
        given in it; SDQ1 when the child turned 4 after 1 April or 17 in the year and nothing is
        recorded; both blank for a child under 4 on 31 March or 17 before 1 April (rules 188, 189)."""
        four, seventeen = self._turns_by(4), self._turns_by(17)
        if four is None or four > self.end or seventeen < self.start:
            return "", ""
        sdqs = sorted((s for s in self.period.oc2_sdqs if self._in_year(s.completed_on)), key=lambda s: s.completed_on)
        scored = [s for s in sdqs if s.score is not None]
        if scored:
            return str(scored[-1].score), ""
        if sdqs:
            return "", sdqs[-1].reason
        if four > self.start or seventeen <= self.end:
            return "", SdqReason.SDQ1
        return "", ""  # a child of 4 to 16 with no SDQ: the record is missing one (rule 186 says so)

    def convicted(self) -> str:
        """1 if convicted in the year; blank for a child under 10 on 31 March (rule 542)."""
        ten = self._turns_by(10)
        if ten is None or ten > self.end:
            return ""
        return _flag(any(self._in_year(c.convicted_on) for c in self.period.oc2_convictions))

    def _latest_status(self, kind: str) -> str:
        statuses = [s for s in self.period.oc2_health_statuses if s.kind == kind and self._in_year(s.as_at)]
        latest = max(statuses, key=lambda s: (s.as_at, s.pk), default=None)
        return _flag(latest is not None and latest.up_to_date)

    def health_check(self) -> str:
        """Health promotion (development) checks up to date, for a child under 5 on 31 March only
        (rules 545, 546): the latest statement in the year; none is not up to date."""
        five = self._turns_by(5)
        if five is None or five <= self.end:
            return ""
        return self._latest_status(HealthStatusKind.DEVELOPMENT)

    def immunisations(self) -> str:
        """The latest statement in the year that immunisations were up to date; none: 0."""
        return self._latest_status(HealthStatusKind.IMMUNISATIONS)

    def teeth_check(self) -> str:
        """A dental check done (not refused) in the year."""
        return _flag(
            any(
                c.kind == HealthCheckKind.DENTAL and not c.refused and self._in_year(c.done_on)
                for c in self.period.oc2_health_checks
            )
        )

    def health_assessment(self) -> str:
        """Health assessments up to date on 31 March: the initial one done, and the next review (6
        months after the last for a child under 5 then, 12 months otherwise: T22U, T22) not overdue,
        as indicator L10 counts it."""
        checks = [c for c in self.period.oc2_health_checks if not c.refused and c.done_on <= self.end]
        initial = [c.done_on for c in checks if c.kind == HealthCheckKind.INITIAL]
        done = initial + [c.done_on for c in checks if c.kind == HealthCheckKind.REVIEW]
        due = due_dates.health_assessment_due(self.period.started_on, done, self.born)
        return _flag(bool(initial) and due.due >= self.end)

    def substance_misuse(self) -> tuple[str, str, str]:
        """(SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED): a problem identified in the
        year; then whether an intervention was received; only if not, whether one was offered (and
        refused): rules 158, 159, 192, 193."""
        found = [m.intervention for m in self.period.oc2_substance_misuse if self._in_year(m.identified_on)]
        if not found:
            return "0", "", ""
        if SubstanceIntervention.RECEIVED in found:
            return "1", "1", ""
        return "1", "0", _flag(SubstanceIntervention.REFUSED in found)

    def row(self) -> dict[str, str]:
        score, reason = self.sdq()
        misuse, received, offered = self.substance_misuse()
        return dict(
            zip(
                OC2_COLUMNS,
                (
                    self.period.child.hearth_id,
                    f"{self.born:%d/%m/%Y}" if self.born else "",
                    score,
                    reason,
                    self.convicted(),
                    self.health_check(),
                    self.immunisations(),
                    self.teeth_check(),
                    self.health_assessment(),
                    misuse,
                    received,
                    offered,
                ),
                strict=True,
            )
        )


def _flag(value: bool) -> str:
    return "1" if value else "0"


@shared  # the L12-L15 and L20 indicators all start from it: read once per date in a scorecard
def oc2_years(year_start: datetime.date, year_end: datetime.date) -> list[Oc2Year]:
    return [Oc2Year(period, year_start, year_end) for period in oc2_cohort(year_start, year_end)]


def oc2_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    """The OC2 file for the collection year: one row per child in the cohort, keyed by the DfE's
    column names in the validator's order, values as the validator reads them ("" for blank)."""
    return [year.row() for year in oc2_years(year_start, year_end)]


def year_ending(as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The 12 months ending on as_of (for 31 March, 1 April to 31 March: the collection year)."""
    return add_months(as_of + datetime.timedelta(days=1), -12), as_of
