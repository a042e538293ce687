"""Case audits in the synthetic council: each of the last few months, the quality officer, the
head of service and the team managers audit a handful of open cases through the services, with
a spread of grades like the seeds' audit reports (most good or requiring improvement, a few
outstanding or inadequate). Cases below good get actions for the worker who held the case on the
day; most actions due by now are done, some are left overdue. A few are left for the demo's social
worker (`sw`) to find on their worklist. An audit is office work: it falls on a working day of the
council's calendar (never a weekend or a bank holiday). Cheap: a few dozen audits."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from hearth.calendar.workingdays import add_months
from hearth.frontdoor.models import Referral
from hearth.quality.models import GRADES_NEEDING_AN_ACTION, Grade
from hearth.quality.selectors import holder_on
from hearth.quality.services import ActionDraft, audit_action_complete, case_audit_record
from hearth.workforce.models import Allocation

MONTHS_AUDITED = 6
AUDITS_PER_MONTH = 6
GRADE_WEIGHTS = {Grade.OUTSTANDING: 6, Grade.GOOD: 44, Grade.REQUIRES_IMPROVEMENT: 38, Grade.INADEQUATE: 12}
THEMES = ["", "", "Children in need plans", "Child sexual exploitation risk assessments", "The child's voice"]
STRENGTHS = [
    "Visits are on time and the child is seen alone; the worker knows the family well.",
    "The assessment is thorough and analyses the history; partners' views are recorded.",
    "Management oversight is recorded at each decision point and the plan is specific.",
]
FINDINGS = [
    "The plan has not been updated since the last review and its actions have no dates.",
    "The child's wishes and feelings are not recorded in the child's own words.",
    "There is no recorded supervision on the case in the last two months.",
    "The chronology has not been kept up to date; recent police incidents are missing.",
]
ACTIONS = [
    "Update the plan with the family: specific actions, who does them and by when",
    "See the child alone and record their wishes and feelings in their words",
    "Bring the case to supervision and record the manager's decision",
    "Bring the chronology up to date with the recent incidents",
]
RESPONSES = [
    "Done at the home visit; the plan is updated and shared with the family",
    "Discussed in supervision; decision recorded on the case",
    "Completed and uploaded; the team manager has checked it",
]


def working_day_near(calendar, drawn: datetime.date, first: datetime.date, last: datetime.date) -> datetime.date | None:
    """The drawn day moved to a working day inside `first` to `last`: the next one on or after it,
    else the last one before it; None if the window has none. Moved rather than drawn again, so the
    generator's draws, and the rest of the council after the audits, are the same as before."""
    day = drawn
    while day <= last and not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    if day <= last:
        return day
    day = drawn
    while day >= first and not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day if day >= first else None


def simulate_case_audits(sim) -> dict:
    random = sim.random
    auditors = [sim.users["perf"], sim.users["sm"]]
    open_cases = list(
        Referral.objects.filter(closed_on__isnull=True, child__seal__isnull=True, child__restriction__isnull=True)
        .filter(Exists(Allocation.objects.filter(referral=OuterRef("pk"), ended_on__isnull=True)))
        .select_related("child", "team")
        .prefetch_related("allocations__worker__user")
        .order_by("pk")
    )
    audits = actions = done = 0
    this_month = sim.today.replace(day=1)
    for back in range(MONTHS_AUDITED - 1, -1, -1):
        month = add_months(this_month, -back)
        if month < sim.first_day:
            continue
        last_day = min(add_months(month, 1) - datetime.timedelta(days=1), sim.today)
        candidates = [r for r in open_cases if holder_on(r, month) is not None]
        chosen = random.sample(candidates, min(AUDITS_PER_MONTH, len(candidates)))
        # The demo social worker's cases are audited each month, so `sw` has actions to find.
        sams = [r for r in candidates if holder_on(r, month).user.username == "sw" and r not in chosen]
        chosen += sams[:1]
        for referral in chosen:
            drawn = month + datetime.timedelta(days=random.randrange((last_day - month).days + 1))
            audited_on = working_day_near(sim.calendar, drawn, month, last_day)
            holder = holder_on(referral, audited_on) if audited_on is not None else None
            if holder is None:
                continue
            grade = random.choices(list(GRADE_WEIGHTS), weights=list(GRADE_WEIGHTS.values()))[0]
            if holder.user.username == "sw" and back == 0:
                grade = Grade.REQUIRES_IMPROVEMENT  # something for the demo worker to act on this month
            needs_actions = grade in GRADES_NEEDING_AN_ACTION or random.random() < 0.2
            drafts = [
                ActionDraft(action, holder.pk, audited_on + datetime.timedelta(days=random.choice((14, 21, 28))))
                for action in random.sample(ACTIONS, random.choice((1, 2)) if needs_actions else 0)
            ]
            auditor = random.choice(auditors + [sim.users["managers"][referral.team_id]])
            try:
                audit = case_audit_record(
                    actor=auditor,
                    referral_id=referral.pk,
                    audited_on=audited_on,
                    grade=grade,
                    theme=random.choice(THEMES),
                    strengths=random.choice(STRENGTHS),
                    findings=random.choice(FINDINGS),
                    child_voice_evident=random.random() < 0.7,
                    actions=drafts,
                )
            except ValidationError:
                continue  # e.g. the same auditor on the same case and day: the service refuses it
            audits += 1
            for action in audit.actions.all():
                actions += 1
                # Most actions due by now are done, by the due date or a little after; some are left overdue.
                # The demo worker's from this month's audit stay open, for them to find on their worklist.
                for_the_demo_worker = holder.user.username == "sw" and back == 0
                if action.due_on < sim.today and random.random() < 0.7 and not for_the_demo_worker:
                    completed_on = min(action.due_on + datetime.timedelta(days=random.randrange(-7, 8)), sim.today)
                    audit_action_complete(
                        actor=holder.user,
                        action_id=action.pk,
                        version=action.version,
                        completed_on=max(completed_on, audited_on),
                        response=random.choice(RESPONSES),
                    )
                    done += 1
    return {"case audits": audits, "audit actions": actions, "audit actions done": done}
