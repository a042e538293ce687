"""The census import's writer: a checked plan (cin_census_plan.py) written through Hearth's own
services (the front door's contacts, screening and case closure, allocation, assessments, child in
need plans, strategy discussions, section 47 enquiries and conferences, child protection plans and
the child's identifiers and characteristics), so every rule and audit row applies, each created
fact marked with the file and line it came from (ImportedFact). As the SSDA903's writer
(services.py): one transaction, each child a savepoint; refused whole, or with
`leave_out_bad_children` without the children refused; a dry run rolls it all back.

The census says what was true on each 31 March, not every step a worker took: the steps it does
not give are recorded as the least that makes its facts true, each saying it was imported
(docs/migration.md, "What the census does not say")."""

import datetime
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.assessment.models import Assessment, AssessmentOutcome
from hearth.assessment.services import (
    assessment_authorise,
    assessment_internal_review_record,
    assessment_record,
    assessment_start,
    assessment_submit,
)
from hearth.audit.services import audit_record, audit_rows_kept
from hearth.cin.models import CinPlan
from hearth.cin.models import PlanEndReason as CinPlanEndReason
from hearth.cin.services import cin_plan_end, cin_plan_start
from hearth.core import collection_years
from hearth.core.request_memo import request_memo
from hearth.frontdoor.models import Referral, ScreeningDecision
from hearth.frontdoor.services import case_close, contact_record, contact_screen
from hearth.migration.child_reads import HeldCharacteristics, Marks, locate_postcodes
from hearth.migration.cin_census_plan import (
    AssessmentFact,
    CensusChildPlan,
    CensusPlan,
    CensusYearChild,
    CinPlanFact,
    ProtectionPlanFact,
    ReferralFact,
    Section47Fact,
)
from hearth.migration.models import ImportedFact
from hearth.migration.plan import ChildPlan, EpisodeFact, Plan
from hearth.migration.reading import Problem, SourceRow, collection_label
from hearth.migration.services import (
    ChildImport,
    ImportRefused,
    ImportReport,
    RowRefused,
    _check_importer,
    _problems_by_child,
)
from hearth.migration.ssda903_writes import OtherFilesImport
from hearth.people.characteristics_services import (
    death_record,
    disabilities_record,
    ethnicity_record,
    expected_birth_record,
    former_upn_record,
    upn_unknown_record,
)
from hearth.people.models import Child
from hearth.people.services import child_create, child_identity_update
from hearth.protection.models import (
    ConferenceDecision,
    ConferenceKind,
    PlanEndReason,
    ProtectionPlan,
    Section47Enquiry,
    Section47Outcome,
    StrategyDecision,
)
from hearth.protection.services import (
    conference_book_initial,
    conference_hold_initial,
    protection_plan_end,
    review_conference_record,
    section47_conclude,
    strategy_discussion_record,
)
from hearth.workforce.models import FIRST_CONTACT, Worker
from hearth.workforce.services import case_allocate

ERROR_WORKER = "Name a case-holding worker in the team: the imported cases with assessments are allocated to them"
ERROR_CHILD_DIFFERS = (
    "The record already holds this child as {hearth_id} (matched by {matched_by}) with {element} {held}, not {value}"
)
ERROR_HELD_DIFFERS = "The record already holds the {item} starting {start} with {element} {held}, not {value}"
ERROR_PLAN_WITHOUT_ICPC = (
    "The child protection plan starts on {start}, but no section 47 enquiry of this referral has its initial "
    "conference (DateOfInitialCPC) that day: a plan starts only at an initial conference"
)
NOT_KNOWN = "Not known: imported from the children in need census ({source}), which does not say"
FIRST_NAME = "Not known"  # the census carries no names: the worker adds them
PREGNANCY = datetime.timedelta(weeks=40)

# Which element a service's field is about, to say where a refusal came from.
FIELD_ELEMENTS = {
    "first_name": "LAchildID",
    "last_name": "LAchildID",
    "date_of_birth": "PersonBirthDate",
    "upn": "UPN",
    "former_upn": "FormerUPN",
    "reason": "UPNunknown",
    "expected_on": "ExpectedPersonBirthDate",
    "died_on": "PersonDeathDate",
    "ethnicity": "Ethnicity",
    "disabilities": "Disabilities",
    "decided_at": "CINreferralDate",
    "primary_need": "PrimaryNeedCode",
    "decision": "CINreferralDate",
    "closed_on": "CINclosureDate",
    "started_on": "",
    "factors": "FactorsIdentifiedAtAssessment",
    "authorised_on": "AssessmentAuthorisationDate",
    "submitted_on": "AssessmentAuthorisationDate",
    "internal_review_on": "AssessmentInternalReviewDate",
    "held_on": "DateOfInitialCPC",
    "outcome_on": "ICPCnotRequired",
    "category": "InitialCategoryOfAbuse",
    "ended_on": "CPPendDate",
}


def cin_census_import(
    *,
    actor,
    plan: CensusPlan,
    team_id: int | None,
    worker_id: int | None,
    chair_id: int | None,
    leave_out_bad_children: bool = False,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    report: ImportReport | None = None,
    care: Plan | None = None,
) -> ImportReport:
    """Write the plan's children, as `returns_import` writes the SSDA903's (and into its report
    when one is given: an import of both returns reports once). `care`, the SSDA903's checked plan
    when both returns are imported together: a child in both has their periods of care written with
    their census history, each episode on the CIN episode open the day it starts, in date order (so
    the case a period of care needs is open then, and closes only after care ends); the caller
    imports the 903's other children after."""
    _check_importer(actor, team_id, chair_id)
    if not Worker.objects.filter(pk=worker_id, team_id=team_id, holds_cases=True, left_on__isnull=True).exists():
        raise ValidationError({"worker": ERROR_WORKER})
    report = report or ImportReport(dry_run=dry_run)
    refused = _problems_by_child(plan.problems)
    if plan.problems and (not leave_out_bad_children or "" in refused):
        raise ImportRefused(plan.problems)
    report.left_out.update(refused)
    children = [child for legacy, child in plan.children.items() if legacy not in refused]
    if care is not None:
        locate_postcodes(care)
    # request_memo: reads a service repeats (the sealed records' ids, for each audit row) made once
    chair = type(actor).objects.get(pk=chair_id)  # read once, not once a child
    with transaction.atomic(), request_memo():
        for done, child in enumerate(children, start=1):
            care_plan = care.children.get(child.legacy_id) if care is not None else None
            _import_one_child(actor, child, team_id, worker_id, chair, report, care_plan)
            if progress:
                progress(done, len(children))
        if report.left_out and not leave_out_bad_children:
            raise ImportRefused([problem for found in report.left_out.values() for problem in found])
        audit_record(
            actor=actor,
            action="migration.import_cin_census",
            detail={"dry_run": dry_run, "files": plan.files_read, "created": dict(report.created)},
        )
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import_one_child(
    actor, plan: CensusChildPlan, team_id, worker_id, chair, report: ImportReport, care_plan: ChildPlan | None
) -> None:
    before = (report.children_created, report.children_matched, report.created.copy(), report.already_held.copy())
    try:
        with transaction.atomic(), audit_rows_kept():  # the child's audit rows in one statement
            CensusChildImport(
                actor=actor,
                plan=plan,
                team_id=team_id,
                worker_id=worker_id,
                chair_id=chair.pk,
                report=report,
                care_plan=care_plan,
                chair=chair,
            ).run()
    except RowRefused as refusal:
        report.children_created, report.children_matched, report.created, report.already_held = before
        report.left_out[plan.legacy_id] = [refusal.problem]


def _problem_from(row: SourceRow, error: ValidationError, element: str) -> Problem:
    if hasattr(error, "error_dict"):
        name, errors = next(iter(error.message_dict.items()))
        return row.problem(FIELD_ELEMENTS.get(name) or element, errors[0])
    return row.problem(element, error.messages[0])


def through_service(row: SourceRow, element: str, service: Callable, **arguments):
    """Call a service; its refusal becomes a RowRefused naming the element it came from."""
    try:
        return service(**arguments)
    except ValidationError as error:
        raise RowRefused(_problem_from(row, error, element)) from error


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return collection_years.year_bounds(year)


def _at_nine(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


class CensusChildImport:
    """One child's facts from the census plan: the child and their identifiers and characteristics
    year by year, then each referral's events in date order."""

    def __init__(
        self,
        *,
        actor,
        plan: CensusChildPlan,
        team_id,
        worker_id,
        chair_id,
        report: ImportReport,
        care_plan: ChildPlan | None = None,
        chair=None,
    ):
        self.actor, self.plan, self.report = actor, plan, report
        self.team_id, self.worker_id = team_id, worker_id
        self.chair = chair if chair is not None else type(actor).objects.get(pk=chair_id)
        self.child: Child | None = None
        self.care_plan = care_plan
        self.marks, self.characteristics = Marks(), HeldCharacteristics()  # shared with the 903's writer
        self.care = (
            ChildImport(
                actor=actor,
                plan=care_plan,
                team_id=team_id,
                chair_id=chair_id,
                report=report,
                marks=self.marks,
                characteristics=self.characteristics,
            )
            if care_plan is not None
            else None
        )
        self.care_files: OtherFilesImport | None = None  # the 903's other files, once the child is known

    def run(self) -> None:
        self.child = self._matched_child() or self._new_child()
        for year in self.plan.years:
            self._identifiers(year)
        episodes = self._care_start()
        allocations = self._allocations_by_referral()
        for referral in self.plan.referrals:
            held_by = allocations.pop(referral.referral_date, [])
            ReferralImport(self, referral, episodes.pop(referral.referral_date, []), held_by).run()
        self._care_end([episode for held in episodes.values() for episode in held])
        died = next((y for y in reversed(self.plan.years) if y.died_on), None)
        if died is not None:
            self._death(died)
        self.marks.write()

    # The SSDA903's facts of a child in both returns ----------------------------------------------

    def _care_start(self) -> dict:
        """The 903's writer for this child, on the child the census created or matched, with their
        903 characteristics; their episodes by the CIN episode open the day each starts."""
        if self.care is None:
            return {}
        self.care._matched_child()  # the census's child, by its LA child id: their DOB and sex checked
        self.care_files = OtherFilesImport(self.care)
        self.report.children_matched -= 1  # one child, counted once (created or matched by the census)
        for header in self.care_plan.headers:
            self.care._characteristics(header)
        by_referral: dict = {}
        for index, episode in enumerate(self.care_plan.episodes):
            previous = self.care_plan.episodes[index - 1] if index else None
            referral = next(
                (
                    r
                    for r in self.plan.referrals
                    if r.referral_date <= episode.started_on
                    and (r.closed_on is None or episode.started_on <= r.closed_on)
                ),
                None,
            )
            by_referral.setdefault(referral.referral_date if referral else None, []).append((episode, previous))
        return by_referral

    def _allocations_by_referral(self) -> dict:
        """The 903's social worker episodes (SWEpisodes) by the CIN episode open the day each worker
        took the case (the latest to start, if one closed that day and the next opened: an
        allocation starting the day its case closed never held it, and the 903 leaves those out).
        Each is written among that episode's events, while its case is open: the census closes the
        case later, so a worker who held it before its closure is history, not a late allocation.
        Those on no CIN episode of the census are written with the rest of the 903's files."""
        if self.care is None:
            return {}
        by_referral: dict = {}
        for fact in self.care_files._facts("SWEpisodes", "SW_DECOM"):
            day = fact["SW_DECOM"]
            open_then = [
                r.referral_date
                for r in self.plan.referrals
                if r.referral_date <= day and (r.closed_on is None or day <= r.closed_on)
            ]
            if open_then:
                by_referral.setdefault(max(open_then), []).append(fact)
        return by_referral

    def write_allocation(self, fact) -> None:
        self.care_files.allocation_write(fact)

    def write_episode(self, item: tuple[EpisodeFact, EpisodeFact | None]) -> None:
        self.care._episode(*item)

    def _care_end(self, outside_the_census: list) -> None:
        """Episodes on no CIN episode of the census (the 903's writer opens a case for them), then
        the UASC status and the looked-after reviews, once the periods of care are all written."""
        if self.care is None:
            return
        for item in outside_the_census:
            self.write_episode(item)
        if self.care_plan.uasc:
            self.care._uasc(self.care_plan.uasc[-1])
        for review in self.care_plan.reviews:
            self.care._review(review)
        self.care_files.run()  # the other 903 files (OC2, Missing, ...), as a 903-only import does

    def mark(self, obj, row: SourceRow, fact_on: datetime.date, description: str, kind: str | None) -> None:
        """Kept with the child's other marks, written when the child is done (child_reads.Marks)."""
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

    def refresh(self) -> Child:
        self.child = Child.objects.get(pk=self.child.pk)
        return self.child

    # The child -----------------------------------------------------------------------------------

    def _matched_child(self) -> Child | None:
        """The child already held: imported before with the same LA child id (from a census or the
        SSDA903, whose CHILD is the same id in a council's systems), or holding the same UPN."""
        earlier = ImportedFact.objects.filter(
            legacy_child_id=self.plan.legacy_id, content_type=ContentType.objects.get_for_model(Child)
        ).first()
        child, matched_by = (earlier.child, "LAchildID") if earlier else (None, "")
        upns = {y.upn for y in self.plan.years if y.upn} | {y.former_upn for y in self.plan.years if y.former_upn}
        if child is None and upns:
            child, matched_by = Child.objects.filter(upn__in=upns).order_by("id").first(), "UPN"
        if child is None:
            return None
        latest = next((y for y in reversed(self.plan.years) if y.born), self.plan.latest)
        for element, held, value in (
            ("PersonBirthDate", child.date_of_birth, latest.born),
            ("Sex", child.sex, latest.sex),
        ):
            if held and value and held != value and not (element == "Sex" and "U" in (held, value)):
                raise RowRefused(
                    latest.row.problem(
                        element,
                        ERROR_CHILD_DIFFERS.format(
                            hearth_id=child.hearth_id, matched_by=matched_by, element=element, held=held, value=value
                        ),
                    )
                )
        self.child = child
        self.report.children_matched += 1
        if earlier is None:
            said = f"Matched by UPN to the child the census calls {self.plan.legacy_id}"
            self.mark(child, latest.row, latest.born or _year_bounds(latest.row.year)[1], said, None)
        return child

    def _new_child(self) -> Child:
        first = self.plan.years[0]
        self.child = through_service(
            first.row,
            "LAchildID",
            child_create,
            actor=self.actor,
            first_name=FIRST_NAME,
            last_name=f"CIN census {self.plan.legacy_id}",
            date_of_birth=first.born,
            sex=first.sex,
            not_a_duplicate=True,
        )
        self.report.children_created += 1
        day = first.born or _year_bounds(first.row.year)[1]
        self.mark(self.child, first.row, day, "Child's record (sex, date of birth)", "children")
        return self.child

    def _identifiers(self, year: CensusYearChild) -> None:
        """What the year's census says of the child on its 31 March, recorded where the record does
        not already say it: from the year's 1 April if the record said something before, else from
        the birth (each year's census reads as it was sent)."""
        year_start, year_end = _year_bounds(year.row.year)
        child = self.refresh()
        if year.born and child.date_of_birth is None or (year.born and year.sex != child.sex and child.sex == "U"):
            self._identity(year, date_of_birth=year.born, sex=year.sex)
        if year.upn and self.child.upn != year.upn:
            self._identity(year, upn=year.upn)
        now = self.characteristics.on(self.child, year_end)
        before = self.characteristics.on(self.child, year_start - datetime.timedelta(days=1))
        others = self.characteristics.identifiers_on(self.child, year_end)
        start = self._from(year_start, held_before=bool(before.ethnicity))
        if year.ethnicity and now.ethnicity != year.ethnicity:
            self._record(
                year,
                ethnicity_record,
                "Ethnicity",
                start,
                f"Ethnicity {year.ethnicity}",
                "ethnicity records",
                ethnicity=year.ethnicity,
            )
        if year.disabilities and tuple(year.disabilities) != tuple(now.disabilities):
            start = self._from(year_start, held_before=bool(before.disabilities))
            self._record(
                year,
                disabilities_record,
                "Disabilities",
                start,
                f"Disabilities {' '.join(year.disabilities)}",
                "disability records",
                disabilities=year.disabilities,
            )
        if year.upn_reason and not self.child.upn and now.upn != year.upn_reason:
            start = self._from(year_start, held_before=bool(before.upn))
            self._record(
                year,
                upn_unknown_record,
                "UPNunknown",
                start,
                f"UPN not known: {year.upn_reason}",
                "UPN reasons",
                reason=year.upn_reason,
            )
        if year.former_upn and others.former_upn != year.former_upn:
            start = self._from(year_start, held_before=False)
            self._record(
                year,
                former_upn_record,
                "FormerUPN",
                start,
                f"Former UPN {year.former_upn}",
                "former UPNs",
                former_upn=year.former_upn,
                expected_version=self.refresh().version,
            )
        if year.expected_on and not year.born and others.expected_birth_on != year.expected_on:
            start = min(max(year_start, year.expected_on - PREGNANCY), year_end)
            self._record(
                year,
                expected_birth_record,
                "ExpectedPersonBirthDate",
                start,
                f"Expected date of birth {year.expected_on:%d/%m/%Y}",
                "expected dates of birth",
                expected_on=year.expected_on,
                expected_version=self.refresh().version,
            )

    def _from(self, year_start: datetime.date, *, held_before: bool) -> datetime.date:
        born = self.child.date_of_birth
        if held_before or born is None:
            return max(year_start, born) if born else year_start
        return born

    def _record(
        self, year: CensusYearChild, service, element: str, applies_from, description: str, kind: str, **values
    ):
        record = through_service(
            year.row, element, service, actor=self.actor, child_id=self.child.pk, applies_from=applies_from, **values
        )
        self.characteristics.recorded(record)
        self.mark(record, year.row, applies_from, description, kind)

    def _identity(self, year: CensusYearChild, **changes) -> None:
        child = self.child
        values = {
            "first_name": child.first_name,
            "last_name": child.last_name,
            "date_of_birth": child.date_of_birth,
            "sex": child.sex,
            "nhs_number": child.nhs_number,
            "upn": child.upn,
            "postcode": child.postcode,
        } | changes
        element = "UPN" if "upn" in changes else "PersonBirthDate"
        self.child = through_service(
            year.row,
            element,
            child_identity_update,
            actor=self.actor,
            child_id=child.pk,
            expected_version=child.version,
            **values,
        )
        said = f"UPN {changes['upn']}" if "upn" in changes else f"Born {year.born:%d/%m/%Y}, sex {year.sex}"
        self.mark(
            self.child,
            year.row,
            year.born or _year_bounds(year.row.year)[1],
            said,
            "UPNs" if "upn" in changes else "births",
        )

    def _death(self, year: CensusYearChild) -> None:
        held = self.characteristics.identifiers_on(self.child, datetime.date.max)
        if held.died_on == year.died_on:
            self.report.already_held["deaths"] += 1
            return
        record = through_service(
            year.row,
            "PersonDeathDate",
            death_record,
            actor=self.actor,
            child_id=self.child.pk,
            expected_version=self.refresh().version,
            died_on=year.died_on,
        )
        self.characteristics.recorded(record)
        self.mark(record, year.row, year.died_on, f"Died {year.died_on:%d/%m/%Y}", "deaths")


# Ranks of a referral's events on one day: what must come first for the services to accept the next.
OPEN, ALLOCATE, ASSESSMENT_START, S47_START, INTERNAL_REVIEW, AUTHORISE = 0, 1, 2, 3, 4, 5
ICPC, S47_NO_CONFERENCE, CP_REVIEW, CP_END, CARE, CIN_PLAN_END, CIN_PLAN_START, CLOSE = 6, 7, 8, 9, 10, 11, 12, 13


class ReferralImport:
    """One CIN episode: opened (a contact received and decided on the referral date), then every
    event the census gives, in date order, then closed."""

    def __init__(
        self,
        child_import: CensusChildImport,
        fact: ReferralFact,
        care_episodes: list | None = None,
        worker_allocations: list | None = None,
    ):
        self.parent, self.fact, self.care_episodes = child_import, fact, care_episodes or []
        self.worker_allocations = worker_allocations or []  # the 903's SWEpisodes on this case
        self.actor, self.child, self.report = child_import.actor, child_import.child, child_import.report
        self.referral: Referral | None = None

    def run(self) -> None:
        fact = self.fact
        events = [(fact.referral_date, OPEN, self._open, None)]
        # The 903 naming the case's first worker (FCONTA) says who held it: no chosen worker then.
        first_worker_known = any(sw["SW_REASON"] == FIRST_CONTACT for sw in self.worker_allocations)
        if fact.assessments and not first_worker_known:
            events.append((fact.referral_date, ALLOCATE, self._allocate, None))
        for sw in self.worker_allocations:
            events.append((sw["SW_DECOM"], ALLOCATE, self.parent.write_allocation, sw))
        for assessment in fact.assessments:
            events.append((assessment.started_on, ASSESSMENT_START, self._assessment_start, assessment))
            if assessment.internal_review_on:
                events.append((assessment.internal_review_on, INTERNAL_REVIEW, self._internal_review, assessment))
            if assessment.authorised_on:
                events.append((assessment.authorised_on, AUTHORISE, self._authorise, assessment))
        for enquiry in fact.section47s:
            events.append((enquiry.started_on, S47_START, self._section47_start, enquiry))
            if enquiry.icpc_on:
                events.append((enquiry.icpc_on, ICPC, self._icpc, enquiry))
            elif enquiry.not_required:
                events.append(
                    (
                        max(enquiry.started_on, enquiry.not_required_from),
                        S47_NO_CONFERENCE,
                        self._no_conference,
                        enquiry,
                    )
                )
        for cp_plan in fact.protection_plans:
            for row, day in cp_plan.reviews:
                events.append((day, CP_REVIEW, self._cp_review, (cp_plan, row, day)))
            if cp_plan.ended_on:
                events.append((cp_plan.ended_on, CP_END, self._cp_end, cp_plan))
        for cin_plan in fact.cin_plans:
            events.append((cin_plan.started_on, CIN_PLAN_START, self._cin_plan_start, cin_plan))
            if cin_plan.ended_on:
                events.append((cin_plan.ended_on, CIN_PLAN_END, self._cin_plan_end, cin_plan))
        for episode, previous in self.care_episodes:
            events.append((episode.started_on, CARE, self.parent.write_episode, (episode, previous)))
        if fact.closed_on:
            events.append((fact.closed_on, CLOSE, self._close, None))
        for _day, _rank, step, item in sorted(events, key=lambda e: (e[0], e[1])):
            step(item) if item is not None else step()

    def _source(self, row: SourceRow) -> str:
        return NOT_KNOWN.format(source=row.label)

    def _held_differs(self, row, item: str, start, element: str, held, value) -> None:
        raise RowRefused(
            row.problem(
                element,
                ERROR_HELD_DIFFERS.format(
                    item=item, start=start, element=element, held=held or "none", value=value or "none"
                ),
            )
        )

    # The referral --------------------------------------------------------------------------------

    def _open(self) -> None:
        fact = self.fact
        held = Referral.objects.filter(child=self.child, referral_date=fact.referral_date).first()
        if held is not None:
            for element, mine, theirs in (
                ("ReferralSource", fact.source, held.source_id),
                ("PrimaryNeedCode", fact.primary_need, held.primary_need),
            ):
                if mine != theirs:
                    self._held_differs(fact.row, "referral", fact.referral_date, element, theirs, mine)
            self.referral = held
            self.report.already_held["referrals"] += 1
            return
        when = _at_nine(fact.referral_date)
        said = f"Imported from the children in need census ({fact.row.label})"
        contact = through_service(
            fact.row,
            "CINreferralDate",
            contact_record,
            actor=self.actor,
            child_ids=[self.child.pk],
            received_at=when,
            source_code=fact.source,
            contact_person="Not known (imported)",
            account=said,
        )[0]
        through_service(
            fact.row,
            "CINreferralDate",
            contact_screen,
            actor=self.actor,
            contact_id=contact.pk,
            decision=ScreeningDecision.REFERRAL,
            decided_at=when,
            reason=said,
            team_id=self.parent.team_id,
            primary_need=fact.primary_need,
        )
        self.referral = Referral.objects.get(contact=contact)
        self.parent.mark(
            self.referral,
            fact.row,
            fact.referral_date,
            f"Referral (source {fact.source}, primary need {fact.primary_need})",
            "referrals",
        )

    def _allocate(self) -> None:
        if self.referral.allocations.exists():
            return
        through_service(
            self.fact.row,
            "CINreferralDate",
            case_allocate,
            actor=self.actor,
            referral_id=self.referral.pk,
            worker_id=self.parent.worker_id,
            started_on=self.fact.referral_date,
        )

    def _close(self) -> None:
        fact, referral = self.fact, Referral.objects.get(pk=self.referral.pk)
        if referral.closed_on is not None:
            if (referral.closed_on, referral.closure_reason) != (fact.closed_on, fact.closure_reason):
                self._held_differs(
                    fact.row,
                    "referral",
                    fact.referral_date,
                    "CINclosureDate",
                    f"{referral.closed_on} {referral.closure_reason}",
                    f"{fact.closed_on} {fact.closure_reason}",
                )
            self.report.already_held["case closures"] += 1
            return
        closed = through_service(
            fact.row,
            "CINclosureDate",
            case_close,
            actor=self.actor,
            referral_id=referral.pk,
            closed_on=fact.closed_on,
            reason=fact.closure_reason,
        )
        self.parent.mark(closed, fact.row, fact.closed_on, f"Case closed: {fact.closure_reason}", "case closures")

    # Assessments ---------------------------------------------------------------------------------

    def _held_assessment(self, fact: AssessmentFact) -> Assessment | None:
        return Assessment.objects.filter(referral=self.referral, started_on=fact.started_on).first()

    def _assessment_start(self, fact: AssessmentFact) -> None:
        if self._held_assessment(fact) is not None:
            self.report.already_held["assessments"] += 1
            return
        assessment = through_service(
            fact.row,
            "AssessmentActualStartDate",
            assessment_start,
            actor=self.actor,
            referral_id=self.referral.pk,
            started_on=fact.started_on,
        )
        self.parent.mark(assessment, fact.row, fact.started_on, "Assessment started", "assessments")

    def _internal_review(self, fact: AssessmentFact) -> None:
        assessment = self._held_assessment(fact)
        if assessment.internal_review_on == fact.internal_review_on:
            return
        through_service(
            fact.row,
            "AssessmentInternalReviewDate",
            assessment_internal_review_record,
            actor=self.actor,
            assessment_id=assessment.pk,
            internal_review_on=fact.internal_review_on,
        )

    def _outcome(self, fact: AssessmentFact) -> str:
        """The census gives no outcome: a child in need plan if one of the referral's starts after
        this assessment's authorisation and before the next's; else no further action."""
        later = [
            a.authorised_on for a in self.fact.assessments if a.authorised_on and a.authorised_on > fact.authorised_on
        ]
        until = min(later, default=datetime.date.max)
        if any(fact.authorised_on <= p.started_on < until for p in self.fact.cin_plans):
            return AssessmentOutcome.CIN_PLAN
        return AssessmentOutcome.NO_FURTHER_ACTION

    def _authorise(self, fact: AssessmentFact) -> None:
        assessment = self._held_assessment(fact)
        if assessment.authorised_on is not None:
            held = sorted(assessment.factors.values_list("code", flat=True))
            if assessment.authorised_on != fact.authorised_on or held != sorted(fact.factors):
                self._held_differs(
                    fact.row,
                    "assessment",
                    fact.started_on,
                    "AssessmentAuthorisationDate",
                    assessment.authorised_on,
                    fact.authorised_on,
                )
            return
        said = self._source(fact.row)
        through_service(
            fact.row,
            "FactorsIdentifiedAtAssessment",
            assessment_record,
            actor=self.actor,
            assessment_id=assessment.pk,
            factor_codes=fact.factors,
            wishes_and_feelings=said,
            child_seen_on=None,
            child_seen_alone=False,
        )
        through_service(
            fact.row,
            "AssessmentAuthorisationDate",
            assessment_submit,
            actor=self.actor,
            assessment_id=assessment.pk,
            submitted_on=fact.authorised_on,
            historical=True,  # the census carries no narrative: shown as recorded before Hearth
        )
        done = through_service(
            fact.row,
            "AssessmentAuthorisationDate",
            assessment_authorise,
            actor=self.actor,
            assessment_id=assessment.pk,
            authorised_on=fact.authorised_on,
            outcome=self._outcome(fact),
            historical=True,  # nor the manager's reasons
        )
        self.parent.mark(
            done,
            fact.row,
            fact.authorised_on,
            f"Assessment authorised: factors {' '.join(fact.factors)}",
            "assessments authorised",
        )

    # Child in need plans -------------------------------------------------------------------------

    def _cin_plan_start(self, fact: CinPlanFact) -> None:
        if CinPlan.objects.filter(referral=self.referral, started_on=fact.started_on).exists():
            self.report.already_held["child in need plans"] += 1
            return
        said = self._source(fact.row)
        plan = through_service(
            fact.row,
            "CINPlanStartDate",
            cin_plan_start,
            actor=self.actor,
            referral_id=self.referral.pk,
            started_on=fact.started_on,
            aims=said,
            agreed_with=said,
        )
        self.parent.mark(plan, fact.row, fact.started_on, "Child in need plan started", "child in need plans")

    def _cin_plan_end(self, fact: CinPlanFact) -> None:
        """Ended here unless the census's own facts end it that day: a child protection plan starting
        or the case closing (their services end it with their reason)."""
        plan = CinPlan.objects.get(referral=self.referral, started_on=fact.started_on)
        if plan.ended_on is not None:
            if plan.ended_on != fact.ended_on:
                self._held_differs(
                    fact.row, "child in need plan", fact.started_on, "CINPlanEndDate", plan.ended_on, fact.ended_on
                )
            return
        if fact.ended_on == self.fact.closed_on:
            return  # the case's closure ends it
        ended = through_service(
            fact.row,
            "CINPlanEndDate",
            cin_plan_end,
            actor=self.actor,
            plan_id=plan.pk,
            version=plan.version,
            ended_on=fact.ended_on,
            reason=CinPlanEndReason.OTHER,
            note=self._source(fact.row),
        )
        self.parent.mark(ended, fact.row, fact.ended_on, "Child in need plan ended", "ends of child in need plans")

    # Section 47 enquiries and conferences --------------------------------------------------------

    def _enquiry(self, fact: Section47Fact) -> Section47Enquiry | None:
        return Section47Enquiry.objects.filter(referral=self.referral, started_on=fact.started_on).first()

    def _section47_start(self, fact: Section47Fact) -> None:
        if self._enquiry(fact) is not None:
            self.report.already_held["section 47 enquiries"] += 1
            return
        said = self._source(fact.row)
        through_service(
            fact.row,
            "S47ActualStartDate",
            strategy_discussion_record,
            actor=self.actor,
            referral_id=self.referral.pk,
            held_on=fact.started_on,
            police=False,
            health=False,
            social_care=True,
            education=False,
            other_agencies="Not known (imported)",
            participants=said,
            decision=StrategyDecision.SECTION_47,
            reasons=said,
        )
        enquiry = self._enquiry(fact)
        self.parent.mark(enquiry, fact.row, fact.started_on, "Section 47 enquiry started", "section 47 enquiries")

    def _plan_starting(self, day: datetime.date) -> ProtectionPlanFact | None:
        return next((p for p in self.fact.protection_plans if p.started_on == day), None)

    def _icpc(self, fact: Section47Fact) -> None:
        enquiry = self._enquiry(fact)
        held = enquiry.conferences.filter(kind=ConferenceKind.INITIAL, held_on__isnull=False).first()
        if held is not None:
            if held.held_on != fact.icpc_on:
                self._held_differs(
                    fact.row, "section 47 enquiry", fact.started_on, "DateOfInitialCPC", held.held_on, fact.icpc_on
                )
            self.report.already_held["initial conferences"] += 1
            return
        plan = self._plan_starting(fact.icpc_on)
        said = self._source(fact.row)
        booked = through_service(
            fact.row,
            "DateOfInitialCPC",
            conference_book_initial,
            actor=self.actor,
            enquiry_id=enquiry.pk,
            booked_for=fact.icpc_on,
            chair=self.parent.chair,
        )
        conference = through_service(
            fact.row,
            "DateOfInitialCPC",
            conference_hold_initial,
            actor=self.actor,
            conference_id=booked.pk,
            held_on=fact.icpc_on,
            attendance=said,
            child_views=said,
            decision=ConferenceDecision.PLAN if plan else ConferenceDecision.NO_PLAN,
            category=plan.initial_category if plan else "",
            decision_reasons=said,  # the return carries no reasons: where the decision came from
        )
        through_service(
            fact.row,
            "DateOfInitialCPC",
            section47_conclude,
            actor=self.actor,
            enquiry_id=enquiry.pk,
            outcome=Section47Outcome.ICPC,
            outcome_on=fact.icpc_on,
        )
        self.parent.mark(
            conference, fact.row, fact.icpc_on, "Initial child protection conference", "initial conferences"
        )
        if plan is not None:
            started = ProtectionPlan.objects.get(initial_conference=conference)
            self.parent.mark(
                started,
                plan.row,
                plan.started_on,
                f"Child protection plan ({plan.initial_category})",
                "child protection plans",
            )
            if plan.previous_plans is not None and plan.previous_plans != started.previous_plans:
                self.report.notes.append(
                    f"{plan.row.path}, line {plan.row.line}: NumberOfPreviousCPP is {plan.previous_plans}, the "
                    f"record counts {started.previous_plans} (plans before the years imported are not in Hearth)"
                )

    def _no_conference(self, fact: Section47Fact) -> None:
        enquiry = self._enquiry(fact)
        if enquiry.outcome:
            return
        day = max(fact.started_on, fact.not_required_from)
        done = through_service(
            fact.row,
            "ICPCnotRequired",
            section47_conclude,
            actor=self.actor,
            enquiry_id=enquiry.pk,
            outcome=Section47Outcome.NOT_REQUIRED,
            outcome_on=day,
        )
        self.parent.mark(
            done, fact.row, day, "Section 47 enquiry concluded: no conference needed", "section 47 outcomes"
        )

    # Child protection plans ----------------------------------------------------------------------

    def _protection_plan(self, fact: ProtectionPlanFact) -> ProtectionPlan:
        plan = ProtectionPlan.objects.filter(child=self.child, started_on=fact.started_on).first()
        if plan is None:
            raise RowRefused(fact.row.problem("CPPstartDate", ERROR_PLAN_WITHOUT_ICPC.format(start=fact.started_on)))
        return plan

    def _category_on(self, fact: ProtectionPlanFact, day: datetime.date) -> str:
        """The latest category the census gives for the year the review is in (the reviews of a
        year set the category its 31 March shows)."""
        year = collection_years.collection_year_of(day)
        return fact.latest_by_year.get(year) or fact.initial_category

    def _cp_review(self, item) -> None:
        fact, row, day = item
        plan = self._protection_plan(fact)
        if plan.reviews.filter(held_on=day).exists():
            self.report.already_held["review conferences"] += 1
            return
        ends = fact.ended_on == day
        said = self._source(row)
        review = through_service(
            row,
            "CPPreviewDate",
            review_conference_record,
            actor=self.actor,
            plan_id=plan.pk,
            held_on=day,
            chair=self.parent.chair,
            attendance=said,
            child_views=said,
            decision=ConferenceDecision.END if ends else ConferenceDecision.CONTINUE,
            category="" if ends else self._category_on(fact, day),
            decision_reasons=said,  # the return carries no reasons: where the decision came from
        )
        self.parent.mark(review, row, day, "Child protection review conference", "review conferences")

    def _cp_end(self, fact: ProtectionPlanFact) -> None:
        plan = self._protection_plan(fact)
        if plan.ended_on is not None:
            if plan.ended_on != fact.ended_on:
                self._held_differs(
                    fact.row, "child protection plan", fact.started_on, "CPPendDate", plan.ended_on, fact.ended_on
                )
            return
        ended = through_service(
            fact.row,
            "CPPendDate",
            protection_plan_end,
            actor=self.actor,
            plan_id=plan.pk,
            ended_on=fact.ended_on,
            reason=self._end_reason(fact.ended_on),
        )
        self.parent.mark(
            ended, fact.row, fact.ended_on, "Child protection plan ended", "ends of child protection plans"
        )

    def _end_reason(self, day: datetime.date) -> str:
        """The census gives no reason a plan ended without a review: the child's death or 18th
        birthday if that day, else the plan moving with the child (the other reason a plan ends
        between conferences)."""
        born = self.child.date_of_birth
        died = next((y.died_on for y in self.parent.plan.years if y.died_on), None)
        if died == day:
            return PlanEndReason.DIED
        if born is not None and (born.month, born.day) == (day.month, day.day) and day.year - born.year == 18:
            return PlanEndReason.ADULT
        return PlanEndReason.MOVED
