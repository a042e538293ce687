"""The sufficiency of adopters: approved adopters waiting for a child, and the days from approval
to match (AS04, AS05; docs/fostering.md).

Adopters are households of the register (kind ADOPTERS) with an approval recorded here. The match
is the permanence app's (AdoptionMatch, recorded on the child's page), which names the adopters:
the adopters are matched on the day of the first match naming them that still stands (the latest
match under a decision still in force; a match that fell through, replaced by a later match with
other adopters or ended by the decision's reversal, leaves them waiting). For adopters no match
names (matches read from past 903 returns, which do not name the adopters), the match is read from
the first child placed with them: the latest match recorded for that child's period of care on or
before the placement that names no adopters, or, where none was recorded, the day of the placement
itself (the latest day the match can have been). Adopters are waiting on a day when they are
approved and active and not yet matched by then."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from hearth.care.models import Placement, ProviderKind
from hearth.fostering.models import Approval, HouseholdStatus, StatusChange
from hearth.fostering.selectors import status_on
from hearth.permanence.models import AdoptionMatch


@dataclass(frozen=True)
class Adopters:
    approval: Approval
    status: str | None
    matched_on: datetime.date | None  # None: no child placed with them yet

    def matched_by(self, day: datetime.date) -> bool:
        return self.matched_on is not None and self.matched_on <= day

    def waiting_on(self, day: datetime.date) -> bool:
        return self.status == HouseholdStatus.ACTIVE and not self.matched_by(day)

    @property
    def days_to_match(self) -> int | None:
        return (self.matched_on - self.approval.approved_on).days if self.matched_on else None

    @property
    def link(self) -> str:
        return reverse("fostering:household", args=[self.approval.pk])


def _first_placement():
    return Placement.objects.filter(provider_id=OuterRef("provider_id")).order_by("started_on", "pk")


def standing_matches():
    """Matches that still stand: the latest under a decision that was not reversed."""
    later = AdoptionMatch.objects.filter(decision_id=OuterRef("decision_id"), matched_on__gt=OuterRef("matched_on"))
    return AdoptionMatch.objects.filter(decision__reversed_on__isnull=True).exclude(Exists(later))


def annotated_adopters():
    """Adopters' approvals with `matched_on`: the first standing match naming them, else (no match
    names them) read from the first child placed with them (`placed_on`)."""
    named = standing_matches().filter(adopters_id=OuterRef("provider_id")).order_by("matched_on", "pk")
    first = _first_placement()
    approvals = Approval.objects.filter(provider__kind=ProviderKind.ADOPTERS).annotate(
        named_match_on=Subquery(named.values("matched_on")[:1]),
        placed_on=Subquery(first.values("started_on")[:1]),
        placed_period=Subquery(first.values("period_id")[:1]),
    )
    unnamed = AdoptionMatch.objects.filter(
        decision__period_id=OuterRef("placed_period"), matched_on__lte=OuterRef("placed_on"), adopters__isnull=True
    ).order_by("-matched_on", "-pk")
    any_named = AdoptionMatch.objects.filter(adopters_id=OuterRef("provider_id"))
    read_from_placement = Coalesce(Subquery(unnamed.values("matched_on")[:1]), "placed_on")
    return approvals.annotate(named_at_all=Exists(any_named)).annotate(
        matched_on=Coalesce(
            "named_match_on",
            # Adopters named only in matches that fell through are waiting, whoever they were placed with.
            models.Case(
                models.When(named_at_all=False, then=read_from_placement), default=None, output_field=models.DateField()
            ),
        )
    )


def adopters_on(day: datetime.date) -> list[Adopters]:
    """Every adopters' household approved by the day, with its status that day and its match (as the
    record holds it: a match after the day shows as not yet matched by then)."""
    approvals = (
        annotated_adopters()
        .filter(approved_on__lte=day)
        .select_related("provider")
        .prefetch_related(Prefetch("statuses", queryset=StatusChange.objects.order_by("changed_on", "pk")))
        .order_by("approved_on", "pk")
    )
    return [Adopters(a, status_on(a, day), a.matched_on) for a in approvals]


@dataclass(frozen=True)
class AdopterLine:
    """A line of the sufficiency page: matched by the day (days from approval to match) or not
    (days since approval)."""

    adopters: Adopters
    matched: bool
    waiting: bool
    days: int


@dataclass(frozen=True)
class AdoptersSummary:
    lines: list[AdopterLine]
    matched_this_year: list[AdopterLine]

    @property
    def waiting(self) -> int:
        return sum(1 for line in self.lines if line.waiting)

    @property
    def average_days_to_match(self) -> float | None:
        matched = self.matched_this_year
        return sum(line.days for line in matched) / len(matched) if matched else None


def adopters_summary(day: datetime.date, year_start: datetime.date) -> AdoptersSummary:
    lines = []
    for adopters in adopters_on(day):
        matched = adopters.matched_by(day)
        days = adopters.days_to_match if matched else (day - adopters.approval.approved_on).days
        lines.append(AdopterLine(adopters, matched, adopters.waiting_on(day), days))
    this_year = [line for line in lines if line.matched and line.adopters.matched_on >= year_start]
    return AdoptersSummary(lines, this_year)
