"""A synthetic council: a fictional borough's children's services, generated through the services.

Everything here is invented (Faker's en_GB names, random dates) and deterministic for a given seed
and "today". Because every fact is written by the same service functions users call, the data
obeys every rule the forms enforce: a simulated contact can be no more wrong than a real one.
The larger sizes may write the children's records, the MASH's work on contacts, most of the
casework after a referral, the duties to looked-after children and care leavers, case notes and
alerts, identifiers and families in bulk instead (`bulk`): the same rows, as tests that build a
council both ways prove (hearth/simulate/frontdoor_writes.py, casework_writes.py, care_writes.py,
records_writes.py, people_writes.py).
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from faker import Faker

from hearth.assessment.models import AssessmentOutcome
from hearth.audit.services import simulated_recording_times
from hearth.calendar.selectors import current_calendar
from hearth.calendar.workingdays import add_months
from hearth.core import collection_years
from hearth.core.roles import Role
from hearth.frontdoor.codes import REFERRAL_SOURCES
from hearth.frontdoor.dip_samples import dip_sample_action_complete, dip_sample_draw, dip_sample_review
from hearth.frontdoor.models import DECISIONS_OPENING_A_CASE, ScreeningDecision
from hearth.frontdoor.services import case_close
from hearth.people.identifiers import postcode_is_valid, postcode_normalise
from hearth.people.matching import possible_matches
from hearth.people.models import Sex
from hearth.performance.services import benchmarks_load, snapshot_publish, target_set
from hearth.simulate.assessment import work_the_assessment
from hearth.simulate.care import CareSimulation
from hearth.simulate.case_transfers import simulate_case_transfers
from hearth.simulate.casework_writes import casework_writer
from hearth.simulate.census_identifiers import simulate_census_identifiers
from hearth.simulate.characteristics import simulate_characteristics
from hearth.simulate.cin import simulate_children_in_need
from hearth.simulate.clinics import simulate_clinics
from hearth.simulate.coming_weeks import simulate_conferences_booked, simulate_reviews_booked
from hearth.simulate.deprivation_of_liberty import simulate_deprivation_of_liberty_orders
from hearth.simulate.education_and_health_plans import simulate_plans
from hearth.simulate.fostering import simulate_fostering
from hearth.simulate.frontdoor_writes import writer
from hearth.simulate.missing import simulate_missing
from hearth.simulate.oc2 import simulate_oc2
from hearth.simulate.people import PeopleSimulation
from hearth.simulate.permanence import simulate_children_for_adoption, simulate_permanence
from hearth.simulate.permanence_plans import simulate_permanence_plans
from hearth.simulate.providers import register_for
from hearth.simulate.quality import simulate_case_audits
from hearth.simulate.recorded_at import RecordingTimes
from hearth.simulate.records import simulate_records
from hearth.simulate.review_challenge import simulate_review_challenge
from hearth.simulate.sizes import SMALL, CouncilSize
from hearth.simulate.social_workers import simulate_changes_of_social_worker
from hearth.simulate.supervision import simulate_supervision
from hearth.simulate.support_to_25 import simulate_support_to_25
from hearth.simulate.this_morning import simulate_this_morning
from hearth.simulate.workforce import simulate_workforce
from hearth.workforce.services import team_create, user_create, worker_create

DEMO_PASSWORD = "hearth-demo"  # noqa: S105 (the synthetic demo council only)
COUNCIL_NAME = "Kestrel Vale Borough Council"  # fictional

CASE_TEAMS = [
    "Assessment and Intervention North",
    "Assessment and Intervention South",
    "Assessment and Intervention Central",
]
SOCIAL_WORKERS_PER_TEAM = 6

# The demo logins, one per role: (username, first, last, role, team index or None, job title).
DEMO_LOGINS = [
    ("sw", "Sam", "Okafor", Role.SOCIAL_WORKER, 0, "Social worker"),
    ("tm", "Tariq", "Mensah", Role.TEAM_MANAGER, 0, "Team manager"),
    ("mash", "Morgan", "Ellery", Role.MASH_SCREENER, "MASH", "MASH screener"),
    ("sm", "Sasha", "Pemberton", Role.SERVICE_MANAGER, None, "Head of service"),
    ("iro", "Indira", "Rowe", Role.IRO, None, "Independent reviewing officer"),
    ("perf", "Priya", "Fairclough", Role.PERFORMANCE_OFFICER, None, "Performance officer"),
    ("director", "Dana", "Whitlock", Role.DIRECTOR, None, "Director of children's services"),
    ("councillor", "Cllr Chris", "Ashdown", Role.COUNCILLOR, None, "Corporate Parenting Panel member"),
]

# Screening decisions and how often the MASH makes them (about a quarter become referrals).
DECISION_WEIGHTS = [
    (ScreeningDecision.NO_FURTHER_ACTION, 33),
    (ScreeningDecision.ADVICE, 20),
    (ScreeningDecision.EARLY_HELP, 22),
    (ScreeningDecision.REFERRAL, 22),
    (ScreeningDecision.STRATEGY_DISCUSSION, 3),
]
SOURCE_WEIGHTS = {
    "2A": 20,
    "6": 22,
    "3A": 6,
    "3B": 5,
    "3E": 6,
    "3F": 5,
    "1A": 9,
    "1C": 2,
    "5A": 4,
    "5D": 6,
    "4": 3,
    "8": 5,
    "9": 3,
    "7": 2,
    "2B": 2,
}
DEMO_BENCHMARKS = Path(__file__).resolve().parents[1] / "performance" / "data" / "demo-benchmarks.csv"
# The demo council's targets (indicator, target, tolerance), echoing the seeds' aims.
DEMO_TARGETS = [
    ("F01", "95", "5"),
    ("A01", "98", "5"),
    ("A02", "88", "5"),
    ("A03", "0", "10"),
    ("R03", "20", "3"),
    ("F04", "90", "5"),
    # The Corporate Parenting Panel's measures (the panel reads each against its target)
    ("L02", "95", "5"),
    ("L03", "95", "5"),
    ("L04", "95", "5"),
    ("L05", "90", "5"),
    ("L06", "10", "2"),
    ("L07", "70", "5"),
    ("L08", "15", "5"),
    ("L10", "90", "5"),
    ("L11", "90", "5"),
    ("L12", "90", "5"),
    ("L13", "85", "5"),
    ("C01", "95", "5"),
    ("C04", "55", "5"),
]
PRIMARY_NEED_WEIGHTS = {"N1": 50, "N2": 5, "N3": 6, "N4": 12, "N5": 15, "N6": 4, "N7": 1, "N8": 4, "N9": 3}
CONSENT_WEIGHTS = {"GIVEN": 60, "NOT_SOUGHT": 15, "REFUSED": 10, "NOT_YET": 15}
PARTNER_ANSWERS = {
    "POLICE": "Two domestic incidents attended at the address in the last year; no arrests",
    "HEALTH": "Registered with the GP; immunisations up to date; missed two health visitor appointments",
    "EDUCATION": "Attendance 86% this term; school has raised concerns about lateness",
}
REASONS = {
    ScreeningDecision.NO_FURTHER_ACTION: "Information shared with the family's GP; no role for children's social care.",
    ScreeningDecision.ADVICE: "Advice given to the referrer about support in the community.",
    ScreeningDecision.EARLY_HELP: "Needs can be met by the early help offer with the family's consent.",
    ScreeningDecision.REFERRAL: "Threshold for assessment met: the child may be a child in need.",
    ScreeningDecision.STRATEGY_DISCUSSION: "Reasonable cause to suspect significant harm: strategy discussion today.",
}


@dataclass
class Simulation:
    seed: int
    today: datetime.date
    months: int = 15
    contacts_per_month: int = 145
    # The cohorts, staff and register (hearth/simulate/sizes.py); months and contacts are the two
    # fields above, which a size sets through the command (`simulate --size`).
    size: CouncilSize = SMALL
    # Write the children's records, the MASH's work on contacts (recording, rating, partner checks,
    # the decision), the casework after a referral (allocation, the assessment, visits, child in need
    # reviews, core groups), case notes and alerts, identifiers and families in bulk rather than through
    # the services one call at a time: the same rows, faster to build (hearth/simulate/*_writes.py).
    # Plans' starts, strategy discussions, conferences, closures, the start, moves and end of care and
    # the rest use the services; the duties to looked-after children and care leavers are in bulk too.
    bulk: bool = False
    # Where the generator is in the simulated months, for the audit rows' times; made with the
    # simulation, so that a part run on its own (as tests run care or people alone) has it too.
    recording: RecordingTimes = field(default_factory=RecordingTimes)
    # The demo's IRO's first appointments so far, across every part that appoints IROs (care.py).
    demo_iro_first_appointments: int = field(default=0, init=False, repr=False)

    def run(self, progress=lambda done, total: None) -> dict:
        # Each audit row stamped with the moment its fact was recorded in the simulated months, not
        # the moment the council is built (hearth/simulate/recorded_at.py).
        with simulated_recording_times(self.recording):
            return self._run(progress)

    def _run(self, progress) -> dict:
        self.random = random.Random(self.seed)
        self.faker = Faker("en_GB")
        self.faker.seed_instance(self.seed)
        self.calendar = current_calendar()
        self.users = self._staff()
        self.front_door = writer(self.bulk)
        self.casework = casework_writer(self.bulk)
        contacts = self._contact_times()
        children = []
        counts = {"contacts": 0, "referrals": 0, "assessments started": 0, "assessments authorised": 0}
        for number, received_at in enumerate(contacts, start=1):
            self.recording.scene = received_at - datetime.timedelta(minutes=2)  # the record, then the contact
            child = self._child_for_contact(children, received_at)
            self.recording.scene = None
            self._contact(child, received_at, counts)
            progress(number, len(contacts))
        self.front_door.flush()  # the contacts since the last case opened
        counts["children"] = len(children)
        refresh_planner_statistics()
        # The register of placement providers the looked-after children are placed with (care app).
        counts |= register_for(self).counts()
        # Looked-after children and care leavers, with histories reaching back years (care app).
        counts |= CareSimulation(self).run()
        refresh_planner_statistics()
        # Two children adopted in the last complete year and two awaiting a match (permanence): added
        # with the rest of care, so that their characteristics are recorded too (903 rules 103, 442).
        awaiting_match = simulate_children_for_adoption(self, counts)
        # The case record: notes, alerts (issue 4, records).
        counts.update(simulate_records(self))
        refresh_planner_statistics()

        # Family, identifiers, documents (issue 4, people/documents).
        counts |= PeopleSimulation(self.seed, self.today, self.users, bulk=self.bulk, recording=self.recording).run(
            children
        )
        # Characteristics: ethnicity, UPN or why not, disabilities, UASC, young mothers (people).
        simulate_characteristics(self, counts)
        # OC2 facts for looked-after children: SDQs, immunisations, convictions, substance misuse (duties).
        counts |= simulate_oc2(self)
        # Personal education plans and the health plans from health assessments (duties).
        counts |= simulate_plans(self)
        # The IROs' quality checklists on looked-after reviews, and concerns raised from them (duties).
        counts |= simulate_review_challenge(self)
        # Missing and away from placement, and return home interviews (missing).
        counts |= simulate_missing(self)
        # Permanence: previous permanence for every child who started care, adoption decisions,
        # matches and reversals (permanence). After every part that starts periods of care.
        simulate_permanence(self, counts, awaiting_match)
        # The plans for permanence of the children looked after today, and changes (permanence; own RNG).
        counts |= simulate_permanence_plans(self)
        # Foster carer and adopter households approved, their status, staying put (fostering; own RNG).
        counts |= simulate_fostering(self)

        counts["dip-sample reviews"] = self._dip_samples()
        counts |= simulate_case_audits(self)  # case audits and their actions (quality)
        # Looked-after children's changes of social worker, with their reasons (the 903's SWEpisodes).
        counts |= simulate_changes_of_social_worker(self)
        # A few looked-after children's cases moved to another team, keeping their worker (workforce).
        counts |= simulate_case_transfers(self)
        # A few teenagers in children's homes under a deprivation of liberty order (the 903's DoLo).
        counts |= simulate_deprivation_of_liberty_orders(self)
        # Former relevant young people who asked for support to 25, seen on after 21 (leavers; own RNG).
        counts |= simulate_support_to_25(self)
        # A few unborn children referred before birth, and rarely a former UPN (the census's identifiers):
        # last, on draws of their own, so the rest of the council is the same without them.
        counts |= simulate_census_identifiers(self)
        # Employment facts and the last 12 weeks' caseload snapshots (workforce), after every allocation.
        counts |= simulate_workforce(self)
        counts |= simulate_supervision(self)  # workers' and children's supervision, mostly on time
        counts["targets and benchmarks"] = self._targets_and_benchmarks()
        counts |= simulate_clinics(self)  # performance clinics on W05, W06 and A01, after the targets
        counts["months published"] = self._publish_recent_months()
        # Contacts received overnight and this morning, waiting on the MASH board: last, on draws of
        # their own, after the months are published (they are today's).
        counts |= simulate_this_morning(self)
        # Initial conferences booked for the coming weeks, chaired by the demo's IRO: after the
        # morning's contacts, on draws of their own (hearth/simulate/coming_weeks.py).
        counts |= simulate_conferences_booked(self)
        counts |= simulate_reviews_booked(self)  # and a few review conferences, on draws of their own
        return counts

    def _targets_and_benchmarks(self) -> int:
        """The performance team's targets for this year and last, and the synthetic benchmark file."""
        officer = self.users["perf"]
        this_year = collection_years.year_start_of(self.today).year
        set_count = 0
        for year in (this_year - 1, this_year):
            for indicator_id, target, tolerance in DEMO_TARGETS:
                target_set(
                    actor=officer,
                    indicator_id=indicator_id,
                    year=year,
                    target=Decimal(target),
                    tolerance=Decimal(tolerance),
                )
                set_count += 1
        return set_count + benchmarks_load(actor=officer, text=DEMO_BENCHMARKS.read_text())

    def _publish_recent_months(self, months: int = 6) -> int:
        """The performance team has published each of the last few months, as it does every month,
        so the demo's monthly report has a trend drawn from published figures."""
        this_month = self.today.replace(day=1)
        published = 0
        for back in range(months, 0, -1):
            month = add_months(this_month, -back)
            if month >= self.first_day:
                snapshot_publish(actor=self.users["perf"], month=month)
                published += 1
        return published

    # Quality assurance -------------------------------------------------------------------------
    def _dip_samples(self, months: int = 6, size: int = 10) -> int:
        """The last few months' NFA dip samples, reviewed by the performance officer."""
        reviewer, screener = self.users["perf"], self.users["mash"]
        this_month = self.today.replace(day=1)
        reviews = 0
        for back in range(months, 0, -1):
            month = add_months(this_month, -back)
            if month < self.first_day:
                continue
            sample = dip_sample_draw(actor=reviewer, month=month, size=size, reviewer=reviewer)
            for item in sample.items.all():
                disagree = self.random.random() < 0.12
                dip_sample_review(
                    actor=reviewer,
                    item_id=item.pk,
                    verdict="DISAGREE" if disagree else "AGREE",
                    reason=(
                        "Repeated concerns from school: the threshold for early help was met"
                        if disagree
                        else "Proportionate decision; information shared with the referrer"
                    ),
                    action_description="Re-screen the contact with the school's latest information" if disagree else "",
                    action_owner=screener if disagree else None,
                    action_due_on=self.today + datetime.timedelta(days=14) if disagree else None,
                )
                if disagree and self.random.random() < 0.6:
                    dip_sample_action_complete(
                        actor=screener,
                        action_id=item.action.pk,
                        completed_on=self.today,
                        note="Re-screened; referred to early help with consent",
                    )
                reviews += 1
        return reviews

    # Staff -------------------------------------------------------------------------------------
    def _staff(self) -> dict:
        admin = None  # the system itself sets up the demo council
        self._registrations = 0
        mash = team_create(actor=admin, name="MASH", takes_referrals=False)
        teams = [team_create(actor=admin, name=name, takes_referrals=True) for name in self._team_names()]
        users = {"teams": teams, "managers": {}, "workers": {team.pk: [] for team in teams}}
        for username, first, last, role, team_index, title in DEMO_LOGINS:
            user = user_create(
                actor=admin,
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
                password=DEMO_PASSWORD,
                role=role,
            )
            if team_index is not None:
                team = mash if team_index == "MASH" else teams[team_index]
                worker = worker_create(
                    actor=admin,
                    user=user,
                    team=team,
                    job_title=title,
                    holds_cases=role is Role.SOCIAL_WORKER,
                    manages_team=role is Role.TEAM_MANAGER,
                    registration_number=self._registration_number(role),
                )
                if role is Role.SOCIAL_WORKER:
                    users["workers"][team.pk].append(worker)
                if role is Role.TEAM_MANAGER:
                    users["managers"][team.pk] = user
            users[username] = user
        for index, team in enumerate(teams):
            if team.pk not in users["managers"]:
                manager = self._worker(team, Role.TEAM_MANAGER, f"tm{index + 1}", "Team manager", holds_cases=False)
                users["managers"][team.pk] = manager.user
            while len(users["workers"][team.pk]) < SOCIAL_WORKERS_PER_TEAM:
                n = len(users["workers"][team.pk]) + 1
                users["workers"][team.pk].append(
                    self._worker(team, Role.SOCIAL_WORKER, f"sw{index + 1}{n}", "Social worker")
                )
        # The head of service is the demo's keeper of sealed adoption records (an administrator's
        # grant, as in /admin/), so that the demo can show opening one with a reason.
        users["sm"].user_permissions.add(
            Permission.objects.get(content_type__app_label="people", codename="open_sealed_adoption_records")
        )
        users["screeners"] = [users["mash"]] + [
            self._worker(mash, Role.MASH_SCREENER, f"mash{n}", "MASH screener", holds_cases=False).user for n in (2, 3)
        ]
        for n in range(2, self.size.iros + 1):  # the demo's `iro` is the first (protection adds its chairs)
            self._user(Role.IRO, f"care-iro{n}")
        return users

    def _team_names(self) -> list[str]:
        extra = [f"Assessment and Intervention {n}" for n in range(len(CASE_TEAMS) + 1, self.size.case_teams + 1)]
        return CASE_TEAMS[: self.size.case_teams] + extra

    def _user(self, role, username):
        """One of the council's other staff (the demo logins apart): every one signs in with the
        demo password, hashed once for all of them (hundreds on the larger sizes)."""
        if getattr(self, "_hashed_password", None) is None:
            self._hashed_password = make_password(DEMO_PASSWORD)
        return user_create(
            actor=None,
            username=username,
            first_name=self.faker.first_name(),
            last_name=self.faker.last_name(),
            email=f"{username}@example.org",
            password=self._hashed_password,
            password_already_hashed=True,
            role=role,
        )

    def _worker(self, team, role, username, title, holds_cases=True):
        user = self._user(role, username)
        return worker_create(
            actor=None,
            user=user,
            team=team,
            job_title=title,
            holds_cases=holds_cases,
            manages_team=role is Role.TEAM_MANAGER,
            registration_number=self._registration_number(role),
        )

    def _registration_number(self, role) -> str:
        """A synthetic Social Work England number for the qualified social workers (the 903's SW_ID),
        counted from SW900001 so that a seed's council always gives the same worker the same one."""
        if role not in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER):
            return ""
        self._registrations += 1
        return f"SW{900000 + self._registrations}"

    # Contacts ----------------------------------------------------------------------------------
    @property
    def first_day(self) -> datetime.date:
        return self.today - datetime.timedelta(days=int(self.months * 30.4))

    def _contact_times(self) -> list[datetime.datetime]:
        first_day = self.first_day
        days = (self.today - first_day).days
        total = self.months * self.contacts_per_month
        now = timezone.now()
        times = []
        while len(times) < total:
            day = first_day + datetime.timedelta(days=self.random.randrange(days))
            weekend = day.weekday() >= 5
            if weekend and self.random.random() < 0.7:
                continue  # fewer contacts arrive at weekends
            hour = self.random.choice(range(0, 24)) if self.random.random() < 0.15 else self.random.randint(8, 17)
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, self.random.randrange(60))))
            if moment < now - datetime.timedelta(hours=2):
                times.append(moment)
        return sorted(times)

    def _child_for_contact(self, children, received_at):
        if children and self.random.random() < 0.3:
            return self.random.choice(children)
        age_days = self.random.randint(30, 17 * 365)
        born = received_at.date() - datetime.timedelta(days=age_days)
        sex = self.random.choice([Sex.FEMALE, Sex.MALE])
        first = self.faker.first_name_female() if sex == Sex.FEMALE else self.faker.first_name_male()
        last = self.faker.last_name()
        postcode = self._postcode()
        child = self.front_door.new_child(
            actor=self.users["mash"], first_name=first, last_name=last, date_of_birth=born, sex=sex, postcode=postcode
        )
        if child is None:
            # As a screener would: the record that may be this child is used, not duplicated.
            return possible_matches(first_name=first, last_name=last, date_of_birth=born, postcode=postcode)[0].child
        children.append(child)
        return child

    def _postcode(self) -> str:
        """A postcode-shaped synthetic address for most children (unknown for some, as in life)."""
        postcode = postcode_normalise(self.faker.postcode())
        return postcode if self.random.random() < 0.85 and postcode_is_valid(postcode) else ""

    def _contact(self, child, received_at, counts) -> None:
        screener = self.random.choice(self.users["screeners"])
        source = self.random.choices(list(SOURCE_WEIGHTS), weights=list(SOURCE_WEIGHTS.values()))[0]
        assert source in dict(REFERRAL_SOURCES)
        contact = self.front_door.record(
            actor=screener,
            child=child,
            received_at=received_at,
            source_code=source,
            contact_person=f"{self.faker.name()}, {self._role_for_source(source)}",
            account=self.faker.paragraph(nb_sentences=4),
            consent=self._weighted(CONSENT_WEIGHTS),
        )
        counts["contacts"] += 1
        decided_at = self._in_working_hours(received_at + self._screening_delay(received_at))
        recent = received_at > timezone.now() - datetime.timedelta(days=2)
        if decided_at > timezone.now() or (recent and self.random.random() < 0.5):
            return  # still in the MASH queue
        decision = self.random.choices([d for d, _ in DECISION_WEIGHTS], weights=[w for _, w in DECISION_WEIGHTS])[0]
        # Open now, or closed after this contact came in: its information goes to that case (the
        # front door refuses a case that would overlap another).
        received_on = timezone.localtime(received_at).date()
        has_open_case = child.referrals.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=received_on)).exists()
        if decision in DECISIONS_OPENING_A_CASE and has_open_case:
            decision = ScreeningDecision.ADVICE  # information passed to the allocated worker
        team = self.random.choice(self.users["teams"])
        self._screen_with_checks(contact, screener, decided_at)
        opens_case = decision in DECISIONS_OPENING_A_CASE
        cse_concern = self._is_adolescent(child, received_at) and self.random.random() < 0.08
        referral = self.front_door.screen(
            actor=screener,
            contact=contact,
            decision=decision,
            decided_at=decided_at,
            reason=REASONS[decision],
            team_id=team.pk if opens_case else None,
            primary_need=self._weighted(PRIMARY_NEED_WEIGHTS) if opens_case else "",
            cse_concern=cse_concern,
            cse_team_referral=cse_concern and self.random.random() < 0.6,
        )
        if referral is not None:
            counts["referrals"] += 1
            self._work_the_case(referral, team, counts)
            self.casework.flush()  # the case's rows still held, before the next contact's

    def _screen_with_checks(self, contact, screener, decided_at) -> None:
        """Rate the contact's urgency and ask partners what they know, as a screener does first."""
        received_at = contact.received_at
        self.front_door.rate(
            actor=screener, contact=contact, urgency=self._weighted({"RED": 10, "AMBER": 35, "GREEN": 55})
        )
        for agency in self.random.sample(["POLICE", "HEALTH", "EDUCATION"], k=self.random.choice([0, 1, 2, 2, 3])):
            asked_at = received_at + (decided_at - received_at) * self.random.uniform(0.05, 0.3)
            check = self.front_door.request_check(actor=screener, contact=contact, agency=agency, asked_at=asked_at)
            answered_at = asked_at + (decided_at - asked_at) * self.random.uniform(0.2, 0.9)
            self.front_door.answer_check(
                actor=screener,
                check=check,
                answered_at=answered_at,
                answer=f"{PARTNER_ANSWERS[agency]} (supplied by the {agency.lower()} MASH officer)",
            )

    def _weighted(self, weights: dict) -> str:
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    @staticmethod
    def _is_adolescent(child, when) -> bool:
        return child.date_of_birth is not None and (when.date() - child.date_of_birth).days >= 11 * 365

    def _screening_delay(self, received_at) -> datetime.timedelta:
        """Most contacts are screened within hours; weekends and busy weeks make some late."""
        if received_at.weekday() >= 5 or self.random.random() < 0.08:
            return datetime.timedelta(hours=self.random.uniform(20, 70))
        return datetime.timedelta(minutes=self.random.randint(20, 22 * 60))

    def _in_working_hours(self, moment: datetime.datetime) -> datetime.datetime:
        """A screening decision is made by the MASH's screeners in their working day (9 to 5 on a
        working day; out of hours the emergency duty team acts and the MASH decides next morning):
        a moment outside it moves to the start of the next working day, keeping its minutes past
        the hour as the order the morning's decisions are made in."""
        local = timezone.localtime(moment)
        day, opens, closes = local.date(), datetime.time(9), datetime.time(17)
        if self.calendar.is_working_day(day) and opens <= local.time() < closes:
            return moment
        if local.time() >= closes or not self.calendar.is_working_day(day):
            day += datetime.timedelta(days=1)
        while not self.calendar.is_working_day(day):
            day += datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, local.minute)))

    @staticmethod
    def _role_for_source(source: str) -> str:
        return {
            "2A": "designated safeguarding lead",
            "6": "police officer",
            "3A": "GP",
            "3B": "health visitor",
            "3E": "emergency department nurse",
            "1A": "relative",
            "9": "anonymous caller",
        }.get(source, "professional")

    # Cases -------------------------------------------------------------------------------------
    def _work_the_case(self, referral, team, counts) -> None:
        manager = self.users["managers"][team.pk]
        today = self.today
        allocated_on = self.calendar.add_working_days(referral.referral_date, self.random.choice([0, 1, 1, 2, 3, 5]))
        if allocated_on > today or self.random.random() < 0.03:
            return  # waiting for allocation
        worker = self._choose_worker(team)
        self.casework.allocate(actor=manager, referral=referral, worker=worker, started_on=allocated_on)
        started_on = self.calendar.add_working_days(allocated_on, self.random.choice([0, 0, 1, 2, 4]))
        if started_on > today:
            return
        assessment = self.casework.start_assessment(
            actor=worker.user, referral=referral, worker=worker, started_on=started_on
        )
        counts["assessments started"] += 1
        working_days = self._assessment_length()
        authorised_on = self.calendar.add_working_days(started_on, working_days)
        adolescent = self._is_adolescent(referral.child, timezone.localtime(referral.contact.received_at))
        # The worker's recording, submission and the manager's authorisation (hearth/simulate/assessment.py).
        steps = {
            "assessment": assessment,
            "referral": referral,
            "worker": worker,
            "manager": manager,
            "working_days": working_days,
            "authorised_on": authorised_on,
            "adolescent": adolescent,
        }
        if authorised_on > today:
            work_the_assessment(self, outcome=None, **steps)
            return
        outcome = self.random.choices(list(AssessmentOutcome.values), weights=[20, 25, 45, 10])[0]
        work_the_assessment(self, outcome=outcome, **steps)
        counts["assessments authorised"] += 1
        # What follows reads the case's allocation and assessment, through the services.
        self.casework.flush()
        # After the assessment: child protection work follows a strategy outcome (issue 6, protection).
        from hearth.simulate.protection import ProtectionSimulation

        if getattr(self, "protection", None) is None:
            self.protection = ProtectionSimulation(self)  # sets the population setting once, too
        self.protection.after_assessment(referral, team, assessment, outcome, counts)

        # After the assessment: a children in need plan, its reviews and visits follow (issue 6, cin/visits).
        if outcome == AssessmentOutcome.CIN_PLAN:
            simulate_children_in_need(
                self, referral=referral, worker=worker, manager=manager, authorised_on=authorised_on, counts=counts
            )

        closure = {"NFA": "RC8", "EARLY_HELP": "RC9"}.get(outcome)
        closed_on = self.calendar.add_working_days(authorised_on, self.random.randint(1, 10))
        if closure and closed_on <= today:
            self.casework.flush()
            case_close(actor=manager, referral_id=referral.pk, closed_on=closed_on, reason=closure)
            counts["cases closed"] = counts.get("cases closed", 0) + 1

    def _choose_worker(self, team):
        # Uneven caseloads, as in life: the first workers in a team take more.
        workers = self.users["workers"][team.pk]
        return self.random.choices(workers, weights=[len(workers) - i + 2 for i in range(len(workers))])[0]

    def _assessment_length(self) -> int:
        """Working days from start to authorisation: most inside 35, some between 35 and 45, a few late."""
        roll = self.random.random()
        if roll < 0.78:
            return self.random.randint(8, 35)
        if roll < 0.92:
            return self.random.randint(36, 45)
        return self.random.randint(46, 80)


def refresh_planner_statistics() -> None:
    """Give PostgreSQL's planner statistics on the tables filled so far, inside the build's one
    transaction.

    Without them it guesses a handful of rows in each table for the rest of the build (autovacuum
    cannot see rows not yet committed), and on the large council "a child's first contact" walked
    the whole received_at index for every child: the families part stalled for over 24 minutes.
    ANALYZE in a transaction samples that transaction's own rows. It changes plans, never data, and
    SQLite has no such problem at these sizes, so it is left alone there.

    Hearth's own tables only, named: a bare ANALYZE also takes the cluster's shared catalogs
    (pg_database, pg_authid), and holding those to the end of a build's transaction blocked every
    other database's ANALYZE on the server (other builds, the tests' councils) until it ended.
    """
    if connection.vendor == "postgresql":
        analyze_hearth_tables()


def analyze_hearth_tables() -> None:
    """ANALYZE Hearth's own tables, named (see refresh_planner_statistics: never the shared catalogs,
    which a test's or a build's transaction would hold against every other database's ANALYZE)."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("ANALYZE")  # SQLite: one file, one council, nothing shared
            return
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in sorted(tables)))
