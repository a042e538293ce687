"""The import's writer: a checked plan (plan.py) written through Hearth's own services, so every
rule and audit row applies, each created fact marked with the file and line it came from
(ImportedFact). One transaction for the whole import: a refusal anywhere writes nothing, unless the
administrator chose to leave out the children whose rows are refused (then each child is its own
savepoint, and the report lists every child left out and why). A dry run does the same and rolls
it all back, so it reports exactly what would be created (docs/migration.md)."""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record, audit_rows_kept
from hearth.care.models import PeriodOfCare, Placement, Provider, ProviderKind
from hearth.care.selectors import episodes
from hearth.care.services import (
    DECISION_NOT_HELD,
    PlacementDetails,
    ProviderDetails,
    care_end,
    care_start,
    legal_status_change,
    placement_change,
    provider_record,
)
from hearth.core import collection_years
from hearth.core.request_memo import request_memo
from hearth.core.roles import Role, has_role
from hearth.duties.models import CareReview
from hearth.duties.services import care_review_record
from hearth.frontdoor.models import Referral, ScreeningDecision
from hearth.frontdoor.services import contact_record, contact_screen
from hearth.migration.child_reads import HeldCharacteristics, Marks, locate_postcodes
from hearth.migration.models import ImportedFact
from hearth.migration.plan import ChildPlan, EpisodeFact, HeaderFact, Plan, ReviewFact, UascFact
from hearth.migration.reading import Problem, SourceRow, collection_label
from hearth.migration.ssda903_writes import OtherFilesImport, case_opened_on
from hearth.people.characteristics_selectors import birthday
from hearth.people.characteristics_services import ethnicity_record, uasc_record, upn_unknown_record
from hearth.people.codes import UascCeaseReason
from hearth.people.models import Child, UascRecord
from hearth.people.services import child_create, child_identity_update
from hearth.workforce.models import Team

ERROR_NOT_ADMINISTRATOR = "Only a system administrator can import past returns"
ERROR_TEAM = "Name a team that takes referrals: it holds the cases the imported periods of care are on"
ERROR_CHAIR = (
    "Name an independent reviewing officer (an active user with the IRO role) as the chair of imported reviews"
)
ERROR_CHILD_DIFFERS = (
    "The record already holds this child as {hearth_id} (matched by {matched_by}) with {column} {held}, not {value}"
)
ERROR_EPISODE_DIFFERS = (
    "The record already holds an episode of this child starting {decom} with {column} {held}, not {value}"
)
ERROR_EPISODE_END_DIFFERS = "The record already holds this episode ending {held}, not {value}"
ERROR_NOTHING_CHANGES = (
    "The episode changes neither the legal status nor the placement (type, provider, URN, postcode) of the one before"
)
ERROR_NO_PERIOD_FOR_REVIEW = (
    "The child was not looked after on {date} in the record or the files: no period of care holds the review"
)
ERROR_REVIEW_DIFFERS = "The record already holds a review on {date} with REVIEW_CODE {held}, not {value}"

FIRST_NAME = "Not known"  # the 903 carries no names: the worker adds them (docs/migration.md)
SOURCE_UNKNOWN = "10"  # the CIN census referral source "Unknown"
SAME_CARER = ("T", "U", "L")  # RNE: a new episode with the carer of the one before
ANOTHER_CARER = ("P", "B")
NO_PROVIDER_CODE_KEPT = "PR4"  # the code recorded for providers of T0-T4, Z11-Z14 placements (the 903 gives none)

# Which column of the row a service's field is about, to say where a refusal came from.
FIELD_COLUMNS = {
    "first_name": "CHILD",
    "last_name": "CHILD",
    "date_of_birth": "DOB",
    "upn": "UPN",
    "ethnicity": "ETHNIC",
    "applies_from": "DOB",
    "reason": "UPN",
    "started_on": "DECOM",
    "changed_on": "DECOM",
    "category_of_need": "CIN",
    "legal_status": "LS",
    "placement_type": "PLACE",
    "provider": "PLACE_PROVIDER",
    "postcode": "PL_POST",
    "home_postcode": "HOME_POST",
    "ended_on": "DEC",
    "held_on": "REVIEW",
    "participation": "REVIEW_CODE",
    "uasc_from": "DUC",
    "ceased_on": "DUC",
    "decision": "DECOM",
}


class ImportRefused(Exception):
    """The import was refused: nothing was written. Each problem says where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem{'' if len(problems) == 1 else 's'}")
        self.problems = problems


class RowRefused(Exception):
    """A service refused a fact read from one row: the child's import stops there."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class ImportReport:
    dry_run: bool = False
    children_created: int = 0
    children_matched: int = 0
    created: Counter = field(default_factory=Counter)  # what was created, by kind
    already_held: Counter = field(default_factory=Counter)  # facts seen again, skipped
    left_out: dict[str, list[Problem]] = field(default_factory=dict)  # CHILD -> why
    notes: list[str] = field(default_factory=list)


def returns_import(
    *,
    actor,
    plan: Plan,
    team_id: int | None,
    chair_id: int | None,
    leave_out_bad_children: bool = False,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Write the plan's children. Refused whole (ImportRefused, nothing written) on any problem,
    unless `leave_out_bad_children`: then a problem tied to one child leaves that child out (and
    only problems of the files themselves refuse the whole)."""
    _check_importer(actor, team_id, chair_id)
    report = ImportReport(dry_run=dry_run, notes=[f"Not imported in this version: {n}" for n in plan.not_imported])
    refused = _problems_by_child(plan.problems)
    if plan.problems and (not leave_out_bad_children or "" in refused):
        raise ImportRefused(plan.problems)
    report.left_out.update(refused)
    children = [child for legacy, child in plan.children.items() if legacy not in refused]
    locate_postcodes(plan)
    # request_memo: reads a service repeats (the sealed records' ids, for each audit row) made once
    with transaction.atomic(), request_memo():
        for done, child in enumerate(children, start=1):
            _import_one_child(actor, child, team_id, chair_id, report)
            if progress:
                progress(done, len(children))
        if report.left_out and not leave_out_bad_children:
            raise ImportRefused([problem for found in report.left_out.values() for problem in found])
        audit_record(actor=actor, action="migration.import", detail=_audit_detail(report))
        if dry_run:
            transaction.set_rollback(True)
    return report


def _check_importer(actor, team_id: int | None, chair_id: int | None) -> None:
    errors = {}
    if not actor.is_superuser:
        raise ValidationError(ERROR_NOT_ADMINISTRATOR)
    if team_id is None or not Team.objects.filter(pk=team_id, takes_referrals=True).exists():
        errors["team"] = ERROR_TEAM
    chair = get_user_model().objects.filter(pk=chair_id, is_active=True).first() if chair_id else None
    if chair is None or not has_role(chair, Role.IRO):
        errors["chair"] = ERROR_CHAIR
    if errors:
        raise ValidationError(errors)


def _problems_by_child(problems: list[Problem]) -> dict[str, list[Problem]]:
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        found.setdefault(problem.child, []).append(problem)
    return found


def _audit_detail(report: ImportReport) -> dict:
    return {
        "dry_run": report.dry_run,
        "children_created": report.children_created,
        "children_matched": report.children_matched,
        "created": dict(report.created),
        "left_out": sorted(report.left_out),
    }


def _import_one_child(actor, plan: ChildPlan, team_id: int, chair_id: int, report: ImportReport) -> None:
    """One child in a savepoint: a refusal undoes this child's writes and is kept in the report."""
    before = (report.children_created, report.children_matched, report.created.copy(), report.already_held.copy())
    try:
        with transaction.atomic(), audit_rows_kept():  # the child's audit rows in one statement
            ChildImport(actor=actor, plan=plan, team_id=team_id, chair_id=chair_id, report=report).run()
    except RowRefused as refusal:
        report.children_created, report.children_matched, report.created, report.already_held = before
        report.left_out[plan.legacy_id] = [refusal.problem]


def through_service(row: SourceRow, service: Callable, **arguments):
    """Call a service; its refusal becomes a RowRefused naming the row and column it came from."""
    try:
        return service(**arguments)
    except ValidationError as error:
        raise RowRefused(_problem_from(row, error)) from error


def _problem_from(row: SourceRow, error: ValidationError) -> Problem:
    if hasattr(error, "error_dict"):
        name, errors = next(iter(error.message_dict.items()))
        return row.problem(FIELD_COLUMNS.get(name, ""), errors[0])
    return row.problem("", error.messages[0])


def _provides(provider: Provider, code: str, urn: str) -> bool:
    """Whether the provider could be the one an episode names (a blank code or URN: the return
    leaves them out for some placement types, so any)."""
    return (not code or provider.code_for_return == code) and (not urn or provider.urn_for_return == urn)


def _day(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


class ChildImport:
    """One child's facts from the plan, written in date order: the child and their characteristics,
    then the periods of care episode by episode, then the reviews."""

    def __init__(
        self,
        *,
        actor,
        plan: ChildPlan,
        team_id: int,
        chair_id: int,
        report: ImportReport,
        marks: Marks | None = None,
        characteristics: HeldCharacteristics | None = None,
    ):
        self.actor, self.plan, self.team_id, self.chair_id, self.report = actor, plan, team_id, chair_id, report
        self.child: Child | None = None
        # Shared with the census's writer when both returns are imported (one child, one of each).
        self.marks = marks or Marks()
        self.characteristics = characteristics or HeldCharacteristics()
        self.held_episodes: dict | None = None  # the record's episodes by their start, read once

    def run(self) -> None:
        self.child = self._matched_child() or self._new_child()
        for header in self.plan.headers:
            self._characteristics(header)
        previous = None
        for fact in self.plan.episodes:
            self._episode(fact, previous)
            previous = fact
        if self.plan.uasc:
            self._uasc(self.plan.uasc[-1])
        for review in self.plan.reviews:
            self._review(review)
        OtherFilesImport(self).run()  # the other 903 files, on the periods of care now held
        self.marks.write()

    def mark(self, obj, row: SourceRow, fact_on: datetime.date, description: str, kind: str | None) -> None:
        """The fact came from this row: kept with it (written with the child's other marks when the
        child is done), and counted in the report (by its kind)."""
        self.marks.add(
            ImportedFact(
                child=self.child,
                legacy_child_id=self.plan.legacy_id,
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                fact_on=fact_on,
                description=description[:300],
                collection_year=collection_label(row.year),
                file_name=row.file_name,
                line=row.line,
                imported_by=self.actor,
            )
        )
        if kind:
            self.report.created[kind] += 1

    # The child -----------------------------------------------------------------------------------

    def _matched_child(self) -> Child | None:
        """The child already held: imported before with the same CHILD, or holding the same UPN."""
        header = self.plan.header
        self.marks.write()  # the census's writer may have just marked this child
        earlier = ImportedFact.objects.filter(
            legacy_child_id=self.plan.legacy_id, content_type=ContentType.objects.get_for_model(Child)
        ).first()
        child, matched_by = (earlier.child, "CHILD") if earlier else (None, "")
        upn = next((h.upn for h in reversed(self.plan.headers) if h.upn), "")
        if child is None and upn:
            child, matched_by = Child.objects.filter(upn=upn).first(), "UPN"
        if child is None:
            return None
        for column, held, value in (("DOB", child.date_of_birth, header.born), ("SEX", child.sex, header.sex)):
            if held != value:
                shown = _day if column == "DOB" else str
                raise RowRefused(
                    header.row.problem(
                        column,
                        ERROR_CHILD_DIFFERS.format(
                            hearth_id=child.hearth_id,
                            matched_by=matched_by,
                            column=column,
                            held=shown(held) if held else "none",
                            value=shown(value),
                        ),
                    )
                )
        self.child = child
        self.report.children_matched += 1
        if earlier is None:
            said = f"Matched by UPN to the child the return calls {self.plan.legacy_id}"
            self.mark(child, header.row, header.born, said, None)
        return child

    def _new_child(self) -> Child:
        first = self.plan.headers[0]
        self.child = through_service(
            first.row,
            child_create,
            actor=self.actor,
            first_name=FIRST_NAME,
            last_name=f"SSDA903 {self.plan.legacy_id}",
            date_of_birth=first.born,
            sex=first.sex,
            not_a_duplicate=True,
        )
        self.report.children_created += 1
        self.held_episodes = {}  # a new child: the record holds none of their episodes
        self.mark(self.child, first.row, first.born, "Child's record (sex, date of birth)", "children")
        return self.child

    def _characteristics(self, header: HeaderFact) -> None:
        """Ethnicity and why the UPN is not known, each recorded from the year that says it when the
        record does not already say it on that year's 31 March; a UPN once it is known."""
        year_start, year_end = collection_years.year_bounds(header.row.year)
        now = self.characteristics.on(self.child, year_end)
        held_before = self.characteristics.on(self.child, year_start - datetime.timedelta(days=1))
        if header.ethnicity and now.ethnicity != header.ethnicity:
            self._ethnicity(header, year_start if held_before.ethnicity else header.born)
        elif header.ethnicity:
            self.report.already_held["ethnicity"] += 1
        if header.upn_reason and not self.child.upn and now.upn != header.upn_reason:
            self._upn_reason(header, year_start if held_before.upn else header.born)
        if header.upn and self.child.upn != header.upn:
            self._upn(header)

    def _ethnicity(self, header: HeaderFact, applies_from: datetime.date) -> None:
        applies_from = max(applies_from, header.born)
        record = through_service(
            header.row,
            ethnicity_record,
            actor=self.actor,
            child_id=self.child.pk,
            ethnicity=header.ethnicity,
            applies_from=applies_from,
        )
        self.characteristics.recorded(record)
        self.mark(record, header.row, applies_from, f"Ethnicity {header.ethnicity}", "ethnicity records")

    def _upn_reason(self, header: HeaderFact, applies_from: datetime.date) -> None:
        applies_from = max(applies_from, header.born)
        record = through_service(
            header.row,
            upn_unknown_record,
            actor=self.actor,
            child_id=self.child.pk,
            reason=header.upn_reason,
            applies_from=applies_from,
        )
        self.characteristics.recorded(record)
        self.mark(record, header.row, applies_from, f"UPN not known: {header.upn_reason}", "UPN reasons")

    def _upn(self, header: HeaderFact) -> None:
        child = self.child
        self.child = through_service(
            header.row,
            child_identity_update,
            actor=self.actor,
            child_id=child.pk,
            expected_version=child.version,
            first_name=child.first_name,
            last_name=child.last_name,
            date_of_birth=child.date_of_birth,
            sex=child.sex,
            nhs_number=child.nhs_number,
            upn=header.upn,
            postcode=child.postcode,
        )
        self.mark(self.child, header.row, collection_years.year_end(header.row.year), f"UPN {header.upn}", "UPNs")

    # Periods of care -----------------------------------------------------------------------------

    def _episode(self, fact: EpisodeFact, previous: EpisodeFact | None) -> None:
        held = self._held_episode(fact.started_on)
        if held is not None:
            self._compare_held(fact, *held)
            return
        period = PeriodOfCare.objects.filter(child=self.child, ended_on__isnull=True).first()
        if period is None:
            period = self._start_care(fact)
        else:
            self._change(fact, previous, period)
        if fact.ends_care:
            self._end_care(fact, period)

    def _held_episode(self, day: datetime.date):
        """The episode the record held starting that day, with its period, or None. The child's
        periods of care are read once, at the first episode: the files' episodes are one each by
        their start (plan.py), so no episode this import writes is asked about again."""
        if self.held_episodes is None:
            self.held_episodes = {}
            periods = PeriodOfCare.objects.filter(child=self.child).order_by("started_on", "id")
            for period in periods.prefetch_related("legal_statuses", "placements"):
                for episode in episodes(period):
                    self.held_episodes.setdefault(episode.started_on, (period, episode))
        return self.held_episodes.get(day)

    def _compare_held(self, fact: EpisodeFact, period: PeriodOfCare, episode) -> None:
        """An episode already held: the same facts are skipped; a new end is recorded; a
        difference is refused."""
        held = {
            "LS": episode.legal_status.legal_status,
            "PLACE": episode.placement.placement_type,
            "CIN": period.category_of_need,
            "PL_POST": episode.placement.postcode,
        }
        for column, value in held.items():
            if fact.values[column] != value:
                raise RowRefused(
                    fact.row.problem(
                        column,
                        ERROR_EPISODE_DIFFERS.format(
                            decom=_day(fact.started_on), column=column, held=value, value=fact.values[column]
                        ),
                    )
                )
        if fact.ended_on is None or fact.ended_on == episode.ended_on:
            self.report.already_held["episodes"] += 1
            return
        if episode.ended_on is not None:
            raise RowRefused(
                fact.end_row.problem(
                    "DEC", ERROR_EPISODE_END_DIFFERS.format(held=_day(episode.ended_on), value=_day(fact.ended_on))
                )
            )
        self.report.already_held["episodes"] += 1
        if fact.ends_care:
            self._end_care(fact, period)

    def _case(self, fact: EpisodeFact) -> Referral:
        """The child's open case, or one opened for the period of care: a contact received and
        decided the day care starts, said to be imported (the 903 holds no referral)."""
        case = Referral.objects.filter(child=self.child, closed_on__isnull=True).first()
        if case is not None:
            return case
        opened_on = case_opened_on(self.plan, fact.started_on)  # a worker may have held it before care
        when = timezone.make_aware(datetime.datetime.combine(opened_on, datetime.time(9)))
        said = f"Imported from the SSDA903 return ({fact.row.label}): no contact or referral was held"
        contact = through_service(
            fact.row,
            contact_record,
            actor=self.actor,
            child_ids=[self.child.pk],
            received_at=when,
            source_code=SOURCE_UNKNOWN,
            contact_person="Not known (imported)",
            account=said,
        )[0]
        through_service(
            fact.row,
            contact_screen,
            actor=self.actor,
            contact_id=contact.pk,
            decision=ScreeningDecision.REFERRAL,
            decided_at=when,
            reason=said,
            team_id=self.team_id,
            primary_need=fact.values["CIN"],
        )
        case = Referral.objects.get(contact=contact)
        self.mark(case, fact.row, opened_on, "Case opened for the period of care (no referral was held)", "cases")
        return case

    def _start_care(self, fact: EpisodeFact) -> PeriodOfCare:
        case = self._case(fact)
        if fact.rne != "S":
            self.report.notes.append(
                f"{fact.row.label}: child {self.plan.legacy_id}'s first episode in the files starts with "
                f"{fact.rne}, not S: the period of care is recorded from {_day(fact.started_on)}"
            )
        period = through_service(
            fact.row,
            care_start,
            actor=self.actor,
            referral_id=case.pk,
            started_on=fact.started_on,
            category_of_need=fact.values["CIN"],
            legal_status=fact.values["LS"],
            placement=self._placement(fact, home=fact.values["HOME_POST"]),
            decision=DECISION_NOT_HELD,  # the return holds no decision to look after the child
        )
        self.mark(
            period,
            fact.row,
            fact.started_on,
            f"Became looked after: {fact.values['LS']}, placement {fact.values['PLACE']}",
            "periods of care",
        )
        return period

    def _change(self, fact: EpisodeFact, previous: EpisodeFact | None, period: PeriodOfCare) -> None:
        """A new episode in the open period: the placement changes, the legal status, or both."""
        placement = period.placements.get(ended_on__isnull=True)
        status = period.legal_statuses.get(ended_on__isnull=True)
        home = fact.values["HOME_POST"] if previous and fact.values["HOME_POST"] != previous.values["HOME_POST"] else ""
        details = self._placement(fact, home=home, current=placement)
        moves = (details.placement_type, details.provider_id, details.postcode) != (
            placement.placement_type,
            placement.provider_id,
            placement.postcode,
        )
        if not moves and status.legal_status == fact.values["LS"]:
            raise RowRefused(fact.row.problem("RNE", ERROR_NOTHING_CHANGES))
        if moves:
            reason = previous.reason_place_change if previous else ""
            new = through_service(
                fact.row,
                placement_change,
                actor=self.actor,
                period_id=period.pk,
                version=PeriodOfCare.objects.get(pk=period.pk).version,
                changed_on=fact.started_on,
                reason=reason,
                placement=details,
            )
            self.mark(new, fact.row, fact.started_on, f"Placement changed to {fact.values['PLACE']}", "placements")
        if status.legal_status != fact.values["LS"]:
            spell = through_service(
                fact.row,
                legal_status_change,
                actor=self.actor,
                period_id=period.pk,
                version=PeriodOfCare.objects.get(pk=period.pk).version,
                changed_on=fact.started_on,
                legal_status=fact.values["LS"],
            )
            self.mark(
                spell, fact.row, fact.started_on, f"Legal status changed to {fact.values['LS']}", "legal statuses"
            )

    def _end_care(self, fact: EpisodeFact, period: PeriodOfCare) -> None:
        row = fact.end_row or fact.row
        period = through_service(
            row,
            care_end,
            actor=self.actor,
            period_id=period.pk,
            version=PeriodOfCare.objects.get(pk=period.pk).version,
            ended_on=fact.ended_on,
            reason=fact.rec,
            note=f"Imported from the SSDA903 return ({row.label})",
        )
        self.mark(period, row, fact.ended_on, f"Ceased to be looked after: {fact.rec}", "ends of care")

    def _placement(self, fact: EpisodeFact, *, home: str, current: Placement | None = None) -> PlacementDetails:
        return PlacementDetails(
            placement_type=fact.values["PLACE"],
            provider_id=self._provider(fact, current).pk,
            postcode=fact.values["PL_POST"],
            home_postcode=home,
            # A placement the council made before Hearth: its approval (if it was far from home) is in
            # the council's old record, named by the return's line.
            distance_approval_held_in=f"the council's record before Hearth ({fact.row.label})",
        )

    def _provider(self, fact: EpisodeFact, current: Placement | None) -> Provider:
        """Who provides the episode's placement. The 903 names no carer, only PLACE_PROVIDER and
        URN, and RNE says whether the carer is the one before (T, U; L: the same placement) or
        another (P, B): the same carer is the current placement's provider; another is an entry in
        the register with that code and URN other than the current one, or a new entry for them."""
        code, urn = fact.values["PLACE_PROVIDER"], fact.values["URN"]
        if current is not None and fact.rne in SAME_CARER and _provides(current.provider, code, urn):
            return current.provider
        code = code or NO_PROVIDER_CODE_KEPT
        others = Provider.objects.filter(provider_code=code, urn=urn, agency__isnull=True).order_by("id")
        if current is not None and fact.rne in ANOTHER_CARER:
            others = others.exclude(pk=current.provider_id)
        found = others.first()
        return found if found is not None else self._new_provider(fact, code, urn)

    def _new_provider(self, fact: EpisodeFact, code: str, urn: str) -> Provider:
        kind = ProviderKind.PARENTS if code == "PR0" else ProviderKind.OTHER_SETTING
        name = f"{code} provider, URN {urn}" if urn else f"{code} provider with no URN"
        held = Provider.objects.filter(provider_code=code, urn=urn, agency__isnull=True).count()
        name = f"{name} ({held + 1})" if held else name
        provider = through_service(
            fact.row,
            provider_record,
            actor=self.actor,
            details=ProviderDetails(kind=kind, name=f"{name}, imported", provider_code=code, urn=urn),
        )
        self.mark(provider, fact.row, fact.started_on, f"Provider in the register: {name}", "providers")
        return provider

    # Unaccompanied asylum-seeking status -----------------------------------------------------------

    def _uasc(self, fact: UascFact) -> None:
        """The status as the latest year's UASC file gives it: ceased on DUC if that is before the
        18th birthday (the 903 gives no reason: recorded as "another reason"), else running until 18.
        The 903 does not say when it began: the record's own start if it holds one, else the day
        the child's first period of care began (or 1 April of the year, with none)."""
        born = self.child.date_of_birth
        ceased = fact.duc if fact.duc and (born is None or fact.duc != birthday(born, 18)) else None
        held = UascRecord.objects.filter(child=self.child).order_by("-id").first()
        if held is not None and held.ceased_on == ceased:
            self.report.already_held["UASC statuses"] += 1
            return
        first_care = PeriodOfCare.objects.filter(child=self.child).order_by("started_on").first()
        started = (
            held.uasc_from
            if held
            else first_care.started_on
            if first_care
            else collection_years.year_start(fact.row.year)
        )
        record = through_service(
            fact.row,
            uasc_record,
            actor=self.actor,
            child_id=self.child.pk,
            uasc_from=started,
            ceased_on=ceased,
            cease_reason=UascCeaseReason.OTHER if ceased else "",
        )
        ends = f"; ceased {_day(ceased)}" if ceased else ""
        self.mark(record, fact.row, started, f"Unaccompanied asylum-seeking child{ends}", "UASC statuses")

    # Reviews -------------------------------------------------------------------------------------

    def _review(self, review: ReviewFact) -> None:
        period = (
            PeriodOfCare.objects.filter(child=self.child, started_on__lte=review.held_on)
            .exclude(ended_on__lt=review.held_on)
            .first()
        )
        if period is None:
            raise RowRefused(review.row.problem("REVIEW", ERROR_NO_PERIOD_FOR_REVIEW.format(date=_day(review.held_on))))
        held = CareReview.objects.filter(period=period, held_on=review.held_on).first()
        if held is not None:
            if held.participation != review.participation:
                raise RowRefused(
                    review.row.problem(
                        "REVIEW_CODE",
                        ERROR_REVIEW_DIFFERS.format(
                            date=_day(review.held_on), held=held.participation, value=review.participation
                        ),
                    )
                )
            self.report.already_held["reviews"] += 1
            return
        record = through_service(
            review.row,
            care_review_record,
            actor=self.actor,
            period_id=period.pk,
            held_on=review.held_on,
            chair_id=self.chair_id,
            participation=review.participation,
            recommendations=f"Imported from the SSDA903 return ({review.row.label}): it holds no recommendations",
        )
        self.mark(record, review.row, review.held_on, f"Looked-after review ({review.participation})", "reviews")
