"""The 903's other files written through the services that record those facts today (the same ones a
worker's forms call), after the child's periods of care: missing episodes and returns, deprivation
of liberty orders, adoption decisions, reversals and matches, previous permanence, the OC2 year's
health and outcomes, care leavers' circumstances around their birthdays, and the social workers who
held the case. Each created fact is marked with its file and line; a fact the record already holds
is skipped, and one it holds otherwise is refused, never overwritten (docs/migration.md, "The other
903 files")."""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.calendar.workingdays import add_months
from hearth.care.models import DeprivationOfLiberty, PeriodOfCare
from hearth.care.services import deprivation_of_liberty_end, deprivation_of_liberty_record
from hearth.core import collection_years
from hearth.core.services import london_datetime
from hearth.duties.codes import HealthCheckKind, HealthStatusKind, SdqReason, SubstanceIntervention
from hearth.duties.services import (
    conviction_record,
    health_check_record,
    health_status_record,
    sdq_record,
    substance_misuse_record,
)
from hearth.frontdoor.models import Referral
from hearth.leavers.codes import Accommodation, ContactMethod, InTouch
from hearth.leavers.models import CareLeaverContact
from hearth.leavers.services import care_leaver_contact_record
from hearth.migration.reading import Problem, SourceRow, collection_label
from hearth.migration.ssda903_facts import OtherFact
from hearth.missing.models import MissingEpisode
from hearth.missing.selectors import day_bounds
from hearth.missing.services import missing_episode_record, missing_return_record
from hearth.permanence.codes import WITH_CURRENT_FOSTER_CARERS
from hearth.permanence.models import AdoptionDecision, PreviousPermanence
from hearth.permanence.services import (
    adoption_decision_record,
    adoption_decision_reverse,
    adoption_match_record,
    previous_permanence_record,
)
from hearth.workforce.models import FIRST_CONTACT, Allocation, Worker
from hearth.workforce.services import case_allocate

ERROR_NOT_LOOKED_AFTER = (
    "The child was not looked after on {date} in the record or the files: no period of care holds it"
)
ERROR_HELD_OTHERWISE = "The record already holds {what} with {column} {held}, not {value}"
ERROR_NO_PERIOD_STARTED = (
    "PrevPerm is about a child who started to be looked after in the year, but no period of care of this child "
    "starts between {start} and {end}"
)
ERROR_FOSTER_CARE = (
    "FOSTER_CARE is {value} but the placement the child was adopted from is {place} in the Episodes files "
    "(1 is for A3 and A5, placed for adoption with their foster carers)"
)
ERROR_NO_CASE_OPEN = "No case of this child was open on {date}: the worker's allocation belongs to a case"
ERROR_NO_SUCH_WORKER = (
    "No worker in Hearth has the Social Work England registration number {number}: add the council's social "
    "workers (with their registration numbers, in the team named by --team) before importing"
)
ERROR_ALLOCATION_END = (
    "The worker's allocation ends on {dec} in the return, but no other worker takes the case that day in the files "
    "(Hearth ends an allocation when the next worker takes the case); it {held}"
)
ERROR_NOT_A_CARE_LEAVER_BIRTHDAY = (
    "No 17th to 21st birthday of the child falls in {year}: OC3 is about a care leaver's birthday in the year"
)

# Which column of the row each service's field is about, to say where a refusal came from.
FIELD_COLUMNS = {
    "Missing": {"kind": "MISSING", "started_at": "MIS_START", "returned_at": "MIS_END"},
    "DoLo": {"started_on": "DOLO_START", "ended_on": "DOLO_END"},
    "PlacedAdoption": {
        "decided_on": "DATE_PLACED",
        "reversed_on": "DATE_PLACED_CEASED",
        "reason": "REASON_PLACED_CEASED",
    },
    "AD1": {
        "decided_on": "DATE_INT",
        "matched_on": "DATE_MATCH",
        "adopters_number": "NB_ADOPTR",
        "adopters_sex": "SEX_ADOPTR",
        "adopters_legal_status": "LS_ADOPTR",
    },
    "PrevPerm": {
        "option": "PREV_PERM",
        "la_code": "LA_PERM",
        "order_year": "DATE_PERM",
        "order_month": "DATE_PERM",
        "order_day": "DATE_PERM",
    },
    "OC3": {
        "contacted_on": "CHILD",
        "in_touch": "IN_TOUCH",
        "activity": "ACTIV",
        "accommodation": "ACCOM",
        "accommodation_suitable": "ACCOM",
    },
    "OC2": {
        "completed_on": "SDQ_SCORE",
        "score": "SDQ_SCORE",
        "reason": "SDQ_REASON",
        "convicted_on": "CONVICTED",
        "identified_on": "SUBSTANCE_MISUSE",
        "intervention": "SUBSTANCE_MISUSE",
    },
}
NOON = datetime.time(12, 0)  # the 903 gives days: an episode starts and the child returns at noon
IMPORTED_BY = "Not known (imported from the SSDA903 return)"


def _day(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return collection_years.year_bounds(year)


class OtherFilesImport:
    """One child's facts from the other files, written after their periods of care (ChildImport
    calls `run` with itself, for the child, the actor, the report and `mark`)."""

    def __init__(self, child_import):
        self.importer = child_import
        self.child, self.actor, self.report = child_import.child, child_import.actor, child_import.report
        self.facts: dict[str, list[OtherFact]] = child_import.plan.other
        # Allocations written already, by (SW_ID, SW_DECOM): with both returns, each on its CIN
        # episode while the census's case was open (allocation_write); checked here with the rest.
        self.written_allocations: dict[tuple, Allocation] = {}

    def run(self) -> None:
        for fact in self._facts("DoLo", "DOLO_START"):
            self._deprivation_of_liberty(fact)
        for fact in self._facts("Missing", "MIS_START"):
            self._missing(fact)
        self._adoption()
        for fact in self._facts("PrevPerm"):
            self._previous_permanence(fact)
        for fact in self._facts("OC2"):
            self._oc2(fact)
        for fact in self._facts("OC3"):
            self._oc3(fact)
        self._social_workers()

    def _facts(self, name: str, by: str | None = None) -> list[OtherFact]:
        facts = self.facts.get(name, [])
        return sorted(facts, key=lambda f: (f[by], f.year) if by else f.year)

    # Writing through a service, and where a refusal came from --------------------------------------

    def write(self, fact: OtherFact, service: Callable, *, row: SourceRow | None = None, **arguments):
        from hearth.migration.services import RowRefused

        row = row or fact.row
        try:
            return service(actor=self.actor, **arguments)
        except ValidationError as error:
            raise RowRefused(self._problem(fact.file_name, row, error)) from error

    def _problem(self, file_name: str, row: SourceRow, error: ValidationError) -> Problem:
        if hasattr(error, "error_dict"):
            name, errors = next(iter(error.message_dict.items()))
            return row.problem(FIELD_COLUMNS.get(file_name, {}).get(name, ""), errors[0])
        return row.problem("", error.messages[0])

    def refuse(self, row: SourceRow, column: str, reason: str):
        from hearth.migration.services import RowRefused

        raise RowRefused(row.problem(column, reason))

    def held_otherwise(self, fact: OtherFact, what: str, column: str, held, value, row: SourceRow | None = None):
        shown = [
            _day(v) if isinstance(v, datetime.date) else (v if v not in ("", None) else "none") for v in (held, value)
        ]
        self.refuse(
            row or fact.row,
            column,
            ERROR_HELD_OTHERWISE.format(what=what, column=column, held=shown[0], value=shown[1]),
        )

    def mark(self, obj, fact: OtherFact, day: datetime.date, description: str, kind: str, row=None) -> None:
        self.importer.mark(obj, row or fact.row, day, description, kind)

    def period_on(self, fact: OtherFact, day: datetime.date, column: str) -> PeriodOfCare:
        period = PeriodOfCare.objects.filter(child=self.child, started_on__lte=day).exclude(ended_on__lt=day).first()
        if period is None:
            self.refuse(fact.row, column, ERROR_NOT_LOOKED_AFTER.format(date=_day(day)))
        return period

    # Missing and DoLo ------------------------------------------------------------------------------

    def _missing(self, fact: OtherFact) -> None:
        """A missing or away episode from MIS_START (noon) to MIS_END (noon; none: still missing on 31
        March). The child's return is recorded as the day the return ends it: the child came back,
        or their care ended that day (the return cannot say which)."""
        start, end = fact["MIS_START"], fact["MIS_END"] or None
        first, last = day_bounds(start, start)
        held = MissingEpisode.objects.filter(child=self.child, started_at__gte=first, started_at__lt=last).first()
        if held is None:
            period = self.period_on(fact, start, "MIS_START")
            episode = self.write(
                fact,
                missing_episode_record,
                period_id=period.pk,
                kind=fact["MISSING"],
                started_at=london_datetime(start, NOON),
                returned_at=london_datetime(end, NOON) if end else None,
            )
            what = "Missing" if fact["MISSING"] == "M" else "Away from placement without authorisation"
            came_back = f"; back {_day(end)}" if end else ""
            self.mark(episode, fact, start, f"{what} from {_day(start)}{came_back}", "missing episodes")
            return
        if held.kind != fact["MISSING"]:
            self.held_otherwise(
                fact, f"a missing episode starting {_day(start)}", "MISSING", held.kind, fact["MISSING"]
            )
        held_end = timezone.localdate(held.returned_at) if held.returned_at else None
        if end is None or held_end == end:
            self.report.already_held["missing episodes"] += 1
            return
        if held_end is not None:
            what = f"a missing episode starting {_day(start)}"
            self.held_otherwise(fact, what, "MIS_END", held_end, end, row=fact.end_row)
        episode = self.write(
            fact,
            missing_return_record,
            row=fact.end_row,
            episode_id=held.pk,
            version=held.version,
            returned_at=london_datetime(end, NOON),
        )
        self.mark(episode, fact, end, f"Back from missing on {_day(end)}", "missing returns", row=fact.end_row)

    def _deprivation_of_liberty(self, fact: OtherFact) -> None:
        start, end = fact["DOLO_START"], fact["DOLO_END"] or None
        held = DeprivationOfLiberty.objects.filter(period__child=self.child, started_on=start).first()
        if held is None:
            period = self.period_on(fact, start, "DOLO_START")
            held = self.write(fact, deprivation_of_liberty_record, period_id=period.pk, started_on=start)
            self.mark(held, fact, start, "Deprivation of liberty order made", "deprivation of liberty orders")
        else:
            self.report.already_held["deprivation of liberty orders"] += 1
        if end is None or held.ended_on == end:
            return
        if held.ended_on is not None:
            self.held_otherwise(fact, f"an order made {_day(start)}", "DOLO_END", held.ended_on, end, row=fact.end_row)
        ended = self.write(fact, deprivation_of_liberty_end, row=fact.end_row, period_id=held.period_id, ended_on=end)
        self.mark(
            ended,
            fact,
            end,
            "Deprivation of liberty order ended",
            "ends of deprivation of liberty orders",
            row=fact.end_row,
        )

    # Adoption: decisions, matches, reversals ---------------------------------------------------------

    def _adoption(self) -> None:
        """Each decision that the child should be placed for adoption (PlacedAdoption's DATE_PLACED,
        AD1's DATE_INT) in date order: the decision, its match (AD1), then its reversal (PlacedAdoption),
        so each is recorded while it is in force, as a worker would have."""
        placed = {fact["DATE_PLACED"]: fact for fact in self.facts.get("PlacedAdoption", [])}
        adopted = {fact["DATE_INT"]: fact for fact in self.facts.get("AD1", []) if fact["DATE_INT"]}
        for day in sorted(set(placed) | set(adopted)):
            decision = self._decision(placed.get(day) or adopted[day], day)
            if day in adopted:
                self._match(adopted[day], decision)
            if day in placed and placed[day]["DATE_PLACED_CEASED"]:
                self._reversal(placed[day], decision)

    def _decision(self, fact: OtherFact, day: datetime.date) -> AdoptionDecision:
        held = AdoptionDecision.objects.filter(child=self.child, decided_on=day).first()
        if held is not None:
            self.report.already_held["adoption decisions"] += 1
            return held
        decision = self.write(fact, adoption_decision_record, child_id=self.child.pk, decided_on=day)
        self.mark(decision, fact, day, "Decision that the child should be placed for adoption", "adoption decisions")
        return decision

    def _match(self, fact: OtherFact, decision: AdoptionDecision) -> None:
        self._check_foster_care(fact, decision)
        if not fact["DATE_MATCH"]:
            return
        matched_on = fact["DATE_MATCH"]
        values = {
            "NB_ADOPTR": ("adopters_number", int(fact["NB_ADOPTR"])),
            "SEX_ADOPTR": ("adopters_sex", fact["SEX_ADOPTR"]),
            "LS_ADOPTR": ("adopters_legal_status", fact["LS_ADOPTR"]),
        }
        held = decision.matches.filter(matched_on=matched_on).first()
        if held is not None:
            for column, (name, value) in values.items():
                if getattr(held, name) != value:
                    self.held_otherwise(fact, f"a match on {_day(matched_on)}", column, getattr(held, name), value)
            self.report.already_held["adoption matches"] += 1
            return
        match = self.write(
            fact,
            adoption_match_record,
            decision_id=decision.pk,
            matched_on=matched_on,
            adopters_id=None,  # the 903 does not name the adopters' household
            **{name: value for name, value in values.values()},
        )
        self.mark(match, fact, matched_on, f"Matched with adopters ({fact['SEX_ADOPTR']})", "adoption matches")

    def _check_foster_care(self, fact: OtherFact, decision: AdoptionDecision) -> None:
        """FOSTER_CARE is read from the placement the child was adopted from (the Episodes files):
        it is checked, not recorded."""
        last = decision.period.placements.order_by("-started_on", "-id").first()
        if not fact["FOSTER_CARE"] or last is None:
            return
        expected = "1" if last.placement_type in WITH_CURRENT_FOSTER_CARERS else "0"
        if fact["FOSTER_CARE"] != expected:
            self.refuse(
                fact.row, "FOSTER_CARE", ERROR_FOSTER_CARE.format(value=fact["FOSTER_CARE"], place=last.placement_type)
            )

    def _reversal(self, fact: OtherFact, decision: AdoptionDecision) -> None:
        reversed_on, reason = fact["DATE_PLACED_CEASED"], fact["REASON_PLACED_CEASED"]
        row = fact.end_row or fact.row
        if decision.reversed_on is not None:
            what = f"the decision of {_day(decision.decided_on)}"
            if decision.reversed_on != reversed_on:
                self.held_otherwise(fact, what, "DATE_PLACED_CEASED", decision.reversed_on, reversed_on, row=row)
            if decision.reversal_reason != reason:
                self.held_otherwise(fact, what, "REASON_PLACED_CEASED", decision.reversal_reason, reason, row=row)
            self.report.already_held["adoption decisions reversed"] += 1
            return
        decision = self.write(
            fact,
            adoption_decision_reverse,
            row=row,
            decision_id=decision.pk,
            version=decision.version,
            reversed_on=reversed_on,
            reason=reason,
        )
        self.mark(
            decision,
            fact,
            reversed_on,
            f"Decision to place for adoption reversed ({reason})",
            "adoption decisions reversed",
            row=row,
        )

    # Previous permanence ---------------------------------------------------------------------------

    def _previous_permanence(self, fact: OtherFact) -> None:
        """Recorded on the period of care that started in the year (the later one, if two did)."""
        start, end = _year_bounds(fact.year)
        period = (
            PeriodOfCare.objects.filter(child=self.child, started_on__range=(start, end))
            .order_by("-started_on")
            .first()
        )
        if period is None:
            self.refuse(fact.row, "CHILD", ERROR_NO_PERIOD_STARTED.format(start=_day(start), end=_day(end)))
        year, month, day = fact["DATE_PERM"]
        wanted = {
            "option": fact["PREV_PERM"],
            "la_code": fact["LA_PERM"],
            "order_year": year,
            "order_month": month,
            "order_day": day,
        }
        held = PreviousPermanence.objects.filter(period=period).first()
        if held is not None:
            what = f"previous permanence for the period of care from {_day(period.started_on)}"
            for name, value in wanted.items():
                if getattr(held, name) != value:
                    column = FIELD_COLUMNS["PrevPerm"][name]
                    self.held_otherwise(fact, what, column, getattr(held, name), value)
            self.report.already_held["previous permanence"] += 1
            return
        record = self.write(fact, previous_permanence_record, period_id=period.pk, **wanted)
        self.mark(record, fact, period.started_on, f"Previous permanence: {fact['PREV_PERM']}", "previous permanence")

    # OC2: the year's health and outcomes -----------------------------------------------------------

    def _oc2(self, fact: OtherFact) -> None:
        """The OC2 row tells of the year, not the day: each fact is recorded as on 31 March (see
        docs/migration.md for each column's reading), on the period of care open then."""
        _, year_end = _year_bounds(fact.year)
        period = self.period_on(fact, year_end, "CHILD")
        writer = Oc2Writer(self, fact, period, year_end)
        writer.sdq()
        writer.conviction()
        writer.status("HEALTH_CHECK", HealthStatusKind.DEVELOPMENT)
        writer.status("IMMUNISATIONS", HealthStatusKind.IMMUNISATIONS)
        writer.dental_check()
        writer.health_assessment()
        writer.substance_misuse()

    # OC3: care leavers around their birthday -------------------------------------------------------

    def _oc3(self, fact: OtherFact) -> None:
        """The young person's circumstances, recorded as a contact on their 17th to 21st birthday in
        the year (the return's window is around it). Not in touch with nothing known is what the return
        says of a young person with no contact in the window: it records nothing."""
        start, end = _year_bounds(fact.year)
        born = self.child.date_of_birth
        birthday = next((day for age in range(17, 22) if start <= (day := add_months(born, 12 * age)) <= end), None)
        if birthday is None:
            self.refuse(fact.row, "CHILD", ERROR_NOT_A_CARE_LEAVER_BIRTHDAY.format(year=collection_label(fact.year)))
        if fact["IN_TOUCH"] == InTouch.NO:
            self.report.already_held["OC3 rows with no contact to record"] += 1
            return
        accommodation = fact["ACCOM"][0] if fact["ACCOM"] != "0" else Accommodation.NONE
        suitable = None if fact["ACCOM"] == "0" else fact["ACCOM"][1] == "1"
        held = CareLeaverContact.objects.filter(child=self.child, contacted_on=birthday).first()
        if held is not None:
            what = f"a contact on {_day(birthday)}"
            for column, name, value in (
                ("IN_TOUCH", "in_touch", fact["IN_TOUCH"]),
                ("ACTIV", "activity", fact["ACTIV"]),
                ("ACCOM", "accommodation", accommodation),
                ("ACCOM", "accommodation_suitable", suitable),
            ):
                if getattr(held, name) != value:
                    self.held_otherwise(fact, what, column, getattr(held, name), value)
            self.report.already_held["care leaver contacts"] += 1
            return
        contact = self.write(
            fact,
            care_leaver_contact_record,
            child_id=self.child.pk,
            contacted_on=birthday,
            method=ContactMethod.MESSAGE,
            in_touch=fact["IN_TOUCH"],
            activity=fact["ACTIV"],
            accommodation=accommodation,
            accommodation_suitable=suitable,
            note=f"Imported from the SSDA903 return ({fact.row.label}): the return does not say how or when "
            "the contact was made; recorded on the birthday it is about",
        )
        self.mark(contact, fact, birthday, f"Care leaver's circumstances: {fact['IN_TOUCH']}", "care leaver contacts")

    # SWEpisodes: the workers who held the case ------------------------------------------------------

    def _social_workers(self) -> None:
        """Each worker's allocation of the child's case, in date order, through case_allocate: the
        next worker taking the case ends the last one's allocation that day, so an SW_DEC is checked
        against the next allocation, not written. The worker is found by their registration number."""
        facts = self._facts("SWEpisodes", "SW_DECOM")
        allocations = [self.written_allocations.get(_allocation_key(fact)) or self._allocation(fact) for fact in facts]
        for fact, allocation in zip(facts, allocations, strict=True):
            allocation.refresh_from_db(fields=["ended_on"])
            if fact["SW_DEC"] and allocation.ended_on != fact["SW_DEC"]:
                held = f"ends on {_day(allocation.ended_on)}" if allocation.ended_on else "is still open"
                self.refuse(
                    fact.end_row or fact.row, "SW_DEC", ERROR_ALLOCATION_END.format(dec=_day(fact["SW_DEC"]), held=held)
                )

    def allocation_write(self, fact: OtherFact) -> Allocation:
        """One worker's allocation written before the rest of the files: with both returns, the
        census's CIN episode it belongs to is open only until its closure is written."""
        allocation = self._allocation(fact)
        self.written_allocations[_allocation_key(fact)] = allocation
        return allocation

    def _allocation(self, fact: OtherFact) -> Allocation:
        day = fact["SW_DECOM"]
        case = (
            Referral.objects.filter(child=self.child, referral_date__lte=day)
            .exclude(closed_on__lt=day)
            .order_by("-referral_date", "-pk")
            .first()
        )
        if case is None:
            self.refuse(fact.row, "SW_DECOM", ERROR_NO_CASE_OPEN.format(date=_day(day)))
        worker = Worker.objects.filter(registration_number=fact["SW_ID"]).first()
        if worker is None:
            self.refuse(fact.row, "SW_ID", ERROR_NO_SUCH_WORKER.format(number=fact["SW_ID"]))
        held = Allocation.objects.filter(referral=case, worker=worker, started_on=day).first()
        if held is not None:
            self.report.already_held["social worker allocations"] += 1
            return held
        reason = "" if fact["SW_REASON"] == FIRST_CONTACT else fact["SW_REASON"]
        allocation = self.write(
            fact, case_allocate, referral_id=case.pk, worker_id=worker.pk, started_on=day, change_reason=reason
        )
        self.mark(allocation, fact, day, f"Case allocated to {worker} ({fact['SW_ID']})", "social worker allocations")
        return allocation


def _allocation_key(fact: OtherFact) -> tuple:
    return fact["SW_ID"], fact["SW_DECOM"]


def case_opened_on(plan, care_starts: datetime.date) -> datetime.date:
    """The day the case opened for an imported period of care starts: the day care began, or the day
    a social worker first held the child's case (SWEpisodes) if that came first."""
    held_from = [fact["SW_DECOM"] for fact in plan.other.get("SWEpisodes", [])]
    return min([care_starts, *held_from])


class Oc2Writer:
    """One OC2 row's facts on the period of care open on 31 March."""

    def __init__(self, files: OtherFilesImport, fact: OtherFact, period: PeriodOfCare, year_end: datetime.date):
        self.files, self.fact, self.period, self.year_end = files, fact, period, year_end
        self.year_start = _year_bounds(fact.year)[0]
        self.note = f"Imported from the SSDA903 return ({fact.row.label})"

    def _write(self, service, **arguments):
        return self.files.write(self.fact, service, period_id=self.period.pk, **arguments)

    def _mark(self, obj, day: datetime.date, description: str, kind: str) -> None:
        self.files.mark(obj, self.fact, day, description, kind)

    def sdq(self) -> None:
        """A score, or a reason there is none (SDQ2 to SDQ5: SDQ1 is worked out from the date of
        birth, never recorded), on 31 March, or the day before the 17th birthday if that came first."""
        score, reason = self.fact["SDQ_SCORE"], self.fact["SDQ_REASON"]
        if not score and reason in ("", SdqReason.SDQ1):
            return
        born = self.period.child.date_of_birth
        day = min(self.year_end, add_months(born, 12 * 17) - datetime.timedelta(days=1)) if born else self.year_end
        held = self.period.sdqs.filter(completed_on__range=(self.year_start, self.year_end)).order_by("-completed_on")
        if held.exists():
            latest = held.first()
            column, mine, theirs = (
                ("SDQ_SCORE", int(score), latest.score) if score else ("SDQ_REASON", reason, latest.reason)
            )
            if mine != theirs:
                self.files.held_otherwise(self.fact, f"an SDQ on {_day(latest.completed_on)}", column, theirs, mine)
            self.files.report.already_held["SDQs"] += 1
            return
        sdq = self._write(sdq_record, completed_on=day, score=int(score) if score else None, reason=reason)
        self._mark(sdq, day, f"SDQ {'score ' + score if score else reason}", "SDQs")

    def conviction(self) -> None:
        if self.fact["CONVICTED"] != "1":
            return
        if self.period.convictions.filter(convicted_on__range=(self.year_start, self.year_end)).exists():
            self.files.report.already_held["convictions"] += 1
            return
        conviction = self._write(
            conviction_record, convicted_on=self.year_end, offence=f"Not known: {self.note}, which gives the year only"
        )
        self._mark(
            conviction, self.year_end, "Convicted, or given a final warning or reprimand, in the year", "convictions"
        )

    def status(self, column: str, kind: str) -> None:
        """Up to date (1) or not (0) as at 31 March."""
        if not self.fact[column]:
            return
        up_to_date = self.fact[column] == "1"
        held = self.period.health_statuses.filter(kind=kind, as_at=self.year_end).first()
        if held is not None:
            if held.up_to_date != up_to_date:
                self.files.held_otherwise(
                    self.fact, f"a statement as at {_day(self.year_end)}", column, int(held.up_to_date), int(up_to_date)
                )
            self.files.report.already_held["health statuses"] += 1
            return
        status = self._write(
            health_status_record, kind=kind, as_at=self.year_end, up_to_date=up_to_date, source=self.note
        )
        said = "up to date" if up_to_date else "not up to date"
        self._mark(
            status, self.year_end, f"{HealthStatusKind(kind).label.split(' up to date')[0]}: {said}", "health statuses"
        )

    def _check(self, kind: str, day: datetime.date, description: str) -> None:
        check = self._write(health_check_record, kind=kind, done_on=day, refused=False, done_by=IMPORTED_BY)
        self._mark(check, day, description, "health checks")

    def dental_check(self) -> None:
        """A dental check done in the year, recorded on 31 March."""
        if self.fact["TEETH_CHECK"] != "1":
            return
        done = self.period.health_checks.filter(
            kind=HealthCheckKind.DENTAL, refused=False, done_on__range=(self.year_start, self.year_end)
        )
        if done.exists():
            self.files.report.already_held["health checks"] += 1
            return
        self._check(HealthCheckKind.DENTAL, self.year_end, "Dental check in the year")

    def health_assessment(self) -> None:
        """Health assessments up to date on 31 March: the return says only that, so one is recorded on
        30 March (the initial one if the period holds none, else a review), which keeps the next one
        due before the next year's 31 March, as the next year's file will say. Nothing is recorded if
        the record already holds one on or after that day."""
        if self.fact["HEALTH_ASSESSMENT"] != "1":
            return
        day = self.year_end - datetime.timedelta(days=1)
        checks = self.period.health_checks.filter(
            kind__in=[HealthCheckKind.INITIAL, HealthCheckKind.REVIEW], refused=False
        )
        if checks.filter(done_on__gte=day, done_on__lte=self.year_end).exists():
            self.files.report.already_held["health checks"] += 1
            return
        if checks.filter(kind=HealthCheckKind.INITIAL).exists():
            self._check(HealthCheckKind.REVIEW, day, "Health assessment (review) up to date on 31 March")
        else:
            self._check(HealthCheckKind.INITIAL, day, "Health assessment up to date on 31 March")

    def substance_misuse(self) -> None:
        if self.fact["SUBSTANCE_MISUSE"] != "1":
            return
        if self.period.substance_misuse.filter(identified_on__range=(self.year_start, self.year_end)).exists():
            self.files.report.already_held["substance misuse"] += 1
            return
        if self.fact["INTERVENTION_RECEIVED"] == "1":
            intervention = SubstanceIntervention.RECEIVED
        elif self.fact["INTERVENTION_OFFERED"] == "1":
            intervention = SubstanceIntervention.REFUSED
        else:
            intervention = SubstanceIntervention.NOT_OFFERED
        misuse = self._write(
            substance_misuse_record, identified_on=self.year_end, intervention=intervention, note=self.note
        )
        self._mark(misuse, self.year_end, f"Substance misuse in the year ({intervention.label})", "substance misuse")
