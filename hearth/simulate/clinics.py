"""Performance clinics in the synthetic council (issue 19, docs/workforce.md "Performance clinics"):
the performance team sets targets for supervision in timescale (W05, W06), then holds a clinic four
weeks ago on each of W05, W06 and A01 (with the reason written down where the figure was not red),
agreeing actions for the team managers, one done since; and a follow-up clinic this week on each, so
the first shows the value at the next. Run after the council's targets are set."""

import datetime
from decimal import Decimal

from hearth.core import collection_years
from hearth.performance.services import target_set
from hearth.quality.services_clinics import ClinicActionDraft, clinic_action_complete, clinic_hold
from hearth.workforce.models import Team

CLINIC_TARGETS = (("W05", "95", "5"), ("W06", "95", "5"))
CLINIC_INDICATORS = ("W05", "W06", "A01")
ACTIONS = {
    "W05": "Book every worker's supervision for the next three months and tell the performance team of any gap",
    "W06": "Case supervision for every child whose last is overdue, starting with children on plans",
    "A01": "Review the open assessments past 35 working days with each worker and agree a date to authorise",
}
REASON = "Held as the figure approached its target's edge, before it turned red"


def simulate_clinics(sim) -> dict:
    officer = sim.users["perf"]
    this_year = collection_years.year_start_of(sim.today).year
    for year in (this_year - 1, this_year):
        for indicator_id, target, tolerance in CLINIC_TARGETS:
            target_set(
                actor=officer,
                indicator_id=indicator_id,
                year=year,
                target=Decimal(target),
                tolerance=Decimal(tolerance),
            )
    managers = [team.manager for team in Team.objects.exclude(manager=None).select_related("manager__user")][:2]
    first_day = sim.today - datetime.timedelta(days=28)
    if not managers or first_day < sim.first_day:
        return {"performance clinics": 0}
    attendees = "\n".join(
        [f"{officer.get_full_name()}, performance and quality officer"]
        + [f"{manager}, team manager ({manager.team})" for manager in managers]
    )
    held = 0
    for indicator_id in CLINIC_INDICATORS:
        for day, due_in in ((first_day, 14), (sim.today, 21)):
            clinic = clinic_hold(
                actor=officer,
                indicator_id=indicator_id,
                held_on=day,
                attendees=attendees,
                reason_not_red=REASON,  # kept only where the figure was not red
                actions=[
                    ClinicActionDraft(ACTIONS[indicator_id], manager.pk, day + datetime.timedelta(days=due_in))
                    for manager in managers
                ],
            )
            held += 1
            if day == first_day:  # the first manager's action is done since; the other is still open
                action = clinic.actions.order_by("pk").first()
                clinic_action_complete(
                    actor=action.owner.user,
                    action_id=action.pk,
                    version=action.version,
                    completed_on=day + datetime.timedelta(days=10),
                    response="Done: dates booked and shared with the team",
                )
    return {"performance clinics": held}
