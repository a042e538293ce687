"""The assessment area's indicators (the catalogue gathers them through INDICATOR_MODULES)."""

import datetime

from django.db.models import Prefetch

from hearth.assessment.selectors import open_on
from hearth.calendar.days import ensure_calendar_days
from hearth.performance.indicator import Indicator, Period, Polarity, Row, counted_figure
from hearth.timescales.selectors import clock
from hearth.workforce.selectors import TRANSFERS, team_on


def open_past_45_rows(as_of: datetime.date) -> list[Row]:
    """A03. The assessments open at the end of as_of whose 45 working days from the referral (T03,
    the due date every page shows) ran out before as_of. A count: every row is counted, so the
    drill-down lists exactly the backlog, oldest first."""
    assessment_clock = clock("T03")
    rows = []
    assessments = (
        open_on(as_of)
        .select_related("child", "worker__user", "referral__team")
        .prefetch_related(Prefetch("referral__transfers", queryset=TRANSFERS.queryset))
        .order_by("referral__referral_date", "started_on", "pk")
    )
    for assessment in assessments:
        due = assessment_clock.due(assessment.referral.referral_date)
        if as_of <= due:
            continue
        rows.append(
            Row(
                subject=f"Assessment {assessment.pk}",
                child_id=assessment.child_id,
                child_name=str(assessment.child),
                worker=str(assessment.worker),
                team=str(team_on(assessment.referral, as_of)),  # the team holding the case on as_of
                started=assessment.referral.referral_date,
                due=due,
                stopped=None,
                counted=True,
            )
        )
    return rows


def open_past_45_figure(as_of: datetime.date) -> tuple[int, int]:
    """A03 in SQL: the same count as open_past_45_rows."""
    ensure_calendar_days(as_of)
    assessments = open_on(as_of).annotate(due=clock("T03").due_sql("referral__referral_date")).filter(due__lt=as_of)
    return counted_figure(assessments)


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="A03",
        title="Open assessments past 45 working days",
        definition=(
            "The number of assessments open on the date (started and not yet authorised by a manager) "
            "whose 45 working days from the referral (timescale T03, Working Together 2023: the due date "
            "the worklists and the assessment's page show) ended before the date."
        ),
        source="Local measure; DfE census rule 8670Q flags, at year end, those past 45 working days from their start",
        evidence="Rotherham improvement papers: 315 in February 2015, brought to 0",
        polarity=Polarity.LOWER_IS_BETTER,
        unit="count",
        period=Period.AS_AT,
        counts="assessments",
        rows=open_past_45_rows,
        figure=open_past_45_figure,
        counted_label="Past 45 working days",
    ),
)
