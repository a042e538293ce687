"""The synthetic council's looked-after children and care leavers, written through the services (their
many duties in bulk for the larger sizes: hearth/simulate/care_writes.py).

About 70 children in every 10,000 are looked after in England; the fictional borough's population
setting (6,400) gives it about 45 looked after today, plus those who left care in the simulated months
and young people who left care at 18 and are now care leavers. Their histories reach back years
before the simulated months (a child in long-term foster care may have come into care as a toddler),
so each gets the contact, referral and allocation that opened their case at the time.

Placements move (a few children three or more times in a year, as the figures expect), interim care
orders become full care orders, some children are adopted or go home or to special guardians, and
those who reach 18 leave care. Everything is invented and deterministic for the council's seed.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from faker import Faker

from hearth.calendar.workingdays import add_months
from hearth.care.services import PlacementDetails, care_end, care_start, legal_status_change, placement_change
from hearth.core.roles import Role
from hearth.core.services import london_datetime
from hearth.frontdoor.models import ScreeningDecision
from hearth.frontdoor.services import case_close, contact_record, contact_screen
from hearth.iro.services import current_appointment_id as iro_appointments_current
from hearth.iro.services import iro_appoint
from hearth.people.models import Sex
from hearth.people.services import child_create
from hearth.simulate.care_decisions import CareDecisions
from hearth.simulate.care_writes import care_writer
from hearth.simulate.distance_approvals import approved_if_far
from hearth.simulate.geography import PlacementPostcodes
from hearth.simulate.providers import register_for
from hearth.simulate.voices import CARE_PLAN_VOICES, PATHWAY_VOICES, review_voice, voice_for, worded
from hearth.simulate.write_ups import BABY, PRIMARY, TEENAGER, YOUNG, band_of, visit_write_up
from hearth.workforce.services import case_allocate

# The demo council's cohorts (hearth/simulate/sizes.py: SMALL); a council's size sets its own.
LOOKED_AFTER_TODAY = 45
# The demo's IRO is first appointed to about half the children, so that signing in as them shows a
# full list; on the larger councils that was 1,307 children, no one's caseload (the IRO Handbook
# suggests 50-70), and the IRO's list measured at that size was theirs. Past this many first
# appointments (more than the demo council makes, so the demo is unchanged) the others take them.
DEMO_IRO_MOST_FIRST_APPOINTMENTS = 100
LEFT_CARE_RECENTLY = 15
CARE_LEAVERS = 20

FOSTER_TYPES = {"U6": 45, "U4": 20, "U3": 10, "U1": 6}
OTHER_TYPES = {"K2": 8, "K3": 4, "P1": 4, "R1": 1, "S1": 1}
MOVE_REASONS = {
    "CARPL": 35,
    "CREQB": 20,
    "CREQO": 15,
    "CHILD": 8,
    "LAREQ": 8,
    "STAND": 4,
    "ALLEG": 2,
    "CLOSE": 4,
    "OTHER": 4,
}
# Ages of the children looked after today, in years: more teenagers than young children, as in England.
AGES_TODAY = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 16, 17]
HOME_TYPES = ("K2", "R1", "S1")
ADOPTION_TYPES = ("A3", "A4", "A5", "A6")
# Pathway plans are for young people of 16 and over: worded for their sex (hearth/simulate/voices.py).
PATHWAY_SUMMARIES = [
    "Accommodation: staying put with foster carers to 21. Education: level 3 at college. Money: bank account open.",
    "Move to supported lodgings in the spring; apprenticeship applications with the adviser's help.",
    "Health: registered with a GP in {his} own name. Wants to learn to cook; budgeting course booked.",
    "University application in; the council's higher education bursary explained; driving lessons in the plan.",
]
# A care leaver's main activity and accommodation when in touch (about half in education,
# employment or training, as in England's figures for 19-21 year olds).
LEAVER_ACTIVITIES = {"F2": 20, "F4": 14, "P4": 8, "F1": 6, "F5": 5, "G5": 30, "G4": 10, "G6": 7}
LEAVER_ACCOMMODATION = {"U": 30, "Z": 15, "D": 15, "E": 10, "B": 15, "T": 5, "W": 4, "S": 3, "V": 3}
# A looked-after review's recommendations by the child's age band (each band as many as the others).
REVIEW_RECOMMENDATIONS = {
    BABY: [
        "Placement meets the child's needs; contact with mum to continue fortnightly, supervised.",
        "Health visitor to review weight and development; carers to keep the red book up to date.",
        "Parallel planning: assessment of the maternal grandmother to be completed before the next review.",
        "Long-term match with the current carers to go to panel; IRO to be updated after panel.",
        "Dental check due at the first tooth: carer to register {him} with a dentist.",
    ],
    YOUNG: [
        "Placement meets the child's needs; contact with mum to continue fortnightly, supervised.",
        "Nursery place to continue; early years PEP to be held this term.",
        "Life story work to start this term; sibling contact increased to monthly.",
        "Long-term match with the current carers to go to panel; IRO to be updated after panel.",
        "Dental check overdue: carer to book; speech and language referral to be chased.",
    ],
    PRIMARY: [
        "Placement meets the child's needs; contact with mum to continue fortnightly, supervised.",
        "Referral to CAMHS to be chased by the social worker; PEP targets to be reviewed with school.",
        "Life story work to start this term; sibling contact increased to monthly.",
        "Long-term match with the current carers to go to panel; IRO to be updated after panel.",
        "Dental check overdue: carer to book; after-school club to be funded from the PEP.",
    ],
    TEENAGER: [
        "Placement meets the young person's needs; contact with mum to continue, arranged by {him}.",
        "Referral to CAMHS to be chased by the social worker; PEP targets to be reviewed with school.",
        "Life story work to continue; sibling contact increased to monthly.",
        "Pathway planning to start at 16; independence skills (cooking, budgeting) with the carers.",
        "Dental check overdue: carer to book; {he} wants a part-time job and help to save towards it.",
    ],
}
PERMANENCE_PLANS = [
    "Long-term foster care with the current carers",
    "Return home to mother, with a child in need plan to follow",
    "Special guardianship with the maternal grandmother",
    "Adoption",
    "Remain looked after to 18; pathway planning from 16",
]
# A care plan's summary by the child's age band (each band as many as the others).
CARE_PLAN_SUMMARIES = {
    BABY: [
        "Health: six-monthly review assessment; immunisations up to date. Contact: supervised, three times a week.",
        "Needs: feeding and sleep routines, weight monitored by the health visitor; contact with siblings monthly.",
        "Identity: life story book started by the carers; keeps links with {his} family's faith community.",
    ],
    YOUNG: [
        "Health: review assessment and dentist booked. Education: early years PEP at nursery. Contact: fortnightly.",
        "Needs: speech and language support at nursery; contact with siblings monthly.",
        "Identity: life story work; keeps links with {his} family's faith community. Contact with dad by video.",
    ],
    PRIMARY: [
        "Health: annual review assessment and dentist booked. Education: PEP targets on reading. Contact: fortnightly.",
        "Needs: emotional wellbeing (CAMHS), school attendance, contact with siblings monthly.",
        "Identity: life story work; keeps links with {his} faith community. Contact with dad by video weekly.",
    ],
    TEENAGER: [
        "Health: annual review assessment and dentist booked. Education: PEP targets for GCSEs. Contact: fortnightly.",
        "Needs: emotional wellbeing (CAMHS), school attendance, contact with siblings monthly.",
        "Identity: keeps links with {his} faith community; contact with dad by video weekly; independence skills.",
    ],
}
HEALTH_PROFESSIONALS = {
    "IHA": ["Dr A. Linnet, community paediatrician", "Dr R. Okoro, looked-after children's doctor"],
    "RHA": ["Looked-after children's nurse", "School nurse", "Health visitor"],
    "DENTAL": ["Kestrel Vale Dental Practice", "Community dental service"],
}
VOICES_IN_CARE = [
    "Showed me his new bike; said his carers are 'alright' and he wants to stay till he's 18.",
    "Said she misses her brother and wants to see him more than once a month.",
    "Told me school is better now that she has a mentor; wants to do GCSE art.",
    "Settled and smiling; babbling to the carer, good eye contact, feeding well.",
    "Did not want to talk about home; we talked about football and his PlayStation instead.",
]


@dataclass
class CareHistory:
    """What the simulation decided for one child, to be written through the services in date order."""

    born: datetime.date
    started_on: datetime.date
    legal_status: str
    moves: list[datetime.date] = field(default_factory=list)
    status_change: tuple[datetime.date, str] | None = None
    ended: tuple[datetime.date, str] | None = None
    home_postcode: str = ""  # the home the child left (903 HOME_POST), drawn with the first placement
    # Set by other parts of the simulation for the children they add (hearth/simulate/characteristics.py:
    # young people who arrived alone, with no home here); left as they are, drawn as for any child.
    sex: str | None = None
    category_of_need: str | None = None
    arrived_alone: bool = False


class CareSimulation:
    """Called once from the council with its staff; keeps its own random stream (seeded from the
    council's seed), so the rest of the simulation is unchanged by it."""

    def __init__(self, sim, stream: int = 0):
        # `stream` 0 is the council's looked-after children; another part of the simulation writing
        # children of its own through this one passes another, so that neither repeats the other's draws.
        offset = 1009 * stream
        self.sim = sim
        self.today = sim.today
        self.random = random.Random(sim.seed * 47 + 9 + offset)
        self.faker = Faker("en_GB")
        self.faker.seed_instance(sim.seed * 47 + 9 + offset)
        self.postcodes = PlacementPostcodes(random.Random(sim.seed * 47 + 11 + offset))
        self.periods = []
        self.iros = None  # (the demo's `iro` sign-in, the other IROs), read once
        # Its own stream, so appointing IROs leaves every other draw of the care simulation as it was.
        self.iro_random = random.Random(sim.seed * 53 + 11 + offset)
        self.appointed = {}  # period id -> [(appointed from, IRO)], for the reviews' chairs
        self.decisions = CareDecisions(sim, offset)  # the decision to look after each child (own stream)
        # The many duties (reviews, care plans, health checks, visits, pathway plans, care leavers'
        # contacts) through the services, or in bulk for the larger sizes (hearth/simulate/care_writes.py).
        self.duties = care_writer(sim.bulk)

    def run(self) -> dict:
        counts = {"children looked after": 0, "placement moves": 0, "periods of care ended": 0}
        size = self.sim.size
        plans = (
            [self._looked_after_today() for _ in range(size.looked_after)]
            + [self._left_recently() for _ in range(size.left_care)]
            + [self._care_leaver() for _ in range(size.care_leavers)]
        )
        for history in plans:
            self.write_history(history, counts)
        return counts

    def write_history(self, history: CareHistory, counts: dict):
        """One child's whole time in care, through the services: the case that opened it, the period
        with its moves, duties and end, and leaving care."""
        period = self._write(history, counts)
        self.periods.append(period)
        self._duties(period, history.ended[0] if history.ended else None, counts)
        self.duties.flush()  # before the end of care, through the services, which reads what came before
        self._end(period, history, counts)
        period.refresh_from_db()
        self._leaving_care(period, counts)
        self.duties.flush()
        if period.end_reason in ("E11", "E12"):
            # The adoption order sealed the record; the team manager closes the case (CIN census RC1).
            manager = self.sim.users["managers"][period.referral.team_id]
            case_close(actor=manager, referral_id=period.referral_id, closed_on=period.ended_on, reason="RC1")
        return period

    # Deciding each child's history ------------------------------------------------------------
    def _looked_after_today(self) -> CareHistory:
        age_years = self.random.choice(AGES_TODAY)
        born = self.today - datetime.timedelta(days=age_years * 365 + self.random.randrange(300))
        in_care_days = self.random.randint(20, max(21, min((self.today - born).days - 10, 9 * 365)))
        started_on = self.today - datetime.timedelta(days=in_care_days)
        history = CareHistory(born=born, started_on=started_on, legal_status=self._first_status(in_care_days))
        history.moves = self._moves(started_on, self.today)
        if history.legal_status == "C1" and in_care_days > 200:
            history.status_change = (started_on + datetime.timedelta(days=self.random.randint(150, 200)), "C2")
        return history

    def _left_recently(self) -> CareHistory:
        left_on = self.today - datetime.timedelta(days=self.random.randint(10, 400))
        started_on = left_on - datetime.timedelta(days=self.random.randint(120, 3 * 365))
        born = started_on - datetime.timedelta(days=self.random.randint(200, 13 * 365))
        reason = self.random.choice(["E4A", "E4A", "E13", "E45", "E11", "E4B"])
        history = CareHistory(born=born, started_on=started_on, legal_status="C2" if reason != "E4A" else "V2")
        history.moves = self._moves(started_on, left_on - datetime.timedelta(days=30))
        history.ended = (left_on, reason)
        return history

    def _care_leaver(self) -> CareHistory:
        """A young person now 18 to 21 who was looked after from their early teens until 18."""
        born = self.today - datetime.timedelta(days=self.random.randint(18 * 365 + 10, 21 * 365 + 300))
        eighteenth = _birthday(born, 18)
        started_on = eighteenth - datetime.timedelta(days=self.random.randint(2 * 365, 5 * 365))
        history = CareHistory(born=born, started_on=started_on, legal_status=self.random.choice(["C2", "C2", "V2"]))
        history.moves = self._moves(started_on, eighteenth - datetime.timedelta(days=60))
        history.ended = (eighteenth, self.random.choice(["E17", "E5", "E5", "E6", "E13"]))
        return history

    def _first_status(self, in_care_days: int) -> str:
        if in_care_days < 200:
            return self.random.choice(["C1", "C1", "V2", "V2", "L2"]) if in_care_days > 30 else "V2"
        return self.random.choices(["C2", "C1", "V2", "E1"], weights=[50, 15, 25, 10])[0]

    def _moves(self, start: datetime.date, until: datetime.date) -> list[datetime.date]:
        """Placement moves: most children move once or twice a few years; some several times in a
        year (the children the 3+ placements measure is about)."""
        span = (until - start).days
        if span < 40:
            return []
        unsettled = self.random.random() < 0.12
        settled_moves = self.random.choices([0, 1, 2, 3], weights=[40, 35, 18, 7])[0]
        count = self.random.randint(3, 4) if unsettled else settled_moves
        window_start = max(start, until - datetime.timedelta(days=330)) if unsettled else start
        window = (until - window_start).days
        if window < 20 * (count + 1):
            return []
        days = sorted(self.random.sample(range(15, window - 5), count))
        moves = [window_start + datetime.timedelta(days=d) for d in days]
        return [m for i, m in enumerate(moves) if i == 0 or (m - moves[i - 1]).days >= 7]

    # Writing it through the services -----------------------------------------------------------
    def _write(self, history: CareHistory, counts: dict):
        team = self.random.choice(self.sim.users["teams"])
        worker = self.random.choice(self.sim.users["workers"][team.pk])
        manager = self.sim.users["managers"][team.pk]
        # The record is made just before the contact that opened the case (at most 12 days before care).
        self.sim.recording.scene = london_datetime(history.started_on - datetime.timedelta(days=13), datetime.time(9))
        child = self._child(history.born, self._home_postcode(history), history.sex)
        self.sim.recording.scene = None
        referral = self._case(child, history.started_on, team, worker, manager)
        ending_with_adoption = history.ended is not None and history.ended[1] in ("E11", "E12")
        period = care_start(
            actor=worker.user,
            referral_id=referral.pk,
            started_on=history.started_on,
            category_of_need=history.category_of_need
            or self.random.choices(["N1", "N2", "N4", "N5", "N8"], weights=[62, 6, 10, 14, 8])[0],
            legal_status="E1" if ending_with_adoption else history.legal_status,
            placement=approved_if_far(
                self._placement(history, history.started_on, child=child), history.started_on, manager
            ),
            decision=self.decisions.at_start(history.started_on),
        )
        self.decisions.after_start(period)
        counts["children looked after"] += 1
        self._appoint_iros(period, manager, history, counts)
        changes = [(day, "move") for day in history.moves]
        if history.status_change:
            changes.append((history.status_change[0], "status"))
        if ending_with_adoption:
            # Placed with the adopters six to ten months before the order (at least a month into
            # care); no other move follows the placement for adoption.
            placed = max(
                history.started_on + datetime.timedelta(days=30),
                history.ended[0] - datetime.timedelta(days=self.random.randint(190, 300)),
            )
            changes = [(day, kind) for day, kind in changes if day < placed - datetime.timedelta(days=7)]
            changes.append((placed, "adoption"))
        for day, kind in sorted(changes):
            if day <= history.started_on or (history.ended and day >= history.ended[0]) or day > self.today:
                continue
            period.refresh_from_db()
            try:
                self._change(period, worker, day, kind, history)
            except ValidationError:
                continue  # two changes fell on one day: the later is dropped, as a worker would merge them
            counts["placement moves"] += kind != "status"
        return period

    def _appoint_iros(self, period, manager, history: CareHistory, counts: dict) -> None:
        """The team manager appoints an IRO within a few days of the child becoming looked after (the
        demo's `iro` sign-in gets about half the children, up to DEMO_IRO_MOST_FIRST_APPOINTMENTS); one
        child in eight has a change of IRO."""
        if self.iros is None:
            demo_iro = self.sim.users["iro"]
            others = list(get_user_model().objects.filter(groups__name=Role.IRO.value).exclude(pk=demo_iro.pk))
            self.iros = (demo_iro, others or [demo_iro])
        demo_iro, others = self.iros
        until = min(history.ended[0] if history.ended else self.today, self.today)
        days = [period.started_on + datetime.timedelta(days=self.iro_random.randint(1, 5))]
        if self.iro_random.random() < 0.125 and (until - days[0]).days > 60:
            days.append(days[0] + datetime.timedelta(days=self.iro_random.randint(30, (until - days[0]).days - 10)))
        appointed = []
        for day in days:
            choices = [u for u in [demo_iro, *others] if not appointed or u != appointed[-1][1]]
            if not choices:
                break  # no other IRO to change to
            to_the_demo_iro = (
                not appointed
                and self.iro_random.random() < 0.5
                and self.sim.demo_iro_first_appointments < DEMO_IRO_MOST_FIRST_APPOINTMENTS
            )
            iro = demo_iro if to_the_demo_iro else self.iro_random.choice(choices)
            self.sim.demo_iro_first_appointments += to_the_demo_iro
            current_id = iro_appointments_current(period)
            iro_appoint(actor=manager, period_id=period.pk, iro_id=iro.pk, started_on=day, current_id=current_id)
            appointed.append((day, iro))
            counts["IRO appointments"] = counts.get("IRO appointments", 0) + 1
        self.appointed[period.pk] = appointed

    def _iro_on(self, period, day: datetime.date):
        """The IRO appointed on the day (the first one for a review before the appointment)."""
        appointed = self.appointed[period.pk]
        return next((iro for since, iro in reversed(appointed) if since <= day), appointed[0][1])

    def _end(self, period, history: CareHistory, counts: dict) -> None:
        """The child ceases to be looked after, as the history planned (after their duties were
        written: an adoption order seals the record from everyone but its keepers)."""
        worker = period.referral.allocations.order_by("-started_on").first().worker
        if history.ended and history.ended[0] <= self.today:
            period.refresh_from_db()
            reason = history.ended[1]
            current = period.placements.get(ended_on__isnull=True).placement_type
            if reason in ("E45", "E46") and current not in FOSTER_TYPES:
                reason = "E4A"  # special guardianship goes to former foster carers (903 rule 516)
            if reason in ("E11", "E12") and current not in ADOPTION_TYPES:
                reason = "E13"  # no placement for adoption was recorded: the child left care otherwise
            care_end(
                actor=worker.user,
                period_id=period.pk,
                version=period.version,
                ended_on=history.ended[0],
                reason=reason,
                note="",
            )
            counts["periods of care ended"] += 1

    # The duties to a looked-after child, within the simulated months ----------------------------
    def _duties(self, period, ends_on: datetime.date | None, counts: dict) -> None:
        """Reviews (with the care plan updated after most), health and dental checks, and visits,
        from the start of the simulated months (or of care) to its end (or today). Most are on time;
        some are late, as in the seeds' figures before the service improved."""
        period.refresh_from_db()
        period.planned_end = ends_on
        since = max(period.started_on, self.sim.first_day)
        until = min(ends_on or self.today, self.today)
        worker = period.referral.allocations.order_by("-started_on").first().worker
        for day in _recent(self._review_days(period.started_on, until), since):
            self._review(period, worker, day, counts)
        health = self._health_days(period, until)
        for kind in ("IHA", "RHA", "DENTAL"):
            for day in _recent([d for k, d in health if k == kind], since):
                self._health_check(period, worker, kind, day, counts)
        day = period.started_on + datetime.timedelta(days=self.random.randint(2, 8))
        while day <= until:
            if day >= since:
                self._visit(period, worker, day, counts)
            day += datetime.timedelta(days=self.random.choice([28, 35, 38, 40, 41, 42, 42, 49, 60]))

    def _review_days(self, started_on: datetime.date, until: datetime.date) -> list[datetime.date]:
        first = self.sim.calendar.add_working_days(started_on, self.random.choice([12, 15, 18, 19, 20, 20, 26]))
        days = [first]
        nxt = add_months(first, 3)
        while True:
            nxt = nxt + datetime.timedelta(days=self.random.choice([-10, -5, -3, 0, 0, 6, 25]))
            if nxt > until:
                return [d for d in days if d <= until]
            days.append(nxt)
            nxt = add_months(nxt, 6)

    def _health_days(self, period, until: datetime.date) -> list[tuple[str, datetime.date]]:
        iha_after = self.random.choice([8, 14, 18, 25, 35])  # working days; T21 allows 20
        checks = [("IHA", self.sim.calendar.add_working_days(period.started_on, iha_after))]
        born = period.child.date_of_birth
        day = checks[0][1]
        while True:
            under_five = (day - born).days < 5 * 365
            drift = datetime.timedelta(days=self.random.choice([-20, -5, 0, 30]))
            day = add_months(day, 6 if under_five else 12) + drift
            if day > until:
                break
            checks.append(("RHA", day))
        dental = period.started_on + datetime.timedelta(days=self.random.randint(30, 120))
        while dental <= until:
            checks.append(("DENTAL", dental))
            dental = add_months(dental, 12) + datetime.timedelta(days=self.random.choice([-30, -10, 0, 45]))
        return [(kind, day) for kind, day in checks if day <= until]

    def _review(self, period, worker, day, counts) -> None:
        age = (day - period.child.date_of_birth).days // 365
        participation = "PN0" if age < 4 else self._weighted({"PN1": 45, "PN2": 10, "PN5": 10, "PN6": 25, "PN7": 10})
        try:
            self.duties.review(
                actor=worker.user,
                period=period,
                held_on=day,
                chair=self._iro_on(period, day),
                participation=participation,
                recommendations=worded(
                    self.random.choice(REVIEW_RECOMMENDATIONS[band_of(period.child, day)]), period.child, day
                ),
                child_voice=review_voice(day, period.child, participation),
            )
        except ValidationError:
            return  # e.g. under 4 by days on the review's date: the worker would pick again
        counts["looked-after reviews"] = counts.get("looked-after reviews", 0) + 1
        plan_day = day + datetime.timedelta(days=self.random.randint(1, 10))
        if plan_day <= min(period.planned_end or self.today, self.today) and self.random.random() < 0.85:
            self.duties.care_plan(
                actor=worker.user,
                period=period,
                agreed_on=plan_day,
                permanence_plan=self.random.choice(PERMANENCE_PLANS),
                summary=worded(
                    self.random.choice(CARE_PLAN_SUMMARIES[band_of(period.child, plan_day)]), period.child, plan_day
                ),
                child_voice=voice_for(CARE_PLAN_VOICES, plan_day, period.child),
            )

    def _health_check(self, period, worker, kind, day, counts) -> None:
        refused = (
            kind != "IHA"
            and period.child.date_of_birth < day - datetime.timedelta(days=12 * 365)
            and (self.random.random() < 0.12)
        )
        try:
            self.duties.health_check(
                actor=worker.user,
                period=period,
                kind=kind,
                done_on=day,
                refused=refused,
                done_by="" if refused else self.random.choice(HEALTH_PROFESSIONALS[kind]),
            )
        except ValidationError:
            return
        counts["health and dental checks"] = counts.get("health and dental checks", 0) + 1

    def _visit(self, period, worker, day, counts) -> None:
        seen = self.random.random() < 0.94
        self.duties.visit(
            actor=worker.user,
            referral_id=period.referral_id,
            child=period.child,
            visited_on=day,
            visitor=worker,
            happened=True,
            seen=seen,
            seen_alone=seen and (day - period.child.date_of_birth).days > 5 * 365 and self.random.random() < 0.7,
            **self._write_up(period.child, day, seen=seen),
        )
        counts["looked-after visits"] = counts.get("looked-after visits", 0) + 1

    def _write_up(self, child, day, *, seen: bool) -> dict:
        """Worded for the child's sex and age (hearth/simulate/write_ups.py); the voice is still drawn
        as before, so the rest of the council is the one the same seed built."""
        if seen:
            self.random.choice(VOICES_IN_CARE)
        return visit_write_up(child, day, seen=seen, in_care=True)

    # Leaving care: pathway plans from 16, and a personal adviser's contacts after 18 -------------
    def _leaving_care(self, period, counts: dict) -> None:
        """Pathway plan reviews about every six months from soon after the 16th birthday, and, once
        the young person has left care, personal adviser contacts about every six to eight weeks, all
        within the simulated months. The services refuse anyone not owed them (e.g. under 13 weeks
        in care since 14), and the simulation then leaves them be, as an adviser would."""
        born = period.child.date_of_birth
        sixteen, twenty_one = _birthday(born, 16), _birthday(born, 21)
        if twenty_one < self.sim.first_day or sixteen > self.today:
            return
        worker = period.referral.allocations.order_by("-started_on").first().worker
        adviser = f"{self.faker.first_name()} {self.faker.last_name()}, personal adviser"
        day = add_months(sixteen, 3) - datetime.timedelta(days=self.random.randint(0, 40))
        while day <= min(self.today, twenty_one):
            if day >= self.sim.first_day and self._pathway_review(period.child, worker, day, adviser):
                counts["pathway plan reviews"] = counts.get("pathway plan reviews", 0) + 1
            day = add_months(day, 6) + datetime.timedelta(days=self.random.choice([-14, 0, 10, 40]))
        if period.ended_on is None:
            return
        day = period.ended_on + datetime.timedelta(days=self.random.randint(5, 30))
        while day <= min(self.today, twenty_one):
            if day >= self.sim.first_day and self._leaver_contact(period.child, worker, day):
                counts["care leaver contacts"] = counts.get("care leaver contacts", 0) + 1
            day += datetime.timedelta(days=self.random.choice([28, 42, 49, 56, 56, 70, 90]))

    def _pathway_review(self, child, worker, day, adviser) -> bool:
        try:
            self.duties.pathway_review(
                actor=worker.user,
                child=child,
                reviewed_on=day,
                personal_adviser=adviser,
                summary=worded(self.random.choice(PATHWAY_SUMMARIES), child, day),
                child_voice=voice_for(PATHWAY_VOICES, day, child),
            )
        except ValidationError:
            return False
        return True

    def _leaver_contact(self, child, worker, day) -> bool:
        in_touch = self._weighted({"YES": 88, "NO": 7, "REFU": 5})
        activity = self._weighted(LEAVER_ACTIVITIES) if in_touch == "YES" else "0"
        accommodation = self._weighted(LEAVER_ACCOMMODATION) if in_touch == "YES" else "0"
        try:
            self.duties.leaver_contact(
                actor=worker.user,
                child=child,
                contacted_on=day,
                method=self._weighted({"IN_PERSON": 60, "PHONE": 30, "MESSAGE": 10}),
                in_touch=in_touch,
                activity=activity,
                accommodation=accommodation,
                accommodation_suitable=None if accommodation == "0" else accommodation not in ("S", "W", "V"),
            )
        except ValidationError:
            return False
        return True

    def _change(self, period, worker, day, kind, history) -> None:
        if kind == "status":
            legal_status_change(
                actor=worker.user, period_id=period.pk, version=period.version, changed_on=day, legal_status="C2"
            )
            return
        if kind == "adoption":
            placement = self._adoptive_placement(history, period.placements.get(ended_on__isnull=True))
        else:
            current = period.placements.get(ended_on__isnull=True)
            placement = self._placement(history, day, child=period.child)
            for _ in range(10):  # a move is to somewhere else, or to another kind of placement (rule 435)
                if not _looks_the_same_in_the_return(placement, current):
                    break
                placement = self._placement(history, day, child=period.child)
        manager = self.sim.users["managers"][period.referral.team_id]
        placement = approved_if_far(placement, day, manager, current=period.placements.get(ended_on__isnull=True))
        placement_change(
            actor=worker.user,
            period_id=period.pk,
            version=period.version,
            changed_on=day,
            reason="CARPL" if kind == "adoption" else self._weighted(MOVE_REASONS),
            placement=placement,
        )

    def _child(self, born: datetime.date, postcode: str, sex: str | None = None):
        sex = sex or self.random.choice([Sex.FEMALE, Sex.MALE])
        first = self.faker.first_name_female() if sex == Sex.FEMALE else self.faker.first_name_male()
        return child_create(
            actor=self.sim.users["mash"],
            first_name=first,
            last_name=self.faker.last_name(),
            date_of_birth=born,
            sex=sex,
            postcode=postcode,
            not_a_duplicate=True,
        )

    def _case(self, child, care_starts: datetime.date, team, worker, manager):
        """The contact, referral and allocation that opened the child's case a few days before care."""
        received_on = care_starts - datetime.timedelta(days=self.random.randint(1, 12))
        received_at = london_datetime(received_on, datetime.time(self.random.randint(8, 17), 0))
        screener = self.random.choice(self.sim.users["screeners"])
        contact = contact_record(
            actor=screener,
            child_ids=[child.pk],
            received_at=received_at,
            source_code=self.random.choice(["2A", "6", "3A", "1A"]),
            contact_person=f"{self.faker.name()}, professional",
            account=self.faker.paragraph(nb_sentences=3),
            consent="NOT_SOUGHT",
        )[0]
        contact_screen(
            actor=screener,
            contact_id=contact.pk,
            decision=ScreeningDecision.STRATEGY_DISCUSSION,
            decided_at=self.sim._in_working_hours(received_at + datetime.timedelta(hours=self.random.randint(1, 6))),
            reason="Reasonable cause to suspect significant harm: strategy discussion today.",
            team_id=team.pk,
            primary_need="N1",
        )
        contact.refresh_from_db()
        case_allocate(actor=manager, referral_id=contact.referral.pk, worker_id=worker.pk, started_on=received_on)
        return contact.referral

    def _placement(self, history: CareHistory, on: datetime.date, child) -> PlacementDetails:
        """A placement from the council's register (hearth/simulate/providers.py) that fits the
        child's age and legal status on the day (903 rules 371-374, 378)."""
        age = (on - history.born).days // 365
        types = FOSTER_TYPES | (OTHER_TYPES if age >= 11 else {})
        placement_type = self._weighted(types)
        status = history.legal_status
        if history.status_change and on >= history.status_change[0]:
            status = history.status_change[1]
        if placement_type == "K3" and age < 16:
            placement_type = "K2"
        if placement_type == "P1" and (status == "V2" or history.arrived_alone):
            placement_type = "K2"  # not with parents on a single period of s20 accommodation (rule 378)
        home = self._home_postcode(history)
        register = register_for(self.sim)
        if placement_type == "P1":
            provider = register.parents(child.last_name, home)
        else:
            provider = register.for_type(placement_type, inside=self.random.random() < 0.65, avoid_postcode=home)
        return PlacementDetails(
            placement_type=placement_type,
            provider_id=provider.pk,
            postcode=provider.postcode,
            home_postcode=home,
            long_term_until_18=placement_type in ("U1", "U4") and self.random.random() < 0.8,
        )

    def _adoptive_placement(self, history: CareHistory, current) -> PlacementDetails:
        """Placed for adoption: with the current foster carers (A5, the same provider: rule 217) now
        and then, otherwise with new adopters (A6)."""
        if current.placement_type in FOSTER_TYPES and self.random.random() < 0.3:
            provider, placement_type = current.provider, "A5"
        else:
            provider, placement_type = register_for(self.sim).adopters(), "A6"
        return PlacementDetails(
            placement_type=placement_type,
            provider_id=provider.pk,
            postcode=provider.postcode if provider.postcode != self._home_postcode(history) else current.postcode,
            home_postcode=self._home_postcode(history),
        )

    def _home_postcode(self, history: CareHistory) -> str:
        if history.arrived_alone:
            return ""  # no home in this country to be placed away from (903 rule 406)
        if not history.home_postcode:
            history.home_postcode = self.postcodes.home()
        return history.home_postcode

    def _weighted(self, weights: dict) -> str:
        return self.random.choices(list(weights), weights=list(weights.values()))[0]


def _looks_the_same_in_the_return(new: PlacementDetails, current) -> bool:
    """The 903 sees a placement as its type, postcode, URN and provider code (rule 435): a move to
    other carers of the same type at the same postcode (two of the council's households drawn in
    one street) would read as no move at all, so the generator draws again."""
    same_carers = new.provider_id == current.provider_id
    same_street = new.postcode == current.postcode
    return new.placement_type == current.placement_type and (same_carers or same_street)


def _recent(days: list[datetime.date], since: datetime.date) -> list[datetime.date]:
    """The days from `since` on, and the last one before it: a child in care for years arrives in
    the simulated months with their latest review or check already on file, as they would."""
    before = [day for day in days if day < since]
    return before[-1:] + [day for day in days if day >= since]


def _birthday(born: datetime.date, years: int) -> datetime.date:
    return add_months(born, 12 * years)
