"""Looked-after children's indicators about the duties owed to them (DOMAIN 4.2: L02-L05, L10, L11,
L16; L10R and L11R, the refusals L10 and L11 do not count; L21, personal education plans): care plans
up to date, reviews in timescale, visits within the national minimum and the local standard, health
assessments, dental checks and initial health assessments, refusals, PEPs. Each starts from the
looked-after cohort on the date (hearth/care/indicators.py, read once per date in a scorecard) and
sits in the Corporate Parenting Panel report's "Looked-after children" section with the care app's L
indicators. Due dates come from hearth/duties/due_dates.py, which asks the timescales rules; nothing
here counts days. Interpretations: docs/looked-after-measures.md.

The DfE's OC2 measures (L12-L15, L20) start instead from the 903 OC2 cohort and values for the 12
months to the date (hearth/duties/return903.py), so on 31 March they are the return's figures.
"""

import datetime

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, Greatest
from django.db.models.lookups import GreaterThanOrEqual

from hearth.calendar.days import add_months_sql, date_key, ensure_calendar_days, integer
from hearth.calendar.models import CalendarDay
from hearth.calendar.workingdays import latest_start_for
from hearth.care.codes import SHORT_BREAK_STATUSES
from hearth.care.indicators import (
    COHORT,
    LOOKED_AFTER,
    cohort_periods,
    in_force_on,
    in_force_sql,
    indicator_row,
    looked_after_indicator,
    looked_after_on,
    with_date_of_birth,
)
from hearth.care.models import CarePlan, LegalStatusSpell, PeriodOfCare, Placement
from hearth.care.placement_runs import home_since
from hearth.cin.indicators import due_by_local_standard_sql
from hearth.duties import due_dates
from hearth.duties.codes import HealthCheckKind, HealthStatusKind
from hearth.duties.models import CareReview, HealthCheck, HealthStatus, PersonalEducationPlan, Sdq
from hearth.duties.return903 import Oc2Year, birthday, oc2_years, year_ending
from hearth.performance.indicator import (
    Indicator,
    Period,
    Polarity,
    Row,
    SharedCohort,
    counted_figure,
    has_columns,
    latest_sql,
    year_start,
)
from hearth.timescales.selectors import clock
from hearth.visits.models import Visit
from hearth.visits.selectors import last_seen_visits
from hearth.workforce.models import Allocation
from hearth.workforce.selectors import TRANSFERS


def _twenty_working_days_on(period, as_of, clocks) -> bool:
    """Looked after 20 working days or more on as_of: the first review's (T18) due date has come."""
    return due_dates.review_due(period.started_on, [], clocks).due <= as_of


def _checks(period, kind, as_of) -> list[datetime.date]:
    return sorted(
        c.done_on for c in period.health_checks.all() if c.kind == kind and not c.refused and c.done_on <= as_of
    )


# L02 ---------------------------------------------------------------------------------------------


def up_to_date_care_plan_rows(as_of: datetime.date) -> list[Row]:
    """L02. Counted when a care plan exists and the latest, agreed by as_of, was agreed on or after
    the last looked-after review held by as_of (before the first review, any care plan counts)."""
    rows = []
    for la in looked_after_on(as_of, "care_plans", "reviews"):
        plans = [p.agreed_on for p in la.period.care_plans.all() if p.agreed_on <= as_of]
        reviews = [r.held_on for r in la.period.reviews.all() if r.held_on <= as_of]
        last_review = max(reviews, default=None)
        latest = max(plans, default=None)
        counted = latest is not None and (last_review is None or latest >= last_review)
        subject = f"Care plan agreed {latest:%-d %b %Y}" if latest else "No care plan recorded"
        subject += f"; last review {last_review:%-d %b %Y}" if last_review else "; no review yet"
        rows.append(
            indicator_row(
                la.period,
                as_of,
                subject=subject,
                started=last_review or la.period.started_on,
                stopped=latest,
                counted=counted,
            )
        )
    return rows


def _latest(model, column: str, as_of: datetime.date) -> Subquery:
    """The period's latest `column` date on or before as_of (NULL if none)."""
    return latest_sql(model.objects.filter(period_id=OuterRef("pk"), **{f"{column}__lte": as_of}), column)


def _with_last_review(cohort, as_of: datetime.date):
    """The cohort with `last_review`, the last looked-after review held by as_of (L02 and L03 read it)."""
    return (
        cohort
        if has_columns(cohort, "last_review")
        else cohort.annotate(last_review=_latest(CareReview, "held_on", as_of))
    )


@LOOKED_AFTER.figure
def up_to_date_care_plan_figure(cohort, as_of: datetime.date):
    """L02 in SQL: the same (counted, rows) as up_to_date_care_plan_rows."""
    cohort = _with_last_review(cohort, as_of).annotate(latest_plan=_latest(CarePlan, "agreed_on", as_of))
    up_to_date = Q(latest_plan__isnull=False) & (Q(last_review__isnull=True) | Q(latest_plan__gte=F("last_review")))
    return cohort, None, up_to_date


# L03 ---------------------------------------------------------------------------------------------


def reviews_in_timescale_rows(as_of: datetime.date) -> list[Row]:
    """L03. Children looked after 20 working days or more on as_of; counted when every review held
    since 1 April met its timescale (T18, T19, T20 in turn) and the next is not already overdue."""
    clocks = due_dates.Clocks()
    rows = []
    for la in looked_after_on(as_of, "reviews"):
        period = la.period
        if not _twenty_working_days_on(period, as_of, clocks):
            continue
        held = [r.held_on for r in period.reviews.all() if r.held_on <= as_of]
        this_year = [
            (day, due)
            for day, due in due_dates.reviews_with_due_dates(period.started_on, held, clocks)
            if day >= year_start(as_of)
        ]
        next_due = due_dates.review_due(period.started_on, held, clocks)
        counted = all(day <= due for day, due in this_year) and next_due.due >= as_of
        rows.append(
            indicator_row(
                period,
                as_of,
                subject=f"Looked after from {period.started_on:%-d %b %Y}: {len(held)} review(s)",
                started=period.started_on,
                due=next_due.due,
                stopped=max(held, default=None),
                counted=counted,
            )
        )
    return rows


# L04, L05 ----------------------------------------------------------------------------------------


def _visit_rows(as_of: datetime.date, local: bool) -> list[Row]:
    clocks = due_dates.Clocks()
    cohort = looked_after_on(as_of)
    last_seen = last_seen_visits({la.period.child_id for la in cohort}, as_of)
    rows = []
    for la in cohort:
        seen = last_seen.get(la.period.child_id)
        if local:
            due = due_dates.local_visit_due(la.period.started_on, seen, clocks)
            subject = f"Looked after from {la.period.started_on:%-d %b %Y}"
        else:
            home_from = home_since(la.period.placements.all(), la.placement)
            due = due_dates.visit_due(home_from, seen, la.placement.long_term_until_18, clocks)
            subject = f"Placement from {home_from:%-d %b %Y} ({due.clock.rule.id})"
        in_period = seen if seen is not None and seen >= la.period.started_on else None
        rows.append(
            indicator_row(
                la.period,
                as_of,
                subject=subject,
                started=due.started,
                due=due.due,
                stopped=in_period,
                counted=as_of <= due.due,
            )
        )
    return rows


def national_visit_rows(as_of: datetime.date) -> list[Row]:
    """L04. Counted when the child was seen within reg 28's interval for the current placement
    (T12 to the first visit in it, then T13, T14 or T15): the next visit is not yet overdue."""
    return _visit_rows(as_of, local=False)


def local_visit_rows(as_of: datetime.date) -> list[Row]:
    """L05. Counted when the child was seen within the council's own standard (T13L, six weeks)."""
    return _visit_rows(as_of, local=True)


# L10, L11, L16 -----------------------------------------------------------------------------------


HEALTH_ASSESSMENTS = (HealthCheckKind.INITIAL, HealthCheckKind.REVIEW)


def _refused_since(period, kinds, since: datetime.date | None, as_of: datetime.date) -> datetime.date | None:
    """The last refusal of a check of these kinds by as_of after `since` (the last one done in the
    period), or at all in the period if none was done; None if there was none."""
    refusals = [
        c.done_on
        for c in period.health_checks.all()
        if c.kind in kinds
        and c.refused
        and period.started_on <= c.done_on <= as_of
        and (since is None or c.done_on > since)
    ]
    return max(refusals, default=None)


def _refusal_words(refused_on: datetime.date | None) -> str:
    return f"; refused {refused_on:%-d %b %Y}" if refused_on else ""


def _health_assessment_rows(as_of: datetime.date, refusals: bool) -> list[Row]:
    """L10's rows (refusals False) or L10R's (True): the same cohort and the same due date; L10 counts
    the children up to date, L10R those not up to date whose last word was a refusal."""
    clocks = due_dates.Clocks()
    rows = []
    for la in looked_after_on(as_of, "health_checks"):
        period = la.period
        if not _twenty_working_days_on(period, as_of, clocks):
            continue
        initial = _checks(period, HealthCheckKind.INITIAL, as_of)
        done = initial + _checks(period, HealthCheckKind.REVIEW, as_of)
        due = due_dates.health_assessment_due(period.started_on, done, period.child.date_of_birth, clocks)
        in_period = [day for day in done if day >= period.started_on]
        refused_on = _refused_since(period, HEALTH_ASSESSMENTS, max(in_period, default=None), as_of)
        subject = f"Last health assessment {max(done):%-d %b %Y}" if done else "No health assessment"
        up_to_date = bool(initial) and as_of <= due.due
        rows.append(
            indicator_row(
                period,
                as_of,
                subject=subject + _refusal_words(refused_on),
                started=due.started,
                due=due.due,
                stopped=max(done, default=None),
                counted=(not up_to_date and refused_on is not None) if refusals else up_to_date,
            )
        )
    return rows


def health_assessment_rows(as_of: datetime.date) -> list[Row]:
    """L10. Children looked after 20 working days or more on as_of; counted when the initial health
    assessment was done and the next review health assessment (T22U or T22) is not yet overdue. A
    refusal is not an assessment: the row says when the child refused, and L10R counts them."""
    return _health_assessment_rows(as_of, refusals=False)


def health_assessment_refused_rows(as_of: datetime.date) -> list[Row]:
    """L10R. L10's children; counted when not up to date in L10 and the child refused a health
    assessment after the last one done (or, if none was done, since becoming looked after)."""
    return _health_assessment_rows(as_of, refusals=True)


def _dental_check_rows(as_of: datetime.date, refusals: bool) -> list[Row]:
    clocks = due_dates.Clocks()
    rows = []
    for la in looked_after_on(as_of, "health_checks"):
        checks = _checks(la.period, HealthCheckKind.DENTAL, as_of)
        due = due_dates.dental_check_due(la.period.started_on, checks, clocks)
        in_period = [day for day in checks if day >= la.period.started_on]
        refused_on = _refused_since(la.period, (HealthCheckKind.DENTAL,), max(in_period, default=None), as_of)
        subject = f"Last dental check {max(checks):%-d %b %Y}" if checks else "No dental check while looked after"
        up_to_date = as_of <= due.due
        rows.append(
            indicator_row(
                la.period,
                as_of,
                subject=subject + _refusal_words(refused_on),
                started=due.started,
                due=due.due,
                stopped=max(checks, default=None),
                counted=(not up_to_date and refused_on is not None) if refusals else up_to_date,
            )
        )
    return rows


def dental_check_rows(as_of: datetime.date) -> list[Row]:
    """L11. Counted when the next dental check (T23: 12 months after the last, or after becoming
    looked after) is not yet overdue. A refusal is not a check: the row says when the child refused,
    and L11R counts them."""
    return _dental_check_rows(as_of, refusals=False)


def dental_check_refused_rows(as_of: datetime.date) -> list[Row]:
    """L11R. L11's children; counted when the dental check is overdue and the child refused one after
    the last done in the period (or, if none was done, since becoming looked after)."""
    return _dental_check_rows(as_of, refusals=True)


def initial_health_assessment_rows(as_of: datetime.date) -> list[Row]:
    """L16. Periods of care started since 1 April whose 20 working days (T21) have run out by as_of
    (short-break-only periods left out); counted when the initial health assessment was done by then."""
    clocks = due_dates.Clocks()
    periods = cohort_periods(PeriodOfCare.objects.filter(started_on__gte=year_start(as_of), started_on__lte=as_of))
    rows = []
    for period in periods.order_by("started_on", "pk"):
        first_status = in_force_on(period.legal_statuses.all(), period.started_on)
        if first_status is not None and first_status.legal_status in SHORT_BREAK_STATUSES:
            continue
        due = due_dates.initial_health_assessment_due(period.started_on, clocks)
        if due.due > as_of:
            continue
        done = _checks(period, HealthCheckKind.INITIAL, as_of)
        rows.append(
            indicator_row(
                period,
                as_of,
                subject=f"Looked after from {period.started_on:%-d %b %Y}",
                started=period.started_on,
                due=due.due,
                stopped=done[0] if done else None,
                counted=bool(done) and done[0] <= due.due,
            )
        )
    return rows


# L12-L15, L20: the OC2 measures -----------------------------------------------------------------
# The cohort and each value are the 903 OC2 file's (hearth/duties/return903.py), for the 12 months to
# the date: on 31 March they are the return's own figures.

SDQ_CONCERN = 17  # an SDQ total of 17 or more is a cause for concern (14-16 borderline, 0-13 normal)


def _sdq_band(score: int) -> str:
    if score >= SDQ_CONCERN:
        return "cause for concern"
    return "borderline" if score >= 14 else "normal"


def _with_holders_on(years: list[Oc2Year], as_of: datetime.date) -> list[Oc2Year]:
    """Each period's case, its team and the allocation held on as_of, read for all the rows at once
    (indicator_row asks holder_on for each row; the OC2 cohort is read without its cases)."""
    held_on_the_day = Allocation.objects.filter(started_on__lte=as_of).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)
    )
    prefetch_related_objects(
        [year.period for year in years],
        "referral__team",
        Prefetch("referral__allocations", queryset=held_on_the_day.select_related("worker__user")),
        Prefetch("referral__transfers", queryset=TRANSFERS.queryset),  # the team on as_of (team_on)
    )
    return years


def _oc2_rows(as_of: datetime.date, subject, counted, member=lambda year: True) -> list[Row]:
    start, end = year_ending(as_of)
    rows = []
    for year in _with_holders_on(oc2_years(start, end), as_of):
        if not member(year):
            continue
        rows.append(
            indicator_row(
                year.period,
                as_of,
                subject=subject(year),
                started=year.period.started_on,
                counted=counted(year),
            )
        )
    return rows


def oc2_health_assessment_rows(as_of: datetime.date) -> list[Row]:
    """L12. The OC2 cohort; counted when HEALTH_ASSESSMENT is 1 (assessments up to date at the date)."""
    return _oc2_rows(
        as_of,
        lambda year: f"Looked after from {year.period.started_on:%-d %b %Y}",
        lambda year: year.health_assessment() == "1",
    )


def oc2_teeth_check_rows(as_of: datetime.date) -> list[Row]:
    """L13. The OC2 cohort; counted when TEETH_CHECK is 1 (a dental check done in the 12 months)."""
    return _oc2_rows(
        as_of,
        lambda year: f"Looked after from {year.period.started_on:%-d %b %Y}",
        lambda year: year.teeth_check() == "1",
    )


def oc2_immunisation_rows(as_of: datetime.date) -> list[Row]:
    """L14. The OC2 cohort; counted when IMMUNISATIONS is 1 (the latest statement in the 12 months)."""
    return _oc2_rows(
        as_of,
        lambda year: f"Looked after from {year.period.started_on:%-d %b %Y}",
        lambda year: year.immunisations() == "1",
    )


def _sdq_owed(year: Oc2Year) -> bool:
    """Aged 4 or over at the start of the 12 months and under 17 at the end (903 rule 186's band)."""
    born = year.born
    return born is not None and year.start >= birthday(born, 4) and year.end < birthday(born, 17)


def _sdq_subject(year: Oc2Year) -> str:
    score, reason = year.sdq()
    if score:
        return f"SDQ score {score} ({_sdq_band(int(score))})"
    return f"No SDQ score: {reason}" if reason else "No SDQ recorded"


def sdq_returned_rows(as_of: datetime.date) -> list[Row]:
    """L15. The OC2 cohort aged 4 to 16; counted when an SDQ score was completed in the 12 months."""
    return _oc2_rows(as_of, _sdq_subject, lambda year: year.sdq()[0] != "", member=_sdq_owed)


def sdq_concern_rows(as_of: datetime.date) -> list[Row]:
    """L20. The OC2 cohort aged 4 to 16 with an SDQ score; counted when the score is 17 or more."""
    return _oc2_rows(
        as_of,
        _sdq_subject,
        lambda year: int(year.sdq()[0]) >= SDQ_CONCERN,
        member=lambda year: _sdq_owed(year) and year.sdq()[0] != "",
    )


OC2_COHORT = (
    "children looked after continuously for the 12 months to the date, not on short breaks (V3/V4) in them "
    "(the 903 OC2 cohort: on 31 March, the DfE's own)"
)
OC2_SOURCE = "DfE children looked after statistics (SSDA903 OC2)"


def _checks_sql(kind: str, as_of: datetime.date, **more):
    """The period's checks of a kind done (not refused) by as_of, as _checks reads them."""
    return HealthCheck.objects.filter(period_id=OuterRef("pk"), kind=kind, refused=False, done_on__lte=as_of, **more)


def _with_dental_due(cohort, as_of: datetime.date):
    """The cohort with `last_dental`, the last dental check done (not refused) since the period
    began, and `dental_due`, T23 from it or from the period's start (L11 and L11R read them)."""
    if has_columns(cohort, "last_dental", "dental_due"):
        return cohort
    ensure_calendar_days(as_of)
    last = latest_sql(_checks_sql(HealthCheckKind.DENTAL, as_of, done_on__gte=OuterRef("started_on")), "done_on")
    cohort = cohort.annotate(last_dental=last).annotate(dental_from=Coalesce("last_dental", F("started_on")))
    return cohort.annotate(dental_due=clock("T23").due_sql("dental_from"))


@LOOKED_AFTER.figure
def dental_check_figure(cohort, as_of: datetime.date):
    """L11 in SQL: the same (counted, rows) as dental_check_rows (T23 from the last dental check
    since the period began, or from its start)."""
    return _with_dental_due(cohort, as_of), None, Q(dental_due__gte=as_of)


def _last_refusal_sql(kinds, as_of: datetime.date) -> Subquery:
    """The period's last refusal of a check of these kinds by as_of (NULL if none), as _refused_since reads it."""
    refusals = HealthCheck.objects.filter(
        period_id=OuterRef("pk"), kind__in=kinds, refused=True, done_on__lte=as_of, done_on__gte=OuterRef("started_on")
    )
    return latest_sql(refusals, "done_on")


def _refused_after(last_refusal: str, last_done: str) -> Q:
    """The last refusal came after the last check done (or there was a refusal and nothing done)."""
    return Q(**{f"{last_refusal}__isnull": False}) & (
        Q(**{f"{last_done}__isnull": True}) | Q(**{f"{last_refusal}__gt": F(last_done)})
    )


@LOOKED_AFTER.figure
def dental_check_refused_figure(cohort, as_of: datetime.date):
    """L11R in SQL: the same (counted, rows) as dental_check_refused_rows."""
    cohort = _with_dental_due(cohort, as_of)
    cohort = cohort.annotate(dental_refused=_last_refusal_sql((HealthCheckKind.DENTAL,), as_of))
    return cohort, None, Q(dental_due__lt=as_of) & _refused_after("dental_refused", "last_dental")


def initial_health_assessment_figure(as_of: datetime.date) -> tuple[int, int]:
    """L16 in SQL: the same (counted, rows) as initial_health_assessment_rows."""
    ensure_calendar_days(as_of)
    first_status = LegalStatusSpell.objects.filter(period_id=OuterRef("pk"), started_on__lte=OuterRef("started_on"))
    first_status = first_status.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=OuterRef("started_on")))
    first_done = (
        _checks_sql(HealthCheckKind.INITIAL, as_of).values("period_id").annotate(first=Min("done_on")).values("first")
    )
    periods = PeriodOfCare.objects.filter(started_on__gte=year_start(as_of), started_on__lte=as_of).annotate(
        first_status=Subquery(first_status.order_by("-started_on", "-id").values("legal_status")[:1]),
        first_done=Subquery(first_done[:1]),
        due=clock("T21").due_sql("started_on"),
    )
    periods = periods.filter(Q(first_status__isnull=True) | ~Q(first_status__in=SHORT_BREAK_STATUSES))
    return counted_figure(periods.filter(due__lte=as_of), Q(first_done__isnull=False, first_done__lte=F("due")))


def _reviews_held(period_ref, as_of: datetime.date):
    return CareReview.objects.filter(period_id=period_ref, held_on__lte=as_of)


def _review_due_sql(held: str, last: str, start: str = "started_on"):
    """due_dates.review_due in SQL: with `held` reviews before it (a count), the next review is due
    T18 from the start, T19 from the first (`last`) or T20 from the last."""
    return Case(
        When(**{held: 0}, then=clock("T18").due_sql(start)),
        When(**{held: 1}, then=clock("T19").due_sql(last)),
        default=clock("T20").due_sql(last),
        output_field=DateField(),
    )


def _twenty_working_days_sql(cohort, as_of: datetime.date):
    """The cohort with `first_due` (the first review's, T18) and the condition of being looked after
    20 working days or more on as_of: that due date has come (L03, L10 and L10R count these children)."""
    if not has_columns(cohort, "first_due"):
        cohort = cohort.annotate(first_due=clock("T18").due_sql("started_on"))
    return cohort, Q(first_due__lte=as_of)


@LOOKED_AFTER.figure
def reviews_in_timescale_figure(cohort, as_of: datetime.date):
    """L03 in SQL: the same (counted, rows) as reviews_in_timescale_rows. A review held since 1 April
    is late when held after its due date, worked out from the reviews before it (one a day at most)."""
    ensure_calendar_days(as_of)
    before = _reviews_held(OuterRef("period_id"), as_of).filter(held_on__lt=OuterRef("held_on")).values("period_id")
    late = (
        _reviews_held(OuterRef("pk"), as_of)
        .filter(held_on__gte=year_start(as_of))
        .annotate(
            period_start=F("period__started_on"),
            earlier=Coalesce(Subquery(before.annotate(n=Count("pk")).values("n")[:1]), 0),
            previous=latest_sql(before, "held_on"),
        )
        .annotate(was_due=_review_due_sql("earlier", "previous", "period_start"))
        .filter(held_on__gt=F("was_due"))
    )
    held = _reviews_held(OuterRef("pk"), as_of).values("period_id")
    cohort, looked_after_20_days = _twenty_working_days_sql(cohort, as_of)
    cohort = _with_last_review(cohort, as_of).annotate(
        held=Coalesce(Subquery(held.annotate(n=Count("pk")).values("n")[:1]), 0), any_late=Exists(late)
    )
    cohort = cohort.annotate(next_due=_review_due_sql("held", "last_review"))
    return cohort, looked_after_20_days, Q(any_late=False, next_due__gte=as_of)


def _last_seen_sql(as_of: datetime.date) -> Subquery:
    """The child's last visit on or before as_of at which they were seen (last_seen_visits)."""
    seen = Visit.objects.filter(child_id=OuterRef("child_id"), seen=True, visited_on__lte=as_of)
    return latest_sql(seen, "visited_on")


def _home_since_sql(as_of: datetime.date) -> Subquery:
    """placement_runs.home_since for the placement in force on as_of: the start of the latest
    placement begun by then that does not carry on the one before it with the same carer (a
    status-only change, whatever reason was given: placement_runs.is_status_change_only). A
    period's placements do not overlap, so none begun by as_of starts after the one in force."""
    carried_on = Placement.objects.filter(
        period_id=OuterRef("period_id"), ended_on=OuterRef("started_on"), provider_id=OuterRef("provider_id")
    )
    starts = Placement.objects.filter(period_id=OuterRef("pk"), started_on__lte=as_of)
    starts = starts.exclude(Exists(carried_on)).order_by("-started_on", "-id")
    return Subquery(starts.values("started_on")[:1])


def _with_last_seen(cohort, as_of: datetime.date):
    """The cohort with `seen`, the child's last visit by as_of at which they were seen (L04, L05)."""
    return cohort if has_columns(cohort, "seen") else cohort.annotate(seen=_last_seen_sql(as_of))


@LOOKED_AFTER.figure
def national_visit_figure(cohort, as_of: datetime.date):
    """L04 in SQL: the same (counted, rows) as national_visit_rows (visit_rule_id's choice of T12-T15
    as a Case on the home's start and the last visit)."""
    ensure_calendar_days(as_of)
    cohort = _with_last_seen(cohort, as_of).annotate(long_term=in_force_sql(Placement, as_of, "long_term_until_18"))
    cohort = cohort.annotate(home_from=_home_since_sql(as_of)).annotate(first_year_ends=add_months_sql("home_from", 12))
    due = Case(
        When(Q(seen__isnull=True) | Q(seen__lt=F("home_from")), then=clock("T12").due_sql("home_from")),
        When(seen__lt=F("first_year_ends"), then=clock("T13").due_sql("seen")),
        When(long_term=True, then=clock("T14").due_sql("seen")),
        default=clock("T15").due_sql("seen"),
        output_field=DateField(),
    )
    return cohort.annotate(visit_due=due), None, Q(visit_due__gte=as_of)


@LOOKED_AFTER.figure
def local_visit_figure(cohort, as_of: datetime.date):
    """L05 in SQL: the same (counted, rows) as local_visit_rows (T13L, the council's standard if set,
    from the last visit at which the child was seen in this period, or its start)."""
    ensure_calendar_days(as_of)
    cohort = _with_last_seen(cohort, as_of)
    cohort = cohort.annotate(local_visit_from=Greatest("started_on", Coalesce("seen", F("started_on"))))
    due = due_by_local_standard_sql(clock(due_dates.LOCAL_VISIT_RULE), "local_visit_from")
    return cohort.annotate(local_visit_due=due), None, Q(local_visit_due__gte=as_of)


def _health_assessment_due_sql(periods, as_of: datetime.date):
    """Periods annotated as due_dates.health_assessment_due reads their checks done by as_of:
    `has_initial` (an initial assessment done, whenever), `health_due` (T21 from the start before
    any assessment in the period; then T22U from the last if the child was under 5 on it or the date
    of birth is not known, else T22). Built once for the measures of one query that read them."""
    if has_columns(periods, "health_due"):
        return periods
    assessments = HealthCheck.objects.filter(
        period_id=OuterRef("pk"),
        kind__in=(HealthCheckKind.INITIAL, HealthCheckKind.REVIEW),
        refused=False,
        done_on__lte=as_of,
        done_on__gte=OuterRef("started_on"),
    )
    last = latest_sql(assessments, "done_on")
    periods = with_date_of_birth(periods).annotate(
        has_initial=Exists(_checks_sql(HealthCheckKind.INITIAL, as_of)), last_assessment=last
    )
    # Age in whole years as age_on counts it: (yyyymmdd of the day - yyyymmdd of birth) // 10000.
    under_five = Q(born__isnull=True) | Q(age_key__lt=50000)
    periods = periods.annotate(age_key=date_key("last_assessment") - date_key("born"))
    due = Case(
        When(last_assessment__isnull=True, then=clock("T21").due_sql("started_on")),
        When(under_five, then=clock("T22U").due_sql("last_assessment")),
        default=clock("T22").due_sql("last_assessment"),
        output_field=DateField(),
    )
    return periods.annotate(health_due=due)


@LOOKED_AFTER.figure
def health_assessment_figure(cohort, as_of: datetime.date):
    """L10 in SQL: the same (counted, rows) as health_assessment_rows."""
    ensure_calendar_days(as_of)
    cohort, looked_after_20_days = _twenty_working_days_sql(cohort, as_of)
    cohort = _health_assessment_due_sql(cohort, as_of)
    return cohort, looked_after_20_days, Q(has_initial=True, health_due__gte=as_of)


@LOOKED_AFTER.figure
def health_assessment_refused_figure(cohort, as_of: datetime.date):
    """L10R in SQL: the same (counted, rows) as health_assessment_refused_rows."""
    ensure_calendar_days(as_of)
    cohort, looked_after_20_days = _twenty_working_days_sql(cohort, as_of)
    cohort = _health_assessment_due_sql(cohort, as_of)
    cohort = cohort.annotate(health_refused=_last_refusal_sql(HEALTH_ASSESSMENTS, as_of))
    up_to_date = Q(has_initial=True, health_due__gte=as_of)
    return cohort, looked_after_20_days, ~up_to_date & _refused_after("health_refused", "last_assessment")


# L21: personal education plans ---------------------------------------------------------------------


def pep_rows(as_of: datetime.date) -> list[Row]:
    """L21. Children looked after on as_of and of school age on it (reception to year 11); counted
    when their next personal education plan is not yet overdue: 20 working days from becoming looked
    after or starting reception, whichever is later, before any (T35); then by the end of the term
    after the last one's (T36)."""
    clocks = due_dates.Clocks()
    rows = []
    for la in looked_after_on(as_of, "peps"):
        period = la.period
        born = period.child.date_of_birth
        if not due_dates.is_school_age(born, as_of):
            continue
        held = [p.held_on for p in period.peps.all() if period.started_on <= p.held_on <= as_of]
        due = due_dates.pep_due(period.started_on, held, born, clocks)
        rows.append(
            indicator_row(
                period,
                as_of,
                subject=f"Last PEP {max(held):%-d %b %Y}" if held else "No PEP while looked after",
                started=due.started,
                due=due.due,
                stopped=max(held, default=None),
                counted=as_of <= due.due,
            )
        )
    return rows


def _school_start_sql(born: str):
    """due_dates.school_age_window's first day in SQL: 1 September of the year the child is 4 by
    31 August (born January to August: the year of the 4th birthday; September to December: the next)."""
    years = Case(When(GreaterThanOrEqual(ExtractMonth(OuterRef(born)), 9), then=Value(5)), default=Value(4))
    first_of_september = CalendarDay.objects.filter(
        month_index=integer((ExtractYear(OuterRef(born)) + years) * 12 + 8), day_of_month=1
    )
    return Subquery(first_of_september.values("date")[:1], output_field=DateField())


@LOOKED_AFTER.figure
def pep_figure(cohort, as_of: datetime.date):
    """L21 in SQL: the same (counted, rows) as pep_rows."""
    ensure_calendar_days(as_of)
    first_born, last_born = due_dates.school_age_births(as_of)
    held = PersonalEducationPlan.objects.filter(
        period_id=OuterRef("pk"), held_on__lte=as_of, held_on__gte=OuterRef("started_on")
    )
    cohort = with_date_of_birth(cohort).annotate(
        last_pep=latest_sql(held, "held_on"),
        school_start=_school_start_sql("born"),
    )
    cohort = cohort.annotate(pep_runs_from=Greatest("started_on", "school_start"))
    due = Case(
        When(last_pep__isnull=True, then=clock("T35").due_sql("pep_runs_from")),
        default=clock("T36").due_sql("last_pep"),
        output_field=DateField(),
    )
    return cohort.annotate(pep_due=due), Q(born__gte=first_born, born__lte=last_born), Q(pep_due__gte=as_of)


def _oc2_cohort_sql(as_of: datetime.date):
    """The OC2 cohort for the 12 months to as_of (return903.oc2_cohort) as a queryset of periods:
    looked after from before the 12 months to their end, with no short-break status in force on any
    day of them. Annotated with `year_start` (as an SQL date) and the child's date of birth `born`."""
    start, end = year_ending(as_of)
    short_breaks = LegalStatusSpell.objects.filter(
        period_id=OuterRef("pk"), legal_status__in=SHORT_BREAK_STATUSES, started_on__lte=end
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    periods = PeriodOfCare.objects.filter(started_on__lte=start).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=end))
    return periods.exclude(Exists(short_breaks)).annotate(born=F("child__date_of_birth"))


def _in_oc2_year(model, column: str, as_of: datetime.date, **more):
    start, end = year_ending(as_of)
    return model.objects.filter(period_id=OuterRef("pk"), **{f"{column}__gte": start, f"{column}__lte": end}, **more)


# L12-L15 and L20 count the OC2 cohort: one aggregate query a date inside a report computation.
OC2 = SharedCohort("the OC2 cohort", _oc2_cohort_sql)


@OC2.figure
def oc2_health_assessment_figure(cohort, as_of: datetime.date):
    """L12 in SQL: HEALTH_ASSESSMENT as L10 counts it, at the end of the 12 months."""
    ensure_calendar_days(as_of)
    return _health_assessment_due_sql(cohort, as_of), None, Q(has_initial=True, health_due__gte=as_of)


@OC2.figure
def oc2_teeth_check_figure(cohort, as_of: datetime.date):
    """L13 in SQL: TEETH_CHECK, a dental check done (not refused) in the 12 months."""
    checked = _in_oc2_year(HealthCheck, "done_on", as_of, kind=HealthCheckKind.DENTAL, refused=False)
    return cohort.annotate(checked=Exists(checked)), None, Q(checked=True)


@OC2.figure
def oc2_immunisation_figure(cohort, as_of: datetime.date):
    """L14 in SQL: IMMUNISATIONS, the latest statement in the 12 months (none: not up to date)."""
    statements = _in_oc2_year(HealthStatus, "as_at", as_of, kind=HealthStatusKind.IMMUNISATIONS)
    latest = Subquery(statements.order_by("-as_at", "-id").values("up_to_date")[:1])
    return cohort.annotate(up_to_date=latest), None, Q(up_to_date=True)


def _sdq_owed_sql(cohort, as_of: datetime.date):
    """The cohort with `latest_score`, the latest SDQ score completed in the 12 months (NULL if
    none), and the condition of being owed an SDQ (_sdq_owed: 4 or over at the start of the 12
    months, under 17 at the end)."""
    start, end = year_ending(as_of)
    if not has_columns(cohort, "latest_score"):
        scored = _in_oc2_year(Sdq, "completed_on", as_of, score__isnull=False).order_by("-completed_on", "-id")
        cohort = cohort.annotate(latest_score=Subquery(scored.values("score")[:1]))
    # birthday(born, 4) <= start and birthday(born, 17) > end, as bounds on the date of birth (a
    # birthday years ahead may lie past the calendar table's end).
    owed = Q(born__isnull=False, born__lte=latest_start_for(start, 12 * 4), born__gt=latest_start_for(end, 12 * 17))
    return cohort, owed


@OC2.figure
def sdq_returned_figure(cohort, as_of: datetime.date):
    """L15 in SQL: the cohort owed an SDQ; counted with a score in the 12 months."""
    cohort, owed = _sdq_owed_sql(cohort, as_of)
    return cohort, owed, Q(latest_score__isnull=False)


@OC2.figure
def sdq_concern_figure(cohort, as_of: datetime.date):
    """L20 in SQL: those with a score; counted when the latest is 17 or more."""
    cohort, owed = _sdq_owed_sql(cohort, as_of)
    return cohort, owed & Q(latest_score__isnull=False), Q(latest_score__gte=SDQ_CONCERN)


# L30: the reviewing officer's quality checklist on the looked-after reviews held this year -------


def review_checklist_rows(as_of: datetime.date) -> list[Row]:
    """L30. Denominator: looked-after reviews held from 1 April to as_of. Numerator: those whose
    chairing IRO had completed the quality checklist by as_of (its completed_on)."""
    reviews = (
        CareReview.objects.filter(held_on__gte=year_start(as_of), held_on__lte=as_of)
        .select_related("period__child", "period__referral__team", "checklist", "chair")
        .prefetch_related(
            "period__referral__allocations__worker__user",
            Prefetch("period__referral__transfers", queryset=TRANSFERS.queryset),
        )
        .order_by("held_on", "pk")
    )
    rows = []
    for review in reviews:
        checklist = getattr(review, "checklist", None)
        done_on = checklist.completed_on if checklist else None
        done = done_on is not None and done_on <= as_of
        rows.append(
            indicator_row(
                review.period,
                as_of,
                subject=f"Review {review.held_on:%-d %b %Y} chaired by {review.chair.get_full_name() or review.chair}: "
                + (f"checklist completed {done_on:%-d %b %Y}" if done else "no checklist"),
                started=review.held_on,
                stopped=done_on if done else None,
                counted=done,
            )
        )
    return rows


def review_checklist_figure(as_of: datetime.date) -> tuple[int, int]:
    """L30 in SQL: the same (counted, rows) as review_checklist_rows."""
    reviews = CareReview.objects.filter(held_on__gte=year_start(as_of), held_on__lte=as_of)
    return counted_figure(reviews, Q(checklist__completed_on__lte=as_of))


INDICATORS: tuple[Indicator, ...] = (
    looked_after_indicator(
        "L02",
        "Looked-after children with an up-to-date care plan",
        f"Of the {COHORT}, the share with a care plan agreed on or after their last looked-after review "
        "(before the first review, any care plan).",
        "Local measure",
        Polarity.HIGHER_IS_BETTER,
        up_to_date_care_plan_rows,
        figure=up_to_date_care_plan_figure,
        label="Care plan up to date",
        evidence="Rotherham improvement papers: 95%",
    ),
    looked_after_indicator(
        "L03",
        "Looked-after reviews in timescale",
        f"Of the {COHORT} for 20 working days or more, the share whose every review since 1 April was on "
        "time (the first within 20 working days, T18; the second within 3 months, T19; later ones within "
        "6 months, T20) and whose next review is not overdue.",
        "DfE-style measure on CPPCR 2010 reg 33",
        Polarity.HIGHER_IS_BETTER,
        reviews_in_timescale_rows,
        figure=reviews_in_timescale_figure,
        evidence="Rotherham improvement papers: 99%",
    ),
    looked_after_indicator(
        "L04",
        "Looked-after children visited within the national minimum",
        f"Of the {COHORT}, the share seen within the interval CPPCR reg 28 sets for their current placement: "
        "within a week of the placement starting (T12), then every 6 weeks in its first year (T13), then "
        "every 3 months if it is to last until 18 (T14) or every 6 weeks (T15). Only visits at which the "
        "child was seen count.",
        "Local measure on CPPCR 2010 reg 28",
        Polarity.HIGHER_IS_BETTER,
        national_visit_rows,
        figure=national_visit_figure,
        label="Seen in timescale",
        evidence="Rotherham improvement papers: 97.7%",
    ),
    looked_after_indicator(
        "L05",
        "Looked-after children visited within the local standard (6 weeks)",
        f"Of the {COHORT}, the share seen within the council's own standard for every placement (T13L: 6 "
        "weeks unless the council sets another) of their last visit, or of becoming looked after.",
        "Local measure",
        Polarity.HIGHER_IS_BETTER,
        local_visit_rows,
        figure=local_visit_figure,
        label="Seen in timescale",
        evidence="Rotherham improvement papers: 77.2% against a 90% target",
    ),
    looked_after_indicator(
        "L10",
        "Looked-after children with health assessments up to date",
        f"Of the {COHORT} for 20 working days or more, the share whose initial health assessment was done "
        "and whose review health assessment is not overdue (6 months after the last for a child under 5 on "
        "that day, T22U; 12 months for a child of 5 or over, T22). A refusal is not an assessment.",
        "Local measure on CPPCR 2010 reg 7",
        Polarity.HIGHER_IS_BETTER,
        health_assessment_rows,
        figure=health_assessment_figure,
        label="Up to date",
        evidence="Rotherham improvement papers: 90.9%",
    ),
    looked_after_indicator(
        "L11",
        "Looked-after children with dental checks up to date",
        f"Of the {COHORT}, the share whose dental check is not overdue: 12 months after the last check, or "
        "after becoming looked after (T23). All ages. A refusal is not a check.",
        "Local measure",
        Polarity.HIGHER_IS_BETTER,
        dental_check_rows,
        figure=dental_check_figure,
        label="Up to date",
        evidence="Rotherham improvement papers: 90.5%",
    ),
    looked_after_indicator(
        "L10R",
        "Looked-after children whose health assessment is overdue and who refused it",
        f"Of the {COHORT} for 20 working days or more (L10's children), the share not up to date in L10 who "
        "refused a health assessment after the last one done (or, with none done, since becoming looked "
        "after): the refusals L10 does not count, counted apart for the panel.",
        "Local measure on CPPCR 2010 reg 7",
        Polarity.CONTEXT,
        health_assessment_refused_rows,
        figure=health_assessment_refused_figure,
        label="Refused",
        evidence="the seeds' panel reads refusals separately",
    ),
    looked_after_indicator(
        "L11R",
        "Looked-after children whose dental check is overdue and who refused it",
        f"Of the {COHORT} (L11's children), the share whose dental check is overdue (T23) who refused one "
        "after the last check done in the period (or, with none done, since becoming looked after): the "
        "refusals L11 does not count, counted apart for the panel.",
        "Local measure",
        Polarity.CONTEXT,
        dental_check_refused_rows,
        figure=dental_check_refused_figure,
        label="Refused",
        evidence="the seeds' panel reads refusals separately",
    ),
    looked_after_indicator(
        "L21",
        "Looked-after children of school age with personal education plans up to date",
        f"Of the {COHORT} of school age on it (reception to year 11: from the 1 September after the 31 August "
        "by which the child is 4), the share whose next personal education plan is not overdue: within 20 "
        "working days of becoming looked after or starting reception, whichever is later (T35), then one "
        "each school term (T36).",
        "DfE statutory guidance, Promoting the education of looked-after children (2018)",
        Polarity.HIGHER_IS_BETTER,
        pep_rows,
        figure=pep_figure,
        label="PEP up to date",
    ),
    looked_after_indicator(
        "L16",
        "Initial health assessments within 20 working days",
        "Of the periods of care started since 1 April whose 20 working days have run out by the date (short "
        "breaks left out), the share whose initial health assessment was done within 20 working days of the "
        "child becoming looked after (T21).",
        "Local measure on CPPCR 2010 reg 7",
        Polarity.HIGHER_IS_BETTER,
        initial_health_assessment_rows,
        figure=initial_health_assessment_figure,
        period=Period.YEAR_TO_DATE,
        evidence="Rotherham improvement papers",
    ),
    looked_after_indicator(
        "L12",
        "Children looked after 12 months with health assessments up to date (OC2)",
        f"Of the {OC2_COHORT}, the share whose initial health assessment was done and whose review health "
        "assessment was not overdue on the date (6 months for a child under 5, 12 months otherwise): OC2 "
        "HEALTH_ASSESSMENT.",
        OC2_SOURCE,
        Polarity.HIGHER_IS_BETTER,
        oc2_health_assessment_rows,
        figure=oc2_health_assessment_figure,
        label="Up to date",
    ),
    looked_after_indicator(
        "L13",
        "Children looked after 12 months whose teeth were checked (OC2)",
        f"Of the {OC2_COHORT}, the share with a dental check done (not refused) in the 12 months: OC2 TEETH_CHECK.",
        OC2_SOURCE,
        Polarity.HIGHER_IS_BETTER,
        oc2_teeth_check_rows,
        figure=oc2_teeth_check_figure,
        label="Teeth checked",
    ),
    looked_after_indicator(
        "L14",
        "Children looked after 12 months with immunisations up to date (OC2)",
        f"Of the {OC2_COHORT}, the share whose latest statement from the health record in the 12 months says "
        "their immunisations were up to date (none in the 12 months: not up to date): OC2 IMMUNISATIONS.",
        OC2_SOURCE,
        Polarity.HIGHER_IS_BETTER,
        oc2_immunisation_rows,
        figure=oc2_immunisation_figure,
        label="Immunisations up to date",
    ),
    looked_after_indicator(
        "L15",
        "Children looked after 12 months aged 4 to 16 with an SDQ score (OC2)",
        f"Of the {OC2_COHORT}, those aged 4 or over at the start of the 12 months and under 17 at the end, the "
        "share with a Strengths and Difficulties Questionnaire score completed in them: OC2 SDQ_SCORE.",
        OC2_SOURCE,
        Polarity.HIGHER_IS_BETTER,
        sdq_returned_rows,
        figure=sdq_returned_figure,
        label="SDQ score",
    ),
    looked_after_indicator(
        "L20",
        "Children looked after 12 months whose SDQ score is a cause for concern (OC2)",
        f"Of the {OC2_COHORT} aged 4 to 16 with an SDQ score (as L15), the share whose latest score was 17 or "
        "more (14 to 16 is borderline, 0 to 13 normal).",
        OC2_SOURCE,
        Polarity.LOWER_IS_BETTER,
        sdq_concern_rows,
        figure=sdq_concern_figure,
        label="Score 17 or more",
    ),
    Indicator(
        id="L30",
        title="Looked-after reviews with the reviewing officer's quality checklist",
        definition=(
            "Of the looked-after reviews held since 1 April, the share whose chairing independent reviewing "
            "officer has completed the quality checklist (hearth/duties/checklist.py). Concerns raised from "
            "the reviews are counted by stage in L31 and by outcome in Q02."
        ),
        source="Local measure (IRO Handbook 2010, the IRO's quality assurance of the care plan)",
        evidence="seeds: qualitative audit checklists for all looked-after children's reviews",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="reviews",
        rows=review_checklist_rows,
        figure=review_checklist_figure,
        counted_label="Checklist completed",
    ),
)
