"""Reads for looked-after children: the period of care and its facts, the SSDA903 episodes, brothers
and sisters in care; and the lists through which other apps add their part of the period's page and
of the care row in the child's summary."""

# The care record: a child's period of care now, its history, its SSDA903 episodes, and the
# brothers and sisters in care ----------------------------------------------------------------------

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.module_loading import import_string

from hearth.care.models import CarePlan, LegalStatusSpell, PeriodOfCare, Placement
from hearth.care.placement_runs import same_carer
from hearth.core.shared_reads import shared
from hearth.people.rows_held import may_hold


def period_with_facts():
    return PeriodOfCare.objects.select_related("child", "referral__team", "started_by", "ended_by").prefetch_related(
        Prefetch("legal_statuses", queryset=LegalStatusSpell.objects.order_by("started_on", "id")),
        Prefetch(
            "placements",
            queryset=Placement.objects.select_related("provider__agency", "distance_approved_by").order_by(
                "started_on", "id"
            ),
        ),
        Prefetch("care_plans", queryset=CarePlan.objects.order_by("agreed_on", "id").select_related("recorded_by")),
    )


def period_of_care(pk: int) -> PeriodOfCare:
    """A period with its legal statuses, placements and care plans, each oldest first, and the
    decision to look after the child (read with it: the page shows it)."""
    return period_with_facts().select_related("decision__approved_by").get(pk=pk)


def open_period_of_care(child) -> PeriodOfCare | None:
    return period_with_facts().filter(child=child, ended_on__isnull=True).first()


def current_of(facts) -> object | None:
    """The open one of a period's legal statuses or placements (prefetched), if any."""
    return next((fact for fact in facts if fact.ended_on is None), None)


def latest_care_plan(period: PeriodOfCare) -> CarePlan | None:
    plans = list(period.care_plans.all())
    return plans[-1] if plans else None


@dataclass(frozen=True)
class CareNow:
    """What the child's page and summary show of a looked-after child."""

    period: PeriodOfCare
    legal_status: LegalStatusSpell
    placement: Placement
    care_plan: CarePlan | None


@shared  # the child's page reads them once for its care section, summary, permanence and care leaver status
def periods_of_care_of(child) -> list[PeriodOfCare]:
    """Every period of care of the child's, newest first, with its legal statuses, placements and
    care plans, each oldest first (period_with_facts)."""
    if not may_hold(child, "care.PeriodOfCare"):
        return []
    periods = list(period_with_facts().filter(child=child))
    for period in periods:
        period.child = child  # as the child's related manager would: asking a permission of a period reads no child
    return periods


@shared  # the child's page asks four times (summary, plans, the care section, brothers and sisters)
def care_now(child) -> CareNow | None:
    period = next((period for period in periods_of_care_of(child) if period.ended_on is None), None)
    if period is None:
        return None
    return CareNow(
        period=period,
        legal_status=current_of(period.legal_statuses.all()),
        placement=current_of(period.placements.all()),
        care_plan=latest_care_plan(period),
    )


def ended_periods_of_care(child) -> list[PeriodOfCare]:
    """Newest first."""
    return [period for period in periods_of_care_of(child) if period.ended_on is not None]


# SSDA903 episodes (DOMAIN 2.3, "the episode rule") --------------------------------------------------


@dataclass(frozen=True)
class Episode:
    """One 903 episode: a stretch of the period with one legal status and one placement."""

    started_on: datetime.date
    ended_on: datetime.date | None
    legal_status: LegalStatusSpell
    placement: Placement
    rne: str  # reason for new episode: S, L, P, T, B, U
    rec: str  # reason episode ceased: X1 within the period, the period's end reason on the last
    reason_place_change: str  # on an episode ending because the placement changes next


def _in_force(facts: list, day: datetime.date):
    """The fact that began last on or before the day (facts oldest first)."""
    return [fact for fact in facts if fact.started_on <= day][-1]


def _reason_for_new_episode(previous: Episode | None, status, placement) -> str:
    if previous is None:
        return "S"
    if placement.pk == previous.placement.pk:
        return "L"
    carer_kept = same_carer(placement, previous.placement)
    if status.pk != previous.legal_status.pk:
        return "U" if carer_kept else "B"
    return "T" if carer_kept else "P"


def episodes(period: PeriodOfCare) -> list[Episode]:
    """The period's 903 episodes, derived from the union of its legal status and placement changes:
    a new episode starts on each day either changes, never typed in (903 rules 434-436, 225)."""
    statuses = sorted(period.legal_statuses.all(), key=lambda s: (s.started_on, s.pk))
    placements = sorted(period.placements.all(), key=lambda p: (p.started_on, p.pk))
    days = sorted({s.started_on for s in statuses} | {p.started_on for p in placements})
    found: list[Episode] = []
    for index, day in enumerate(days):
        status, placement = _in_force(statuses, day), _in_force(placements, day)
        is_last = index == len(days) - 1
        next_placement = None if is_last else _in_force(placements, days[index + 1])
        # The placement's reason for ending goes on the episode that ends when the next one is a
        # move (P, T, U or B); a legal status change alone (L) keeps the placement, so no reason.
        moves_next = next_placement is not None and next_placement.pk != placement.pk
        found.append(
            Episode(
                started_on=day,
                ended_on=period.ended_on if is_last else days[index + 1],
                legal_status=status,
                placement=placement,
                rne=_reason_for_new_episode(found[-1] if found else None, status, placement),
                rec=(period.end_reason if is_last else "X1"),
                reason_place_change=placement.change_reason if moves_next else "",
            )
        )
    return found


# Brothers and sisters in care (the family section) --------------------------------------------------


@dataclass(frozen=True)
class SiblingInCare:
    child: object
    relationship: str
    placement: Placement
    placed_together: bool | None  # None when the child whose page it is is not looked after


def _placed_together(one: Placement | None, other: Placement) -> bool | None:
    """Placed together: the same carer (or home) at the same postcode."""
    if one is None:
        return None
    return same_carer(one, other) and one.postcode == other.postcode


def siblings_in_care(*, user, child) -> list[SiblingInCare]:
    """The child's current brothers and sisters who are looked after now, each with their placement
    and whether they live with this child; only siblings this user may open (the one access rule),
    so nothing shows even that an unseen sibling is in care."""
    from hearth.people.selectors import children_visible_to, relationships_of

    links = [link for link in relationships_of(child) if link.other_child_id and link.ended_on is None]
    kinds = {link.other_child_id: str(link.relationship_type) for link in links}
    visible = children_visible_to(user).filter(pk__in=kinds)
    placements = (
        Placement.objects.filter(period__child__in=visible, period__ended_on__isnull=True, ended_on__isnull=True)
        .select_related("period__child", "provider")
        .order_by("period__child__last_name", "period__child__first_name")
    )
    own = care_now(child)
    own_placement = own.placement if own else None
    return [
        SiblingInCare(
            child=placement.period.child,
            relationship=kinds[placement.period.child_id],
            placement=placement,
            placed_together=_placed_together(own_placement, placement),
        )
        for placement in placements
    ]


# What other apps add to the care record's pages --------------------------------------------------

# The period of care's page shows, below the period's own details, what other apps hold about the
# period: each entry is a function `(period, user) -> (template name, context)`, rendered in this
# order. Listed here once, as dotted paths, so care imports none of them.
PERIOD_PAGE_SECTIONS: tuple[str, ...] = (
    # The child's independent reviewing officer and the appointments so far (hearth/iro/selectors.py).
    "hearth.iro.selectors.period_page_section",
    # Its OC2 facts: SDQs, immunisations, convictions, substance misuse (hearth/duties/selectors.py).
    "hearth.duties.selectors.period_page_section",
    # Previous permanence found when the period started, or a link to record it (hearth/permanence).
    "hearth.permanence.selectors.period_page_section",
)

# The child's summary shows a looked-after child's care now (legal status, placement) and then a row
# from each entry here: a function `(now: CareNow) -> (template name, context)`, asked only while
# the child is looked after.
CARE_SUMMARY_ROWS: tuple[str, ...] = (
    # Who the child's IRO is, or that none is appointed (hearth/iro/selectors.py).
    "hearth.iro.selectors.summary_row",
)


def period_page_sections(period: PeriodOfCare, user) -> list[tuple[str, dict]]:
    return [import_string(path)(period, user) for path in PERIOD_PAGE_SECTIONS]


def care_summary_rows(now: CareNow) -> list[tuple[str, dict]]:
    return [import_string(path)(now) for path in CARE_SUMMARY_ROWS]


# The register of placement providers ------------------------------------------------------------


def providers():
    """The register, by name, each with its agency and how many children are placed with it now."""
    from django.db.models import Count, Q

    from hearth.care.models import Provider

    return Provider.objects.select_related("agency").annotate(
        placed_now=Count("placements", filter=Q(placements__ended_on__isnull=True))
    )
