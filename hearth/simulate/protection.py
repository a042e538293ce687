"""The synthetic council's child protection work, written through the protection services.

After an assessment concluding "strategy discussion" (about 1 in 10), or a contact the MASH sent
straight to a strategy discussion: the discussion (police, health, often education), most deciding
on a section 47 enquiry; about two in three enquiries lead to an initial conference, most within 15
working days and some late; about 4 in 5 conferences decide a plan, neglect the commonest category
then emotional abuse (DfE's national pattern, and the seeds); then core groups at the local
frequency, review conferences at 3 and 6 months, some plans ended, a few second plans on the same
case, the chair's quality checklist, and a few concerns taken through the escalation procedure.
Children on a plan are visited about every 10 working days (T09), mostly on time. Some children on a
child in need plan come here when concerns grow; their conference's plan ends the CIN plan.
With `Simulation(bulk=True)` the core groups and visits are written in bulk (`sim.casework`,
hearth/simulate/casework_writes.py), flushed before the next step written through the services.
"""

import datetime

from django.core.exceptions import ValidationError

from hearth.assessment.models import AssessmentOutcome
from hearth.calendar.workingdays import add_months
from hearth.core import collection_years
from hearth.core.roles import Role
from hearth.frontdoor.models import Contact, ScreeningDecision
from hearth.performance.services import population_set
from hearth.protection import services
from hearth.protection.checklist import questions
from hearth.protection.models import ConferenceDecision, Section47Outcome, StepOutcome, StrategyDecision
from hearth.simulate.cin import NOT_POSSIBLE, visit_write_up_args
from hearth.simulate.voices import CONFERENCE_VIEWS, worded
from hearth.simulate.write_ups import band_of, conference_reasons
from hearth.workforce.services import user_create

# DfE children in need statistics: neglect about half of plans, emotional abuse most of the rest.
CATEGORY_WEIGHTS = {"NEG": 48, "EMO": 36, "PHY": 8, "SAB": 5, "MUL": 3}
EXTRA_CHAIRS = [("iro2", "Independent reviewing officer"), ("iro3", "Child protection chair")]
POPULATION = 6400  # children aged 0-17 in the fictional borough (sized to its contacts)
CONCERNS = [
    "Agency reports were not shared with the family 24 hours before the conference",
    "The social work report gave no analysis of risk",
    "Core group actions have not been completed since the last review",
    "The child's views were not sought before the conference",
]


class ProtectionSimulation:
    def __init__(self, sim):
        self.sim = sim
        self.random = sim.random
        self.calendar = sim.calendar
        self.today = sim.today
        self.chairs = None
        self.population()

    # Set-up ----------------------------------------------------------------------------------
    def _chairs(self) -> list:
        if self.chairs is None:
            self.chairs = [self.sim.users["iro"]] + [
                user_create(
                    actor=None,
                    username=username,
                    first_name=self.sim.faker.first_name(),
                    last_name=self.sim.faker.last_name(),
                    email=f"{username}@example.org",
                    password="hearth-demo",  # noqa: S106 (the synthetic demo council only)
                    role=Role.IRO,
                )
                for username, _ in EXTRA_CHAIRS
            ]
        return self.chairs

    def population(self) -> int:
        """The performance team's population setting for this year and last (synthetic)."""
        this_year = collection_years.year_start_of(self.today).year
        for year in (this_year - 1, this_year):
            population_set(
                actor=self.sim.users["perf"],
                year=year,
                children=POPULATION + (year - this_year) * 40,
                source=f"Synthetic mid-{year - 1} estimate for the demo council",
            )
        return 2

    # The journey -----------------------------------------------------------------------------
    def after_assessment(self, referral, team, assessment, outcome: str, counts: dict) -> None:
        if outcome == AssessmentOutcome.STRATEGY_DISCUSSION:
            assessment.refresh_from_db(fields=["authorised_on"])
            start = self._wd(assessment.authorised_on, self.random.choice([0, 0, 1, 2]))
        elif self._mash_decision(referral) == ScreeningDecision.STRATEGY_DISCUSSION and outcome not in (
            AssessmentOutcome.NO_FURTHER_ACTION,
            AssessmentOutcome.EARLY_HELP,
        ):
            start = self._wd(referral.referral_date, self.random.choice([0, 0, 1]))  # straight from the MASH
        else:
            return
        self._strategy_to_plan(referral, team, start, counts)

    def _strategy_to_plan(self, referral, team, start: datetime.date, counts: dict, returning=False) -> None:
        """returning: concerns back after a plan ended, so an enquiry, conference and plan are likelier."""
        if start > self.today:
            return
        self.sim.casework.flush()  # the case's allocation and the rows before this, read by the services
        worker = self._worker(referral)
        s47 = returning or self.random.random() < 0.85
        police, health, education = (self.random.random() < p for p in (0.92, 0.8, 0.6))
        discussion = services.strategy_discussion_record(
            actor=worker,
            referral_id=referral.pk,
            held_on=start,
            police=police or not (health or education),  # police take part in nearly every one
            health=health,
            social_care=True,
            education=education,
            other_agencies="",
            participants=f"{worker.get_full_name()} (social worker); DC {self.sim.faker.last_name()} (police); "
            f"{self.sim.faker.name()} (named nurse)",
            decision=StrategyDecision.SECTION_47 if s47 else StrategyDecision.NO_SECTION_47,
            reasons="Reasonable cause to suspect significant harm: single-agency enquiry agreed"
            if s47
            else "Threshold for s47 not met: continue as a child in need",
        )
        counts["strategy discussions"] = counts.get("strategy discussions", 0) + 1
        if not s47:
            return
        enquiry = discussion.section47
        needs_icpc = self.random.random() < (0.9 if returning else 0.65)
        icpc_on = self._wd(
            start, self.random.randint(8, 15) if self.random.random() < 0.8 else self.random.randint(16, 25)
        )
        outcome_on = min(self._wd(start, self.random.randint(4, 10)), icpc_on)
        if outcome_on > self.today:
            return
        outcome = (
            Section47Outcome.ICPC
            if needs_icpc
            else self._weighted({Section47Outcome.NOT_SUBSTANTIATED: 60, Section47Outcome.NOT_REQUIRED: 40})
        )
        services.section47_conclude(actor=worker, enquiry_id=enquiry.pk, outcome=outcome, outcome_on=outcome_on)
        if not needs_icpc:
            return
        chair = self.random.choice(self._chairs())
        conference = services.conference_book_initial(
            actor=worker, enquiry_id=enquiry.pk, booked_for=icpc_on, chair=chair
        )
        if icpc_on > self.today:
            return
        plan_decided = self.random.random() < (0.9 if returning else 0.82)
        category = self._weighted(CATEGORY_WEIGHTS)
        try:
            services.conference_hold_initial(
                actor=chair,
                conference_id=conference.pk,
                held_on=icpc_on,
                attendance="Parents, social worker, school, health visitor or school nurse, police",
                child_views=self._child_views(referral.child, icpc_on),
                decision=ConferenceDecision.PLAN if plan_decided else ConferenceDecision.NO_PLAN,
                category=category if plan_decided else "",
                decision_reasons=conference_reasons(
                    ConferenceDecision.PLAN if plan_decided else ConferenceDecision.NO_PLAN, category
                ),
            )
        except ValidationError:
            return  # e.g. the child is already on a plan from an earlier case: the chair records it there
        counts["initial conferences"] = counts.get("initial conferences", 0) + 1
        self._chair_follows_up(conference, chair, icpc_on)
        if plan_decided:
            conference.refresh_from_db()
            counts["child protection plans"] = counts.get("child protection plans", 0) + 1
            self._plan(conference.plan_started, referral, team, worker, counts)

    def _plan(self, plan, referral, team, worker, counts: dict) -> None:
        """Reviews at about 3 then 6 months (most on time), core groups in between, some plans ended."""
        t07_due, review_dates, ended_on = add_months(plan.started_on, 3), [], None
        due = t07_due
        while True:
            late = self.random.random() < 0.15
            held = (
                due + datetime.timedelta(days=self.random.randint(1, 20))
                if late
                else due - datetime.timedelta(days=self.random.randint(0, 14))
            )
            while not self.calendar.is_working_day(held):  # conferences sit in the working week
                held += datetime.timedelta(days=1 if late else -1)
            if held > self.today:
                break
            ends = self.random.random() < (0.3 if not review_dates else 0.5)
            review_dates.append((held, ends))
            if ends:
                ended_on = held
                break
            due = add_months(held, 6)
        self._core_groups(plan, worker, review_dates, ended_on)
        self._visits(plan, referral, ended_on, counts)
        self.sim.casework.flush()  # the review conferences go through the services
        for held, ends in review_dates:
            category = (
                ""
                if ends
                else (self._weighted(CATEGORY_WEIGHTS) if self.random.random() < 0.1 else plan.latest_category)
            )
            chair = self.random.choice(self._chairs())
            review = services.review_conference_record(
                actor=chair,
                plan_id=plan.pk,
                held_on=held,
                chair=chair,
                attendance="Parents, social worker, school, health",
                child_views=self._child_views(plan.child, held),
                decision=ConferenceDecision.END if ends else ConferenceDecision.CONTINUE,
                category=category,
                decision_reasons=conference_reasons(
                    ConferenceDecision.END if ends else ConferenceDecision.CONTINUE, category or plan.latest_category
                ),
            )
            plan.refresh_from_db()
            self._chair_follows_up(review, chair, held)
        if ended_on is not None:
            counts["plans ended"] = counts.get("plans ended", 0) + 1
            if self.random.random() < 0.4:
                # Concerns return on the same case: a second plan for a few children.
                self._strategy_to_plan(
                    referral,
                    team,
                    ended_on + datetime.timedelta(days=self.random.randint(20, 90)),
                    counts,
                    returning=True,
                )

    def escalate_from_child_in_need(self, referral, start: datetime.date, counts: dict) -> None:
        """Concerns about a child on a child in need plan reach the threshold for a strategy discussion."""
        self._strategy_to_plan(referral, referral.team, start, counts, returning=True)

    def _visits(self, plan, referral, ended_on, counts: dict) -> None:
        """Statutory visits about every 10 working days (T09) from the plan's start to its end: most
        in time, some late; older children often seen alone; a few not possible, with the reason."""
        allocation = referral.allocations.filter(ended_on__isnull=True).select_related("worker__user").first()
        if allocation is None:
            return
        visitor, child = allocation.worker, plan.child
        until = min(ended_on or self.today, self.today)
        last_seen = earliest = plan.started_on
        while True:
            gap = self.random.randint(5, 10) if self.random.random() < 0.88 else self.random.randint(11, 16)
            day = max(self._wd(last_seen, gap), earliest)
            if day > until:
                return
            roll = self.random.random()
            if roll < 0.04:
                reason = self._weighted(NOT_POSSIBLE)
                self._visit(referral, visitor, day, happened=False, reason=reason)
                counts["visits not possible"] = counts.get("visits not possible", 0) + 1
                earliest = self._wd(day, self.random.randint(1, 3))
                continue
            age = (day - child.date_of_birth).days // 365 if child.date_of_birth else 10
            alone_chance = 0.8 if age >= 8 else (0.35 if age >= 4 else 0)
            self._visit(referral, visitor, day, happened=True, seen=True, alone=self.random.random() < alone_chance)
            counts["CP visits"] = counts.get("CP visits", 0) + 1
            last_seen = earliest = day

    def _visit(self, referral, visitor, day, *, happened, seen=False, alone=False, reason="") -> None:
        self.sim.casework.visit(
            actor=visitor.user,
            referral_id=referral.pk,
            child=referral.child,
            visited_on=day,
            visitor=visitor,
            happened=happened,
            seen=seen if happened else None,
            seen_alone=alone if happened and seen else None,
            not_possible_reason=reason,
            not_possible_detail="Family away at a funeral; not told in advance" if reason == "OTHER" else "",
            **visit_write_up_args(self.sim, referral.child, day, happened=happened, seen=seen),
        )

    def _core_groups(self, plan, worker, review_dates, ended_on) -> None:
        first = self._wd(
            plan.started_on, self.random.randint(4, 10) if self.random.random() < 0.85 else self.random.randint(11, 16)
        )
        last_day = min(ended_on or self.today, self.today)
        day = first
        reviews = {held for held, _ in review_dates}
        while day <= last_day:
            if day not in reviews:
                self.sim.casework.core_group(
                    actor=worker,
                    plan=plan,
                    held_on=day,
                    attendance="Parents, social worker, school, health visitor",
                    summary=self.random.choice(
                        [
                            "Actions on home conditions reviewed: progress made, school attendance improving",
                            "Parents engaging with the parenting programme; GP appointments kept",
                            "Limited progress: domestic abuse support not yet taken up; actions re-set",
                        ]
                    ),
                )
            day += datetime.timedelta(days=self.random.choice([28, 28, 28, 35, 42]))

    def _chair_follows_up(self, conference, chair, held_on) -> None:
        """The checklist for most conferences; now and then a concern through the procedure."""
        if self.random.random() < 0.9:
            services.checklist_complete(
                actor=chair,
                conference_id=conference.pk,
                answers={key: self.random.random() < 0.85 for key, _ in questions()},
            )
        if self.random.random() >= 0.08:
            return
        step = services.escalation_raise(
            actor=chair,
            conference_id=conference.pk,
            raised_on=held_on,
            concern=self.random.choice(CONCERNS),
            with_whom="Team manager holding the case",
        ).steps.get()
        people = ["Service manager", "Head of service", "Director of children's services"]
        day = held_on
        while step is not None:
            day = day + datetime.timedelta(days=self.random.randint(3, 10))
            if day > self.today:
                return
            escalate = step.stage != "STAGE_3" and self.random.random() < 0.35
            step = services.escalation_step_close(
                actor=chair,
                step_id=step.pk,
                closed_on=day,
                outcome=StepOutcome.ESCALATED if escalate else StepOutcome.RESOLVED,
                outcome_detail="No response within the agreed time" if escalate else "Agreed actions completed",
                next_with_whom=people[min(len(people) - 1, ["INFORMAL", "STAGE_1", "STAGE_2"].index(step.stage))]
                if escalate
                else "",
            )
            if not escalate:
                return

    # Helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _mash_decision(referral) -> str:
        # Read from the record: the caller's contact object predates the screening decision.
        return Contact.objects.filter(pk=referral.contact_id).values_list("decision", flat=True).get()

    def _wd(self, start: datetime.date, days: int) -> datetime.date:
        return self.calendar.add_working_days(start, days)

    def _weighted(self, weights: dict):
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    def _worker(self, referral):
        allocation = referral.allocations.filter(ended_on__isnull=True).select_related("worker__user").first()
        return allocation.worker.user

    def _child_views(self, child, day) -> str:
        """Worded for the child's sex and age (hearth/simulate/voices.py), drawn as before."""
        return worded(self.random.choice(CONFERENCE_VIEWS[band_of(child, day)]), child, day)
