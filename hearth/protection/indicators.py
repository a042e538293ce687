"""Child protection indicators (DOMAIN.md 4.2: S01, S02, P01-P07, N02) and the conference chairs'
concerns by escalation stage. Each returns one row per member of its denominator (for the rates
per 10,000, one row per child counted: the denominator is the population setting). Due dates come
from the timescales rules; nothing here counts days.

P02 (plans by category) is one indicator per category code, each the share of children on a plan
on the date whose latest category is that code: the engine gives one value per indicator, and a
share per category reads (and benchmarks) the way DfE publishes it.
"""

import datetime

from django.db.models import Case, Count, DateField, Exists, F, Min, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import Coalesce

from hearth.calendar.days import add_months_sql, ensure_calendar_days
from hearth.calendar.workingdays import add_months
from hearth.core.shared_reads import shared
from hearth.performance.indicator import (
    RATE_PER_10000,
    Indicator,
    Period,
    Polarity,
    Row,
    counted_figure,
    latest_sql,
    year_start,
)
from hearth.protection.models import (
    Category,
    Conference,
    ConferenceKind,
    CoreGroup,
    EscalationStage,
    EscalationStep,
    ProtectionPlan,
    RaisedAt,
    Section47Enquiry,
)
from hearth.protection.selectors import next_review_due, review_dates
from hearth.timescales.selectors import clock
from hearth.workforce.models import Allocation
from hearth.workforce.selectors import TRANSFERS, team_on


def _holder(referral, as_of: datetime.date) -> str:
    held = [
        a for a in referral.allocations.all() if a.started_on <= as_of and (a.ended_on is None or a.ended_on > as_of)
    ]
    return str(held[0].worker) if held else "Unallocated"


def _with_case(queryset):
    return queryset.select_related("child", "referral__team").prefetch_related(
        Prefetch("referral__allocations", queryset=Allocation.objects.select_related("worker__user")),
        Prefetch("referral__transfers", queryset=TRANSFERS.queryset),  # the team on as_of (team_on)
    )


def _row(obj, as_of, *, subject, started, due=None, stopped=None, counted=True) -> Row:
    return Row(
        subject=subject,
        child_id=obj.child_id,
        child_name=str(obj.child),
        worker=_holder(obj.referral, as_of),
        # The team that held the case on as_of: a case moved to another team since counts in its team then.
        team=str(team_on(obj.referral, as_of)),
        started=started,
        due=due,
        stopped=stopped,
        counted=counted,
    )


def plans_open_on(as_of: datetime.date):
    """Plans open at the end of as_of: started by then, not ended by then."""
    return ProtectionPlan.objects.filter(started_on__lte=as_of).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))


@shared  # P01, P02 (five), P05, P06 and N02 all start from these plans
def _open_plans_with_reviews(as_of: datetime.date) -> list[ProtectionPlan]:
    """The plans open at the end of as_of, oldest first, with their case, holders and reviews."""
    plans = _with_case(plans_open_on(as_of)).prefetch_related(
        Prefetch("reviews", queryset=Conference.objects.order_by("held_on", "pk"))
    )
    return list(plans.order_by("started_on", "pk"))


def s47_rows(as_of: datetime.date) -> list[Row]:
    """S01. Section 47 enquiries started since 1 April (one row each, all counted)."""
    enquiries = _with_case(Section47Enquiry.objects.filter(started_on__gte=year_start(as_of), started_on__lte=as_of))
    return [
        _row(e, as_of, subject=f"Section 47 enquiry {e.pk}", started=e.started_on)
        for e in enquiries.order_by("started_on", "pk")
    ]


def icpc_in_15_rows(as_of: datetime.date) -> list[Row]:
    """S02. Initial conferences held since 1 April; counted when held within 15 working days of the
    strategy discussion that started the enquiry (T05)."""
    t05 = clock("T05")
    conferences = _with_case(
        Conference.objects.filter(
            kind=ConferenceKind.INITIAL, held_on__gte=year_start(as_of), held_on__lte=as_of
        ).select_related("section47")
    )
    return [
        _row(
            c,
            as_of,
            subject=f"Initial conference {c.pk}",
            started=c.section47.started_on,
            due=t05.due(c.section47.started_on),
            stopped=c.held_on,
            counted=t05.met(c.section47.started_on, c.held_on),
        )
        for c in conferences.order_by("held_on", "pk")
    ]


def children_on_plans_rows(as_of: datetime.date) -> list[Row]:
    """P01. Children on a plan at the end of as_of (a child holds one open plan at a time)."""
    return [
        _row(p, as_of, subject=f"Plan from {p.started_on:%-d %b %Y}", started=p.started_on)
        for p in _open_plans_with_reviews(as_of)
    ]


def _latest_category_on(plan: ProtectionPlan, as_of: datetime.date) -> str:
    """The plan's latest category as it stood on as_of: the last review by then that set one, else
    the initial category (so a past date is not coloured by a later review)."""
    categories = [r.category for r in plan.reviews.all() if r.held_on and r.held_on <= as_of and r.category]
    return categories[-1] if categories else plan.initial_category


def _category_rows(code: str):
    def rows(as_of: datetime.date) -> list[Row]:
        result = []
        for plan in _open_plans_with_reviews(as_of):
            category = _latest_category_on(plan, as_of)
            result.append(
                _row(
                    plan,
                    as_of,
                    subject=f"Plan from {plan.started_on:%-d %b %Y}: {Category(category).label.lower()}",
                    started=plan.started_on,
                    counted=category == code,
                )
            )
        return result

    rows.__doc__ = f"P02 {code}. Children on a plan at the end of as_of; counted when its latest category is {code}."
    return rows


def plans_lasting_two_years_rows(as_of: datetime.date) -> list[Row]:
    """P03. Plans ended since 1 April; counted when the plan lasted 2 years or more (ended on or
    after the same date two years after it started)."""
    plans = _with_case(ProtectionPlan.objects.filter(ended_on__gte=year_start(as_of), ended_on__lte=as_of))
    return [
        _row(
            p,
            as_of,
            subject=f"Plan from {p.started_on:%-d %b %Y}",
            started=p.started_on,
            due=add_months(p.started_on, 24),
            stopped=p.ended_on,
            counted=p.ended_on >= add_months(p.started_on, 24),
        )
        for p in plans.order_by("ended_on", "pk")
    ]


@shared  # P04 and P07
def _plans_started_this_year(as_of: datetime.date) -> list[ProtectionPlan]:
    """Plans started since 1 April (to as_of), oldest first, with their case, holders and core groups."""
    plans = _with_case(
        ProtectionPlan.objects.filter(started_on__gte=year_start(as_of), started_on__lte=as_of)
    ).prefetch_related(Prefetch("core_groups", queryset=CoreGroup.objects.order_by("held_on")))
    return list(plans.order_by("started_on", "pk"))


def second_plans_rows(as_of: datetime.date) -> list[Row]:
    """P04. Plans started since 1 April; counted when the child had a plan before, ever
    (NumberOfPreviousCPP of 1 or more)."""
    return [
        _row(
            p,
            as_of,
            subject=f"Plan from {p.started_on:%-d %b %Y} ({p.previous_plans} previous)",
            started=p.started_on,
            counted=p.previous_plans >= 1,
        )
        for p in _plans_started_this_year(as_of)
    ]


def reviews_in_timescale_rows(as_of: datetime.date) -> list[Row]:
    """P05. Children on a plan at the end of as_of who have been on it 3 months or more; counted
    when every review held by as_of was on time (the first by T07 from the ICPC, each later one by
    T08 from the review before) and the next review is not already overdue on as_of."""
    t07, t08 = clock("T07"), clock("T08")
    rows = []
    for plan in _open_plans_with_reviews(as_of):
        if add_months(plan.started_on, 3) > as_of:
            continue
        reviews = [r for r in plan.reviews.all() if r.held_on and r.held_on <= as_of]
        held = review_dates(plan, reviews, t07, t08)
        next_due = t08.due(reviews[-1].held_on) if reviews else t07.due(plan.started_on)
        on_time = all(held_on <= due for held_on, due in held) and next_due >= as_of
        rows.append(
            _row(
                plan,
                as_of,
                subject=f"Plan from {plan.started_on:%-d %b %Y}: {len(reviews)} review(s)",
                started=plan.started_on,
                due=next_due,
                stopped=reviews[-1].held_on if reviews else None,
                counted=on_time,
            )
        )
    return rows


def cp_visits_in_timescale_rows(as_of: datetime.date) -> list[Row]:
    """P06. Denominator: children on a plan at the end of as_of. Numerator: those seen within the
    visiting interval (T09, a local standard) of as_of: the next visit, counted from the last visit
    at which the child was seen on this plan (or the plan's start), is not yet overdue. The due date
    comes from visits.timeliness, as the worklist's "visit due" does."""
    from hearth.visits.selectors import last_seen_visits, latest_attempts
    from hearth.visits.timeliness import PlanKind, next_visit_due, visit_clock

    rule_clock = visit_clock(PlanKind.CHILD_PROTECTION)
    plans = _open_plans_with_reviews(as_of)
    child_ids = {plan.child_id for plan in plans}
    last_seen = last_seen_visits(child_ids, as_of)
    attempts = latest_attempts(child_ids, as_of)
    rows = []
    for plan in plans:
        seen = last_seen.get(plan.child_id)
        if seen is not None and seen < plan.started_on:
            seen = None  # a visit before the plan began does not count for it
        due = next_visit_due(PlanKind.CHILD_PROTECTION, plan.started_on, seen, rule_clock)
        attempt = attempts.get(plan.child_id)
        not_possible = attempt is not None and not attempt.happened and attempt.visited_on >= plan.started_on
        subject = f"Plan from {plan.started_on:%-d %b %Y}"
        if not_possible:
            subject += f"; last visit could not happen: {attempt.not_possible_reason}"
        rows.append(
            _row(plan, as_of, subject=subject, started=plan.started_on, due=due, stopped=seen, counted=as_of <= due)
        )
    return rows


def up_to_date_plan_rows(as_of: datetime.date) -> list[Row]:
    """N02. Denominator: children on a plan at the end of as_of. Numerator: those whose plan is up to
    date on as_of: its next review conference, due 3 months after the ICPC (T07) before the first
    review and 6 months after the last review held by as_of (T08) after, is not yet overdue."""
    t07, t08 = clock("T07"), clock("T08")
    rows = []
    for plan in _open_plans_with_reviews(as_of):
        reviews = [r for r in plan.reviews.all() if r.held_on and r.held_on <= as_of]
        due = next_review_due(plan, reviews, t07, t08)
        rows.append(
            _row(
                plan,
                as_of,
                subject=f"Plan from {plan.started_on:%-d %b %Y}: {len(reviews)} review(s)",
                started=plan.started_on,
                due=due,
                stopped=reviews[-1].held_on if reviews else None,
                counted=as_of <= due,
            )
        )
    return rows


def first_core_group_rows(as_of: datetime.date) -> list[Row]:
    """P07. Plans started since 1 April whose first core group is known on as_of (held by then, or
    its 10 working days already run out); counted when held within 10 working days (T06)."""
    t06 = clock("T06")
    rows = []
    for plan in _plans_started_this_year(as_of):
        due = t06.due(plan.started_on)
        held = [g.held_on for g in plan.core_groups.all() if g.held_on <= as_of]
        first = held[0] if held else None
        if first is None and due >= as_of:
            continue  # still inside its 10 working days
        rows.append(
            _row(
                plan,
                as_of,
                subject=f"Plan from {plan.started_on:%-d %b %Y}",
                started=plan.started_on,
                due=due,
                stopped=first,
                counted=first is not None and t06.met(plan.started_on, first),
            )
        )
    return rows


@shared  # the four P08 stages and the four L31 stages
def _escalation_steps_this_year(as_of: datetime.date) -> list[EscalationStep]:
    """Escalation steps opened since 1 April (to as_of), in the order they were opened."""
    steps = (
        EscalationStep.objects.filter(opened_on__gte=year_start(as_of), opened_on__lte=as_of)
        .select_related("escalation__child", "escalation__referral__team", "raised_by")
        .prefetch_related(Prefetch("escalation__referral__transfers", queryset=TRANSFERS.queryset))
    )
    return list(steps.order_by("opened_on", "pk"))


def _concern_rows(stage: str, raised_at: str):
    def rows(as_of: datetime.date) -> list[Row]:
        return [
            Row(
                subject=f"Concern {s.escalation_id}, with {s.with_whom}"
                + (f": {s.get_outcome_display().lower()}" if s.closed_on and s.closed_on <= as_of else ": open"),
                child_id=s.escalation.child_id,
                child_name=str(s.escalation.child),
                worker=s.raised_by.get_full_name() or s.raised_by.username,
                team=str(team_on(s.escalation.referral, as_of)),
                started=s.opened_on,
                due=None,
                stopped=s.closed_on if s.closed_on and s.closed_on <= as_of else None,
                counted=True,
            )
            for s in _escalation_steps_this_year(as_of)
            if s.stage == stage and s.escalation.raised_at == raised_at
        ]

    meeting = RaisedAt(raised_at).label.lower()
    rows.__doc__ = f"Concerns raised at a {meeting} that reached the {stage} stage since 1 April."
    return rows


# The figures in SQL (Indicator.figure): the same (counted, rows) as the row functions above; a test
# holds the two equal on a built council (hearth/performance/tests/test_figures_in_sql.py).


def s47_figure(as_of: datetime.date) -> tuple[int, int]:
    return counted_figure(Section47Enquiry.objects.filter(started_on__gte=year_start(as_of), started_on__lte=as_of))


def icpc_in_15_figure(as_of: datetime.date) -> tuple[int, int]:
    ensure_calendar_days(as_of)
    conferences = Conference.objects.filter(
        kind=ConferenceKind.INITIAL, held_on__gte=year_start(as_of), held_on__lte=as_of
    ).annotate(enquiry_started=F("section47__started_on"))
    conferences = conferences.annotate(due=clock("T05").due_sql("enquiry_started"))
    return counted_figure(conferences, Q(held_on__lte=F("due")))


def children_on_plans_figure(as_of: datetime.date) -> tuple[int, int]:
    return counted_figure(plans_open_on(as_of))


@shared  # the five P02 figures: one count of the plans open on the date, by latest category
def _plans_by_category(as_of: datetime.date) -> dict[str, int]:
    latest = (
        Conference.objects.filter(plan_id=OuterRef("pk"), held_on__isnull=False, held_on__lte=as_of)
        .exclude(category="")
        .order_by("-held_on", "-pk")
        .values("category")[:1]
    )
    plans = plans_open_on(as_of).annotate(category_on=Coalesce(Subquery(latest), "initial_category"))
    return dict(plans.order_by().values_list("category_on").annotate(n=Count("pk")))


def _category_figure(code: str):
    def figure(as_of: datetime.date) -> tuple[int, int]:
        plans = _plans_by_category(as_of)
        return plans.get(code, 0), sum(plans.values())

    return figure


def plans_lasting_two_years_figure(as_of: datetime.date) -> tuple[int, int]:
    ensure_calendar_days(as_of)
    plans = ProtectionPlan.objects.filter(ended_on__gte=year_start(as_of), ended_on__lte=as_of)
    return counted_figure(plans.annotate(two_years=add_months_sql("started_on", 24)), Q(ended_on__gte=F("two_years")))


def second_plans_figure(as_of: datetime.date) -> tuple[int, int]:
    plans = ProtectionPlan.objects.filter(started_on__gte=year_start(as_of), started_on__lte=as_of)
    return counted_figure(plans, Q(previous_plans__gte=1))


def first_core_group_figure(as_of: datetime.date) -> tuple[int, int]:
    ensure_calendar_days(as_of)
    first = (
        CoreGroup.objects.filter(plan_id=OuterRef("pk"), held_on__lte=as_of)
        .values("plan_id")
        .annotate(first=Min("held_on"))
        .values("first")[:1]
    )
    plans = ProtectionPlan.objects.filter(started_on__gte=year_start(as_of), started_on__lte=as_of).annotate(
        first=Subquery(first), due=clock("T06").due_sql("started_on")
    )
    known = plans.filter(Q(first__isnull=False) | Q(due__lt=as_of))
    return counted_figure(known, Q(first__isnull=False, first__lte=F("due")))


def _reviews_held(plan_ref, as_of: datetime.date):
    """The plan's conferences held by as_of (what the row functions read as its reviews)."""
    return Conference.objects.filter(plan_id=plan_ref, held_on__isnull=False, held_on__lte=as_of)


def _next_review_due_sql(as_of: datetime.date, plans):
    """Plans annotated with their last review held by as_of and next_review_due in SQL: T08 from
    the last review held, else T07 from the plan's start."""
    plans = plans.annotate(last_review=latest_sql(_reviews_held(OuterRef("pk"), as_of), "held_on"))
    return plans.annotate(
        due=Case(
            When(last_review__isnull=True, then=clock("T07").due_sql("started_on")),
            default=clock("T08").due_sql("last_review"),
            output_field=DateField(),
        )
    )


def up_to_date_plan_figure(as_of: datetime.date) -> tuple[int, int]:
    """N02 in SQL: the same (counted, rows) as up_to_date_plan_rows."""
    ensure_calendar_days(as_of)
    return counted_figure(_next_review_due_sql(as_of, plans_open_on(as_of)), Q(due__gte=as_of))


def reviews_in_timescale_figure(as_of: datetime.date) -> tuple[int, int]:
    """P05 in SQL: the same (counted, rows) as reviews_in_timescale_rows. A review is late when held
    after its due date: T07 from the plan's start for the first, T08 from the review before for
    each later one."""
    ensure_calendar_days(as_of)
    before = latest_sql(_reviews_held(OuterRef("plan_id"), as_of).filter(held_on__lt=OuterRef("held_on")), "held_on")
    reviews = _reviews_held(OuterRef("pk"), as_of).annotate(plan_start=F("plan__started_on"), previous=before)
    late = reviews.annotate(
        was_due=Case(
            When(previous__isnull=True, then=clock("T07").due_sql("plan_start")),
            default=clock("T08").due_sql("previous"),
            output_field=DateField(),
        )
    ).filter(held_on__gt=F("was_due"))
    plans = plans_open_on(as_of).annotate(three_months=add_months_sql("started_on", 3)).filter(three_months__lte=as_of)
    plans = _next_review_due_sql(as_of, plans).annotate(any_late=Exists(late))
    return counted_figure(plans, Q(any_late=False, due__gte=as_of))


def cp_visits_in_timescale_figure(as_of: datetime.date) -> tuple[int, int]:
    """P06 in SQL: the same (counted, rows) as cp_visits_in_timescale_rows."""
    from hearth.visits.indicators import visits_in_timescale_figure
    from hearth.visits.timeliness import PlanKind

    return visits_in_timescale_figure(plans_open_on(as_of), PlanKind.CHILD_PROTECTION, as_of)


@shared  # the four P08 and four L31 figures: one count of the year's steps, by stage and where raised
def _steps_by_stage(as_of: datetime.date) -> dict[tuple[str, str], int]:
    steps = EscalationStep.objects.filter(opened_on__gte=year_start(as_of), opened_on__lte=as_of)
    grouped = steps.order_by().values_list("stage", "escalation__raised_at").annotate(n=Count("pk"))
    return {(stage, raised_at): n for stage, raised_at, n in grouped}


def _concern_figure(stage: str, raised_at: str):
    def figure(as_of: datetime.date) -> tuple[int, int]:
        steps = _steps_by_stage(as_of).get((stage, raised_at), 0)
        return steps, steps  # every step opened counts

    return figure


CATEGORY_IDS = {
    Category.NEGLECT: "P02NEG",
    Category.PHYSICAL: "P02PHY",
    Category.SEXUAL: "P02SAB",
    Category.EMOTIONAL: "P02EMO",
    Category.MULTIPLE: "P02MUL",
}
CONCERN_IDS = {
    EscalationStage.INFORMAL: "P08I",
    EscalationStage.STAGE_1: "P08S1",
    EscalationStage.STAGE_2: "P08S2",
    EscalationStage.STAGE_3: "P08S3",
}
# The same count for the concerns raised at looked-after reviews (docs/looked-after-measures.md).
REVIEW_CONCERN_IDS = {
    EscalationStage.INFORMAL: "L31I",
    EscalationStage.STAGE_1: "L31S1",
    EscalationStage.STAGE_2: "L31S2",
    EscalationStage.STAGE_3: "L31S3",
}

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="S01",
        title="Section 47 enquiries per 10,000 children",
        definition=(
            "Section 47 enquiries started since 1 April (the date of the strategy discussion that started "
            "each one), per 10,000 children aged 0-17 in the council's population setting."
        ),
        source="DfE children in need statistics (Section47 records)",
        polarity=Polarity.CONTEXT,
        unit=RATE_PER_10000,
        period=Period.YEAR_TO_DATE,
        counts="enquiries",
        rows=s47_rows,
        figure=s47_figure,
        counted_label="Enquiry started",
    ),
    Indicator(
        id="S02",
        title="Initial conferences within 15 working days of the strategy discussion",
        definition=(
            "Of the initial child protection conferences held since 1 April, the share held within 15 working "
            "days of the strategy discussion that started the section 47 enquiry (timescale T05; the census "
            "InitialCPCtarget)."
        ),
        source="DfE children in need statistics",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="conferences",
        rows=icpc_in_15_rows,
        figure=icpc_in_15_figure,
    ),
    Indicator(
        id="P01",
        title="Children on child protection plans per 10,000 children",
        definition=(
            "Children on a child protection plan at the end of the date, per 10,000 children aged 0-17 in the "
            "council's population setting."
        ),
        source="DfE children in need statistics",
        polarity=Polarity.CONTEXT,
        unit=RATE_PER_10000,
        period=Period.AS_AT,
        counts="children",
        rows=children_on_plans_rows,
        figure=children_on_plans_figure,
        counted_label="On a plan",
    ),
    *(
        Indicator(
            id=CATEGORY_IDS[code],
            title=f"Children on plans: {code.label.split(' (')[0].lower()}",
            definition=(
                f"Of the children on a child protection plan at the end of the date, the share whose latest "
                f"category of abuse ({code.value}) is {code.label.split(' (')[0].lower()} (the category set at the "
                "initial conference, or changed at a review by then)."
            ),
            source="DfE children in need statistics (LatestCategoryOfAbuse)",
            polarity=Polarity.CONTEXT,
            unit="%",
            period=Period.AS_AT,
            counts="children",
            rows=_category_rows(code.value),
            figure=_category_figure(code.value),
            counted_label=f"Latest category {code.value}",
        )
        for code in Category
    ),
    Indicator(
        id="P03",
        title="Plans ended that lasted 2 years or more",
        definition=("Of the child protection plans ended since 1 April, the share that had lasted 2 years or more."),
        source="DfE children in need statistics",
        polarity=Polarity.LOWER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="plans",
        rows=plans_lasting_two_years_rows,
        figure=plans_lasting_two_years_figure,
        counted_label="Lasted 2 years or more",
    ),
    Indicator(
        id="P04",
        title="Second or subsequent child protection plans",
        definition=(
            "Of the child protection plans started since 1 April, the share for children who had been on a "
            "plan before, at any time (NumberOfPreviousCPP of 1 or more)."
        ),
        source="DfE children in need statistics",
        polarity=Polarity.LOWER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="plans",
        rows=second_plans_rows,
        figure=second_plans_figure,
        counted_label="Second or subsequent plan",
    ),
    Indicator(
        id="P05",
        title="Child protection plans reviewed in timescale",
        definition=(
            "Of the children on a plan at the end of the date who have been on it 3 months or more, the share "
            "whose every review conference was on time (the first within 3 months of the initial conference, "
            "T07; later ones within 6 months of the last, T08) and whose next review is not overdue."
        ),
        source="DfE children in need statistics (reviews in timescale)",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.AS_AT,
        counts="children",
        rows=reviews_in_timescale_rows,
        figure=reviews_in_timescale_figure,
    ),
    Indicator(
        id="P06",
        title="Child protection visits in timescale",
        definition=(
            "Of the children on a child protection plan at the end of the date, the share seen within the "
            "visiting interval (timescale T09, the council's local standard: 10 working days unless it sets "
            "another), counted from the last visit on the plan at which the child was seen, or from the plan's "
            "start. A visit where the child was not seen, or that could not happen, does not count; one that "
            "could not happen is shown beside the child and counted in V02."
        ),
        source="Local measure",
        evidence="DOMAIN 4.2; Rotherham improvement papers: children visited at the required frequency",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.AS_AT,
        counts="children",
        rows=cp_visits_in_timescale_rows,
        figure=cp_visits_in_timescale_figure,
        counted_label="Seen in timescale",
    ),
    Indicator(
        id="N02",
        title="Children on child protection plans with an up-to-date plan",
        definition=(
            "Of the children on a child protection plan at the end of the date, the share whose plan is up to "
            "date: reviewed by its due date, the first review conference within 3 months of the initial "
            "conference (T07), each later one within 6 months of the last (T08), so that on the date the next "
            "review is not overdue."
        ),
        source="Local measure",
        evidence="DOMAIN 4.2; seeds: 99% of child protection plans up to date",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.AS_AT,
        counts="children",
        rows=up_to_date_plan_rows,
        figure=up_to_date_plan_figure,
        counted_label="Plan up to date",
    ),
    Indicator(
        id="P07",
        title="First core group within 10 working days of the initial conference",
        definition=(
            "Of the plans started since 1 April whose first core group is due or held by the date, the share "
            "whose first core group met within 10 working days of the initial conference (T06)."
        ),
        source="Local measure on Working Together 2023",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="plans",
        rows=first_core_group_rows,
        figure=first_core_group_figure,
    ),
    *(
        Indicator(
            id=CONCERN_IDS[stage],
            title=f"Conference concerns by stage: {stage.label.lower()}",
            definition=(
                f"Concerns raised by conference chairs through the escalation procedure that reached the "
                f"{stage.label.lower()} stage since 1 April (each concern counts once at each stage it reached)."
            ),
            source="Local measure",
            evidence="seeds: escalations by stage, informal then stages 1 to 3",
            polarity=Polarity.CONTEXT,
            unit="count",
            period=Period.YEAR_TO_DATE,
            counts="concerns",
            rows=_concern_rows(stage.value, RaisedAt.CONFERENCE),
            figure=_concern_figure(stage.value, RaisedAt.CONFERENCE),
            counted_label=f"Reached {stage.label.lower()}",
        )
        for stage in EscalationStage
    ),
    *(
        Indicator(
            id=REVIEW_CONCERN_IDS[stage],
            title=f"Looked-after review concerns by stage: {stage.label.lower()}",
            definition=(
                f"Concerns raised by independent reviewing officers from the looked-after reviews they chaired, "
                f"through the dispute resolution (escalation) procedure, that reached the {stage.label.lower()} "
                f"stage since 1 April (each concern counts once at each stage it reached)."
            ),
            source="Local measure (IRO Handbook 2010 chapter 7, the dispute resolution process)",
            evidence="seeds: the IRO service's concerns from looked-after reviews, informal then stages 1 to 3",
            polarity=Polarity.CONTEXT,
            unit="count",
            period=Period.YEAR_TO_DATE,
            counts="concerns",
            rows=_concern_rows(stage.value, RaisedAt.LOOKED_AFTER_REVIEW),
            figure=_concern_figure(stage.value, RaisedAt.LOOKED_AFTER_REVIEW),
            counted_label=f"Reached {stage.label.lower()}",
        )
        for stage in EscalationStage
    ),
)
