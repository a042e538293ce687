"""Reads of permanence facts: each adoption decision with what followed it (the match, and care's
placement order, placement for adoption and adoption order, read from care's facts), the 903 rules
that join several facts and are not yet met, the child's page section and the period of care's.

`adoption_journeys(child)` is the one read of an adoption's milestones: the child's page, the 903
files (return903.py) and the permanence tracker that builds on it (issue 18) all start from it."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch

from hearth.care.codes import ADOPTION_END_REASONS, ADOPTION_PLACEMENTS
from hearth.care.models import PeriodOfCare
from hearth.care.selectors import periods_of_care_of
from hearth.people.rows_held import may_hold
from hearth.people.selectors import children_visible_to
from hearth.permanence.codes import OUTSIDE_ENGLAND, WITH_CURRENT_FOSTER_CARERS, PermanencePlanType
from hearth.permanence.models import AdoptionDecision, AdoptionMatch, PermanencePlan, PreviousPermanence
from hearth.workforce.models import Allocation, Team


@dataclass
class AdoptionJourney:
    """One decision that the child should be placed for adoption and what followed it."""

    decision: AdoptionDecision
    period: PeriodOfCare
    latest_match: AdoptionMatch | None
    placement_order_on: datetime.date | None  # the first legal status E1 in the period
    placed_on: datetime.date | None  # the first placement A3-A6 in the period
    placed_type: str = ""
    adopted_on: datetime.date | None = None  # the period ended with E11 or E12
    # The 903 rules joining these facts that the record does not yet meet, each "rule: what to do".
    problems: list[str] = field(default_factory=list)

    @property
    def adopted_by_foster_carers(self) -> bool | None:
        """903 AD1 FOSTER_CARE, derived from the placement for adoption (A3, A5: with the current
        foster carers; rule 335); None when the child was not placed for adoption."""
        return self.placed_type in WITH_CURRENT_FOSTER_CARERS if self.placed_type else None

    @property
    def next_milestone(self) -> str:
        if self.decision.reversed_on is not None:
            return ""
        if self.adopted_on:
            return ""
        if self.latest_match is None:
            return "Match with adopters"
        if self.placed_on is None:
            return "Placement for adoption"
        return "Adoption order"


def _period_facts():
    return (
        Prefetch("period__legal_statuses"),
        Prefetch("period__placements"),
    )


def adoption_journeys(child) -> list[AdoptionJourney]:
    """The child's adoption decisions, newest first, each with the milestones that followed."""
    if not may_hold(child, "permanence.AdoptionDecision"):
        return []
    decisions = (
        AdoptionDecision.objects.filter(child=child)
        .select_related("period", "recorded_by", "reversed_by")
        .prefetch_related(
            *_period_facts(), Prefetch("matches", queryset=AdoptionMatch.objects.select_related("adopters"))
        )
    )
    return [journey_of(decision) for decision in decisions]


def journey_of(decision: AdoptionDecision) -> AdoptionJourney:
    period = decision.period
    orders = sorted((s for s in period.legal_statuses.all() if s.legal_status == "E1"), key=lambda s: s.started_on)
    placed = sorted(
        (p for p in period.placements.all() if p.placement_type in ADOPTION_PLACEMENTS), key=lambda p: p.started_on
    )
    matches = sorted(decision.matches.all(), key=lambda m: (m.matched_on, m.pk))
    journey = AdoptionJourney(
        decision=decision,
        period=period,
        latest_match=matches[-1] if matches else None,
        placement_order_on=orders[0].started_on if orders else None,
        placed_on=placed[0].started_on if placed else None,
        placed_type=placed[-1].placement_type if placed else "",
        adopted_on=period.ended_on if period.end_reason in ADOPTION_END_REASONS else None,
    )
    journey.problems = _problems(journey)
    return journey


def _problems(journey: AdoptionJourney) -> list[str]:
    """What the 903 validator will flag about these facts together, and what to record."""
    problems = []
    period, match, decision = journey.period, journey.latest_match, journey.decision
    if journey.adopted_on and match is None:
        problems.append("Rule 601: the child was adopted, so record the match with the adopters")
    if journey.placed_on and match is not None and match.matched_on > journey.placed_on:
        problems.append("Rule 331: the match is after the placement for adoption; check both dates")
    if decision.reversed_on is None and period.ended_on is not None and period.end_reason not in ADOPTION_END_REASONS:
        problems.append(
            "Rule 557: the child left care without being adopted, so record when and why the decision was reversed"
        )
    return problems


def periods_without_a_decision(periods: list[PeriodOfCare], journeys: list[AdoptionJourney]) -> list[str]:
    """Care's facts that ask for a decision none recorded covers (903 rules 551 and 553), among the
    child's periods (with legal statuses and placements) and adoption decisions (adoption_journeys)."""
    problems = []
    decided_periods = {journey.decision.period_id for journey in journeys}
    for period in periods:
        if period.pk in decided_periods:
            continue
        if any(s.legal_status == "E1" for s in period.legal_statuses.all()):
            problems.append(
                f"Rule 553: a placement order (E1) in the period of care from {period.started_on:%-d %B %Y} "
                "but no decision that the child should be placed for adoption is recorded"
            )
        if any(p.placement_type in ADOPTION_PLACEMENTS for p in period.placements.all()):
            problems.append(
                f"Rule 551: placed for adoption in the period of care from {period.started_on:%-d %B %Y} "
                "but no decision that the child should be placed for adoption is recorded"
            )
    return problems


def order_date_text(record: PreviousPermanence) -> str:
    """The order's date as known, in words: '3 May 2019', 'May 2019', '2019' or 'not known'."""
    if record.order_year is None:
        return "not known"
    if record.order_month is None:
        return str(record.order_year)
    day = datetime.date(record.order_year, record.order_month, record.order_day or 1)
    return f"{day:%-d %B %Y}" if record.order_day else f"{day:%B %Y}"


def council_text(record: PreviousPermanence) -> str:
    if not record.la_code:
        return "not known"
    if record.la_code in OUTSIDE_ENGLAND:
        return OUTSIDE_ENGLAND[record.la_code]
    return f"council code {record.la_code}"


def previous_permanence_rows(child, periods: list[PeriodOfCare]) -> list[dict]:
    """Each of the child's periods of care (newest first) with what was recorded about previous
    permanence when it started."""
    held = may_hold(child, "permanence.PreviousPermanence")
    records = (
        {record.period_id: record for record in PreviousPermanence.objects.filter(period__child=child)} if held else {}
    )
    rows = []
    for period in periods:
        record = records.get(period.pk)
        rows.append(
            {
                "period": period,
                "record": record,
                "date": order_date_text(record) if record else "",
                "council": council_text(record) if record else "",
            }
        )
    return rows


def child_page_permanence(user, child) -> dict:
    """The child's page (registered in hearth/records/child_page.py): adoption decisions and what
    followed, previous permanence for each period of care, and what this user may record."""
    journeys = adoption_journeys(child)
    periods = periods_of_care_of(child)  # with legal statuses and placements, as the care section reads them
    # A plan belongs to a period of care: a child never looked after costs the page no query for them.
    plans = list(PermanencePlan.objects.filter(child=child).select_related("recorded_by")) if periods else []
    previous = previous_permanence_rows(child, periods)
    open_period = next((row["period"] for row in previous if row["period"].ended_on is None), None)
    in_force = next((j for j in journeys if j.decision.reversed_on is None and not j.adopted_on), None)
    open_plans = [plan for plan in plans if open_period is not None and plan.period_id == open_period.pk]
    return {
        "permanence_area": {
            "plans": plans,
            "plan_now": open_plans[0] if open_plans else None,
            "looked_after": open_period is not None,
            "journeys": journeys,
            "previous": previous,
            "unlinked_problems": periods_without_a_decision(periods, journeys),
            "in_force": in_force,
            "can_record": user.has_perm("permanence.record_permanence", child),
            "can_decide": open_period is not None and in_force is None,
            "shows": bool(previous or journeys or plans),
        }
    }


def period_page_section(period: PeriodOfCare, user) -> tuple[str, dict]:
    """The period of care's page (care.selectors.PERIOD_PAGE_SECTIONS): previous permanence found
    when the period started, with a link to record it while it is not, and to correct it once it is."""
    record = PreviousPermanence.objects.filter(period=period).first()
    return (
        "permanence/_period_previous_permanence.html",
        {
            "period": period,
            "previous_permanence": record,
            "previous_date": order_date_text(record) if record else "",
            "previous_council": council_text(record) if record else "",
            "can_record_previous": record is None and user.has_perm("permanence.record_permanence", period.child),
            "can_correct_previous": record is not None and user.has_perm("permanence.record_permanence", period.child),
        },
    )


# The permanence tracker -----------------------------------------------------------------------

# What each plan is working towards, after the plan is agreed (adoption's milestones are the
# journey's: the decision, the placement order, the match, the placement, the adoption order).
PLAN_OUTCOME = {
    PermanencePlanType.RETURN_HOME: "Return home",
    PermanencePlanType.FAMILY_AND_FRIENDS: "Living with family or friends",
    PermanencePlanType.LONG_TERM_FOSTERING: "Long-term foster placement confirmed",
    PermanencePlanType.SPECIAL_GUARDIANSHIP: "Special guardianship order",
    PermanencePlanType.CHILD_ARRANGEMENTS: "Child arrangements order",
}


@dataclass
class TrackerRow:
    """A looked-after child with a plan for permanence, where they are on the way to it."""

    period: PeriodOfCare
    plan: PermanencePlan
    journey: AdoptionJourney | None
    worker: str
    team: str
    last_milestone: str
    last_on: datetime.date
    next_milestone: str
    days_since: int
    past_target: bool


def permanence_target_days() -> int:
    return settings.HEARTH_PERMANENCE_TARGET_DAYS


def _milestones(plan: PermanencePlan, journey: AdoptionJourney | None) -> tuple[list[tuple[str, datetime.date]], str]:
    """The milestones reached so far (name, day) and the next one, for the plan now."""
    reached = [("Plan agreed", plan.agreed_on)]
    if plan.plan != PermanencePlanType.ADOPTION:
        return reached, PLAN_OUTCOME[plan.plan]
    if journey is None:
        return reached, "Decision that the child should be placed for adoption"
    reached.append(("Decision to place for adoption", journey.decision.decided_on))
    if journey.placement_order_on:
        reached.append(("Placement order", journey.placement_order_on))
    if journey.latest_match:
        reached.append(("Matched with adopters", journey.latest_match.matched_on))
    if journey.placed_on:
        reached.append(("Placed for adoption", journey.placed_on))
    if journey.placement_order_on is None and journey.latest_match is None:
        return reached, "Placement order"
    return reached, journey.next_milestone


def _worker(period: PeriodOfCare) -> str:
    allocations = [a for a in period.referral.allocations.all() if a.ended_on is None]
    if not allocations:
        return "Not allocated"
    user = allocations[0].worker.user
    return user.get_full_name() or user.username


def permanence_tracker(user, as_of: datetime.date, plan: str = "", team_id: int | None = None) -> list[TrackerRow]:
    """The matching panel's tracker: the looked-after children this user may see with a plan for
    permanence, each with the last milestone reached, the days since it and the next milestone, the
    longest waiting first. A fixed number of queries, whatever the number of children."""
    periods = (
        PeriodOfCare.objects.filter(ended_on__isnull=True, child__in=children_visible_to(user))
        .filter(Exists(PermanencePlan.objects.filter(period=OuterRef("pk"))))
        .select_related("child", "referral__team")
        .prefetch_related(
            "permanence_plans",
            "legal_statuses",
            "placements",
            Prefetch(
                "adoption_decisions",
                queryset=AdoptionDecision.objects.filter(reversed_on__isnull=True).prefetch_related("matches"),
            ),
            Prefetch(
                "referral__allocations",
                queryset=Allocation.objects.filter(ended_on__isnull=True).select_related("worker__user"),
            ),
        )
    )
    if team_id:
        periods = periods.filter(referral__team_id=team_id)
    target = permanence_target_days()
    rows = []
    for period in periods:
        current = period.permanence_plans.all()[0]  # newest first (the model's ordering)
        if plan and current.plan != plan:
            continue
        journey = None
        decisions = list(period.adoption_decisions.all())
        if current.plan == PermanencePlanType.ADOPTION and decisions:
            decision = decisions[0]
            decision.period = period  # the period with its facts already read
            journey = journey_of(decision)
        reached, next_milestone = _milestones(current, journey)
        last_name, last_on = max(reached, key=lambda milestone: milestone[1])
        days = (as_of - last_on).days
        rows.append(
            TrackerRow(
                period=period,
                plan=current,
                journey=journey,
                worker=_worker(period),
                team=str(period.referral.team),
                last_milestone=last_name,
                last_on=last_on,
                next_milestone=next_milestone,
                days_since=days,
                past_target=days > target,
            )
        )
    rows.sort(key=lambda row: (-row.days_since, row.period.child.last_name, row.period.pk))
    return rows


def tracker_teams() -> list[Team]:
    return list(Team.objects.order_by("name"))
