"""The synthetic council's personal education plans and health plans for its looked-after children,
recorded through the services after the care histories are built.

PEPs: for a child of school age (reception to year 11), the first within 20 working days of becoming
looked after or of starting reception (most on time, some a few weeks late), then one in most school
terms (about four in five; a missed term or two leaves the PEP overdue until the next), each with an
invented school, its designated teacher and the virtual school attending, contributing or not
involved. Health plans: most health assessments done (not
refused) have their plan agreed within a fortnight; a few are never written up, as happens.

Its own random stream (seeded from the council's seed) leaves every other draw of the simulation as
it was.
"""

import datetime
import random

from django.core.exceptions import ValidationError

from hearth.calendar.workingdays import term_end
from hearth.care.models import PeriodOfCare
from hearth.duties.codes import HealthCheckKind, VirtualSchoolInvolvement
from hearth.duties.due_dates import school_age_window
from hearth.duties.models import HealthCheck
from hearth.duties.services import health_plan_record, pep_record
from hearth.workforce.models import Allocation

FIRST_PEP_ON_TIME = 0.82  # within 20 working days (about four weeks); the rest up to ten weeks
PEP_IN_A_TERM = 0.8  # the rest missed, one term or (rarely) two in a row
HEALTH_PLAN_WRITTEN = 0.92
VIRTUAL_SCHOOL = {
    VirtualSchoolInvolvement.ATTENDED: 45,
    VirtualSchoolInvolvement.CONTRIBUTED: 40,
    VirtualSchoolInvolvement.NOT_INVOLVED: 15,
}
SCHOOLS = (
    "Brightwater Primary School",
    "St Aidan's CE Primary School",
    "Larchwood Junior School",
    "Fernhill Academy",
    "Oakridge High School",
    "Heathfield Community College",
    "Riverside Pupil Referral Unit",
    "Ashdown Special School",
)
TEACHERS = ("Mrs Fernhill", "Mr Ashby", "Ms Okafor", "Mr Lindqvist", "Mrs Patel", "Ms Heron", "Mr Devlin")
TARGETS = (
    "Reading at the expected level by the end of the year; daily reading with the carers.",
    "Attendance above 95%; a mentor in school each week (pupil premium plus).",
    "Maths tuition twice a week (pupil premium plus); a quiet place for homework at the placement.",
    "Settle in the new school after the move; a key adult each morning.",
    "GCSE revision plan with the designated teacher; college open days in the spring.",
    "Education, health and care plan review brought forward; speech and language support.",
)
HEALTH_ACTIONS = (
    "Registration with a dentist near the placement within a month; eye test booked.",
    "Catch-up immunisations with the GP practice; growth reviewed at the next assessment.",
    "Referral to the emotional wellbeing service; sleep routine agreed with the carers.",
    "Asthma plan shared with school; inhaler technique checked by the practice nurse.",
    "Sexual health advice offered; smoking cessation support accepted.",
)
HEALTH_LEADS = ("Looked-after children's nurse", "Health visitor", "School nurse", "GP practice")


class PlansSimulation:
    def __init__(self, sim):
        self.sim = sim
        self.today = sim.today
        self.random = random.Random(sim.seed * 83 + 17)
        self.counts = {"personal education plans": 0, "health plans": 0}

    def run(self) -> dict:
        workers = dict(Allocation.objects.order_by("started_on", "pk").values_list("referral_id", "worker__user"))
        users = {user.pk: user for user in _users(workers.values())}
        periods = PeriodOfCare.objects.select_related("child").order_by("started_on", "pk")
        for period in periods:
            actor = users.get(workers.get(period.referral_id)) or self.sim.users["sm"]
            self._peps(actor, period)
        assessments = HealthCheck.objects.filter(
            kind__in=(HealthCheckKind.INITIAL, HealthCheckKind.REVIEW), refused=False
        ).select_related("period")
        for assessment in assessments.order_by("done_on", "pk"):
            actor = users.get(workers.get(assessment.period.referral_id)) or self.sim.users["sm"]
            self._health_plan(actor, assessment)
        return self.counts

    def _peps(self, actor, period) -> None:
        window = school_age_window(period.child.date_of_birth)
        if window is None:
            return
        first_day = max(period.started_on, window[0])
        last_day = min(period.ended_on or self.today, self.today, window[1])
        if first_day > last_day:
            return
        late = self.random.random() >= FIRST_PEP_ON_TIME
        day = first_day + datetime.timedelta(days=self.random.randint(29, 70) if late else self.random.randint(3, 26))
        school = self.random.choice(SCHOOLS)
        teacher = self.random.choice(TEACHERS)
        while day <= last_day:
            if self._record(
                "personal education plans",
                pep_record,
                actor=actor,
                period_id=period.pk,
                held_on=day,
                school=school,
                designated_teacher=teacher,
                virtual_school=self.random.choices(list(VIRTUAL_SCHOOL), weights=list(VIRTUAL_SCHOOL.values()))[0],
                targets=self.random.choice(TARGETS),
            ):
                if self.random.random() < 0.1:  # a move of school now and then
                    school, teacher = self.random.choice(SCHOOLS), self.random.choice(TEACHERS)
            # The next term's PEP (most terms; now and then one or two terms are missed, and the PEP
            # falls overdue until the next one).
            terms_on = 1
            while terms_on < 3 and self.random.random() >= PEP_IN_A_TERM:
                terms_on += 1
            next_term_starts = term_end(day, terms_on - 1) + datetime.timedelta(days=1)
            next_term_ends = term_end(day, terms_on)
            day = next_term_starts + datetime.timedelta(
                days=self.random.randint(7, max(7, (next_term_ends - next_term_starts).days - 20))
            )

    def _health_plan(self, actor, assessment) -> None:
        period = assessment.period
        if self.random.random() >= HEALTH_PLAN_WRITTEN:
            return
        day = assessment.done_on + datetime.timedelta(days=self.random.randint(0, 14))
        if day > min(period.ended_on or self.today, self.today):
            return
        self._record(
            "health plans",
            health_plan_record,
            actor=actor,
            assessment_id=assessment.pk,
            agreed_on=day,
            actions=self.random.choice(HEALTH_ACTIONS),
            lead=self.random.choice(HEALTH_LEADS),
        )

    def _record(self, count: str, service, **arguments) -> bool:
        try:
            service(**arguments)
        except ValidationError:
            return False  # e.g. a day past the child's school years: refused, as a worker's would be
        self.counts[count] += 1
        return True


def _users(ids):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk__in=set(ids))


def simulate_plans(sim) -> dict:
    """Records PEPs and health plans for every period of care; returns the counts."""
    return PlansSimulation(sim).run()
